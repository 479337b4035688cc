import type { z } from 'zod';
import { registerControls } from '../toolkit';
import { channel } from './host';

/**
 * The handshake every panel app does: define the controls, listen, then say
 * "ready"; the host answers with `init`, which carries the translated
 * strings. `t` reads them (English until they arrive).
 */
export function panelApp<ToHost extends { type: string }, ToWebview extends { type: string }>(toHost: z.ZodType<ToHost>, toWebview: z.ZodType<ToWebview>) {
  const host = channel<ToHost, ToWebview>(toHost, toWebview);
  let strings: Record<string, string> = {};
  return {
    host,
    t: (text: string): string => strings[text] ?? text,
    /** {0}-style placeholders of a translated string. */
    fmt: (text: string, ...args: string[]): string => (strings[text] ?? text).replace(/\{(\d+)\}/g, (_, i: string) => args[Number(i)] ?? ''),
    start(handler: (message: ToWebview) => void): void {
      registerControls();
      host.onMessage((message) => {
        if (message.type === 'init' && 'strings' in message) {
          strings = (message as { strings: Record<string, string> }).strings;
        }
        handler(message);
      });
      host.post({ type: 'ready' } as ToHost);
    },
  };
}

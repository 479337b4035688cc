import type { z } from 'zod';
import type { Said } from '../../src/protocol/said';
import { registerControls } from '../toolkit';
import { channel } from './host';

/**
 * The handshake every panel app does: define the controls, listen, then say
 * "ready"; the host answers with `init`, which carries the translated
 * strings. `t` is the panel's one translation helper: a string of the
 * panel's own list (`Text`) with its {0}-style values, or a sentence the
 * shared rules wrote (a `Said`); English until the strings arrive.
 */
export function panelApp<ToHost extends { type: string }, ToWebview extends { type: string }, Text extends string>(toHost: z.ZodType<ToHost>, toWebview: z.ZodType<ToWebview>) {
  const host = channel<ToHost, ToWebview>(toHost, toWebview);
  let strings: Record<string, string> = {};
  return {
    host,
    t(text: Text | Said, ...args: string[]): string {
      const [english, values] = typeof text === 'string' ? [text, args] : [text.text, text.args];
      return (strings[english] ?? english).replace(/\{(\d+)\}/g, (_, i: string) => values[Number(i)] ?? '');
    },
    start(handler: (message: ToWebview) => void): void {
      registerControls();
      host.onMessage((message) => {
        if ((message.type === 'init' || message.type === 'initError') && 'strings' in message) {
          strings = (message as { strings: Record<string, string> }).strings;
        }
        handler(message);
      });
      host.post({ type: 'ready' } as ToHost);
    },
  };
}

import type { z } from 'zod';

const api = acquireVsCodeApi();

/**
 * Typed channel to the extension host: outgoing messages are checked with the
 * protocol schema before they leave, incoming ones before they are used.
 */
export function channel<ToHost, ToWebview>(toHost: z.ZodType<ToHost>, toWebview: z.ZodType<ToWebview>) {
  return {
    post(message: ToHost): void {
      api.postMessage(toHost.parse(message));
    },
    onMessage(handler: (message: ToWebview) => void): void {
      window.addEventListener('message', (event: MessageEvent<unknown>) => {
        const parsed = toWebview.safeParse(event.data);
        if (parsed.success) {
          handler(parsed.data);
        } else {
          console.warn('Ignored a malformed message from the extension', parsed.error.issues[0]);
        }
      });
    },
    getState<T>(): T | undefined {
      return api.getState() as T | undefined;
    },
    setState<T>(state: T): void {
      api.setState(state);
    },
  };
}

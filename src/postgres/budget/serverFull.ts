/**
 * A server with no free connection slot answers SQLSTATE 53300: the
 * database's CONNECTION LIMIT, the role's, or the server's max_connections
 * (what is left being reserved for superusers). That passes as other
 * clients finish: wait and try again, with backoff and jitter so that a
 * team's windows do not all come back at once, for a while; then say which
 * limit it was and what to do.
 */
import { LeaveQueue } from './connectionGate';

export type FullLimit = 'database' | 'role' | 'server';

/** Which limit a refusal names, or undefined when it is not one. */
export function fullLimitOf(err: unknown): FullLimit | undefined {
  const code = (err as { code?: unknown } | undefined)?.code;
  if (code !== '53300' || !(err instanceof Error)) {
    return undefined;
  }
  if (/too many connections for database/i.test(err.message)) {
    return 'database';
  }
  if (/too many connections for role/i.test(err.message)) {
    return 'role';
  }
  return 'server';
}

/** Every try for `waitedMs` found the server full. */
export class ServerFull extends Error {
  readonly code = '53300';
  constructor(
    readonly limit: FullLimit,
    readonly waitedMs: number,
    readonly cause: Error,
  ) {
    super(cause.message);
    this.name = 'ServerFull';
  }
}

export interface WaitOptions {
  /** How long to keep trying. */
  readonly waitMs: number;
  /** The user's Cancel. */
  readonly signal?: AbortSignal;
  /** Told when the first refusal comes: returns what to call once the wait is over (the UI's "Waiting…" goes), and the UI's own Cancel. */
  readonly onWaiting?: (limit: FullLimit) => { readonly done: () => void; readonly signal?: AbortSignal };
  readonly random?: () => number;
}

const FIRST_DELAY_MS = 250;
const LONGEST_DELAY_MS = 4_000;

/** Sleeps `ms`, or less if the signal aborts (then rejects with LeaveQueue). */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new LeaveQueue());
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop);
      resolve();
    }, ms);
    const stop = (): void => {
      clearTimeout(timer);
      reject(new LeaveQueue());
    };
    signal?.addEventListener('abort', stop, { once: true });
  });
}

/** Runs `connect`, trying again while the server is full, up to `waitMs`. */
export async function connectWaiting<T>(connect: () => Promise<T>, options: WaitOptions): Promise<T> {
  const random = options.random ?? Math.random;
  const started = Date.now();
  let waiting: { readonly done: () => void; readonly signal?: AbortSignal } | undefined;
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        return await connect();
      } catch (err) {
        const limit = fullLimitOf(err);
        if (!limit) {
          throw err;
        }
        const waited = Date.now() - started;
        if (waited >= options.waitMs) {
          throw new ServerFull(limit, waited, err as Error);
        }
        waiting ??= options.onWaiting?.(limit) ?? { done: () => undefined };
        const signals = [options.signal, waiting.signal].filter((s): s is AbortSignal => s !== undefined);
        // Full jitter over an exponential step, never past the deadline.
        const step = Math.min(LONGEST_DELAY_MS, FIRST_DELAY_MS * 2 ** attempt);
        await pause(Math.min(options.waitMs - waited, step * (0.5 + random() / 2)), signals.length > 0 ? AbortSignal.any(signals) : undefined);
      }
    }
  } finally {
    waiting?.done();
  }
}

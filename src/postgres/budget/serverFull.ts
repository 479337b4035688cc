/**
 * A server with no free connection slot answers SQLSTATE 53300: the
 * database's CONNECTION LIMIT, the role's, or the server's max_connections
 * (what is left being reserved for superusers). That passes as other
 * clients finish: wait and try again, with backoff and jitter so that a
 * team's windows do not all come back at once, for a while; then say which
 * limit it was and what to do.
 */
import { LeaveQueue } from './connectionGate';

/** Whose limit: the database's CONNECTION LIMIT, the role's, the server's max_connections, or a pooler's (PgBouncer's queue or max_client_conn). */
export type FullLimit = 'database' | 'role' | 'server' | 'pooler';

/** PgBouncer's refusal when it has as many clients as it accepts (a protocol error, 08P01, by its message). */
const POOLER_FULL = /no more connections allowed \(max_client_conn\)/i;
/** PgBouncer's end of a client it held in its queue past its own timeout (08P01, by its message). */
const POOLER_GAVE_UP = /^(query_wait_timeout|client_login_timeout)/i;

/** The pooler waited as long as its admin allows and gave up: said as a full pooler, not tried again. */
export function poolerGaveUp(err: unknown): boolean {
  return err instanceof Error && !(err instanceof ServerFull) && POOLER_GAVE_UP.test(err.message);
}

/** Which limit a refusal names, or undefined when it is not one. */
export function fullLimitOf(err: unknown): FullLimit | undefined {
  if (err instanceof ServerFull || !(err instanceof Error)) {
    return undefined;
  }
  const code = (err as { code?: unknown }).code;
  if (POOLER_FULL.test(err.message)) {
    return 'pooler';
  }
  if (code !== '53300') {
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

export interface WaitOptions<T> {
  /** How long to keep trying. */
  readonly waitMs: number;
  /** The user's Cancel. */
  readonly signal?: AbortSignal;
  /** Told when the first refusal comes: returns what to call once the wait is over (the UI's "Waiting…" goes), and the UI's own Cancel. */
  readonly onWaiting?: (limit: FullLimit) => { readonly done: () => void; readonly signal?: AbortSignal };
  readonly random?: () => number;
  /**
   * Through a pooler a login is not refused but held in its queue: after
   * this long without a connection the wait is said (onWaiting('pooler'))
   * and Cancel works on it. Left out, a try is waited for as it comes.
   */
  readonly slowAfterMs?: number;
  /** What to do with a connection that arrives after Cancel (give it back). */
  readonly discard?: (late: T) => void;
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

/** Settles as `pending`, or rejects with LeaveQueue when the signal aborts first (a late value goes to `discard`). */
function unlessAborted<T>(pending: Promise<T>, signal: AbortSignal | undefined, discard: ((late: T) => void) | undefined): Promise<T> {
  if (!signal) {
    return pending;
  }
  return new Promise<T>((resolve, reject) => {
    const stop = (): void => {
      reject(new LeaveQueue());
      pending.then((late) => discard?.(late), () => undefined);
    };
    if (signal.aborted) {
      stop();
      return;
    }
    signal.addEventListener('abort', stop, { once: true });
    pending.then(
      (value) => {
        signal.removeEventListener('abort', stop);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', stop);
        reject(err);
      },
    );
  });
}

const SLOW = Symbol('slow');

/** Runs `connect`, trying again while the server is full, up to `waitMs`. */
export async function connectWaiting<T>(connect: () => Promise<T>, options: WaitOptions<T>): Promise<T> {
  const random = options.random ?? Math.random;
  const started = Date.now();
  let waiting: { readonly done: () => void; readonly signal?: AbortSignal } | undefined;
  const cancelled = (): AbortSignal | undefined => {
    const signals = [options.signal, waiting?.signal].filter((s): s is AbortSignal => s !== undefined);
    return signals.length > 1 ? AbortSignal.any(signals) : signals[0];
  };
  /** One try; through a pooler, a try still pending after slowAfterMs is said to be waiting. */
  const once = async (): Promise<T> => {
    const pending = connect();
    if (options.slowAfterMs === undefined) {
      return unlessAborted(pending, cancelled(), options.discard);
    }
    let timer: NodeJS.Timeout | undefined;
    const slow = new Promise<typeof SLOW>((resolve) => (timer = setTimeout(() => resolve(SLOW), options.slowAfterMs)));
    try {
      const first = await unlessAborted(Promise.race([pending, slow]), cancelled(), undefined);
      if (first !== SLOW) {
        return first;
      }
    } catch (err) {
      pending.then((late) => options.discard?.(late), () => undefined);
      throw err;
    } finally {
      clearTimeout(timer);
    }
    waiting ??= options.onWaiting?.('pooler') ?? { done: () => undefined };
    return unlessAborted(pending, cancelled(), options.discard);
  };
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        return await once();
      } catch (err) {
        const limit = fullLimitOf(err);
        if (!limit && !poolerGaveUp(err)) {
          throw err;
        }
        const waited = Date.now() - started;
        if (!limit || waited >= options.waitMs) {
          throw new ServerFull(limit ?? 'pooler', waited, err as Error);
        }
        waiting ??= options.onWaiting?.(limit) ?? { done: () => undefined };
        // Full jitter over an exponential step, never past the deadline.
        const step = Math.min(LONGEST_DELAY_MS, FIRST_DELAY_MS * 2 ** attempt);
        await pause(Math.min(options.waitMs - waited, step * (0.5 + random() / 2)), cancelled());
      }
    }
  } finally {
    waiting?.done();
  }
}

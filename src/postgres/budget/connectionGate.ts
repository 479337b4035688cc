/**
 * How many connections one window holds to one database, and who gets the
 * next one: a page of a visible preview before the tree, the tree before
 * counts and exports. Background work (counts, exports) never holds the
 * last connection, so a long export cannot keep a page waiting for more
 * than another page's time. Pure: no connection is made here.
 */

/** What a connection is for, most urgent first. */
export const PRIORITIES = ['page', 'interactive', 'background'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Thrown to work that gave up its place in the queue (its caller cancelled). */
export class LeaveQueue extends Error {
  constructor() {
    super('Stopped waiting for a connection');
    this.name = 'LeaveQueue';
  }
}

interface Waiter {
  readonly priority: Priority;
  readonly seq: number;
  readonly grant: () => void;
}

export class ConnectionGate {
  private inUse = 0;
  private background = 0;
  private seq = 0;
  private readonly waiters: Waiter[] = [];

  /** `limit`: connections at once; at least 2, so that one is always left for a page. */
  constructor(private limit: number) {
    this.limit = Math.max(2, Math.floor(limit));
  }

  /** The setting changed: applies to the next grants. */
  setLimit(limit: number): void {
    this.limit = Math.max(2, Math.floor(limit));
    this.wake();
  }

  get state(): { readonly inUse: number; readonly waiting: number; readonly limit: number } {
    return { inUse: this.inUse, waiting: this.waiters.length, limit: this.limit };
  }

  /** Whether work of this priority may start now. */
  private mayStart(priority: Priority): boolean {
    return this.inUse < this.limit && (priority !== 'background' || this.background < this.limit - 1);
  }

  /**
   * Resolves once the work may hold a connection; `release` must follow.
   * `signal`: aborting it leaves the queue (rejects with LeaveQueue).
   * `onQueued` is told when the work has to wait.
   */
  acquire(priority: Priority, signal?: AbortSignal, onQueued?: (waiting: number) => void): Promise<void> {
    if (signal?.aborted) {
      return Promise.reject(new LeaveQueue());
    }
    if (this.waiters.length === 0 && this.mayStart(priority)) {
      this.take(priority);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        priority,
        seq: this.seq++,
        grant: () => {
          signal?.removeEventListener('abort', leave);
          this.take(priority);
          resolve();
        },
      };
      const leave = (): void => {
        const at = this.waiters.indexOf(waiter);
        if (at >= 0) {
          this.waiters.splice(at, 1);
          reject(new LeaveQueue());
          this.wake();
        }
      };
      signal?.addEventListener('abort', leave, { once: true });
      this.waiters.push(waiter);
      onQueued?.(this.waiters.length);
      // A waiter of higher priority than those ahead may start at once.
      this.wake();
    });
  }

  release(priority: Priority): void {
    this.inUse -= 1;
    if (priority === 'background') {
      this.background -= 1;
    }
    this.wake();
  }

  private take(priority: Priority): void {
    this.inUse += 1;
    if (priority === 'background') {
      this.background += 1;
    }
  }

  /** Grants what may start, most urgent first, first come first served within a priority. */
  private wake(): void {
    for (;;) {
      const next = this.waiters
        .filter((w) => this.mayStart(w.priority))
        .sort((a, b) => PRIORITIES.indexOf(a.priority) - PRIORITIES.indexOf(b.priority) || a.seq - b.seq)[0];
      if (!next) {
        return;
      }
      this.waiters.splice(this.waiters.indexOf(next), 1);
      next.grant();
    }
  }
}

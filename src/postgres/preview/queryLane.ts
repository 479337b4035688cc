import type { ClientBase } from 'pg';
import { cancelRunningQuery } from '../cancel';
import type { Priority } from '../budget/connectionGate';
import { brokenBy, type LeaseSource } from '../pools';
import { readOnly, type StatementTimeout } from '../readOnly';

/** Thrown to a caller whose work was cancelled (panel closed, newer request, user's Cancel). */
export class Cancelled extends Error {
  constructor(readonly reason: 'closed' | 'superseded' | 'user') {
    super(reason === 'closed' ? 'The preview was closed' : reason === 'superseded' ? 'A newer request replaced this one' : 'Cancelled');
  }
}

interface Running {
  cancelled: Cancelled | undefined;
  readonly tag: string | undefined;
  /** Aborted by a cancel: the work leaves the window's queue if it still waits there. */
  readonly waiting: AbortController;
  client: ClientBase | undefined;
  /** A CancelRequest went to this connection's backend: it may land after the work, so the connection is not reused. */
  cancelSent: boolean;
}

/**
 * Work of one kind for a preview panel (its pages, its counts, its export),
 * one piece at a time, each on a connection leased from the window's pools
 * for that piece only (so a panel holds a connection only while it reads,
 * within the window's budget for the database), and able to stop the piece
 * that runs now: a CancelRequest to the server, so nothing keeps running in
 * pg_stat_activity after the caller gave up, or leaving the queue if it
 * still waits for a connection.
 */
export class QueryLane {
  private tail: Promise<unknown> = Promise.resolve();
  private running: Running | undefined;
  private closed = false;

  /**
   * `transaction: 'read-only'` runs each piece of work in its own read-only transaction
   * (readOnly.ts), with `statementTimeout` for its statements; 'own': the work manages it.
   */
  constructor(
    private readonly source: LeaseSource,
    private readonly priority: Priority,
    private readonly statementTimeout: StatementTimeout | undefined,
    private readonly transaction: 'read-only' | 'own',
  ) {}

  /**
   * `tag` names the kind of work, so a cancel can aim at one kind only (a newer page, not an open value).
   * `work` gets `stopped`, true once its cancel was asked: a CancelRequest that reaches the server
   * between two statements stops nothing, so work of several statements checks it itself.
   */
  run<T>(work: (client: ClientBase, stopped: () => boolean) => Promise<T>, stillWanted: () => Cancelled | undefined = () => undefined, tag?: string): Promise<T> {
    const result = this.tail.then(async () => {
      const gone = this.closed ? new Cancelled('closed') : stillWanted();
      if (gone) {
        throw gone;
      }
      const running: Running = { cancelled: undefined, tag, waiting: new AbortController(), client: undefined, cancelSent: false };
      this.running = running;
      let broken: Error | undefined;
      const lease = await this.source.lease(this.priority, running.waiting.signal).catch((err: unknown) => {
        this.running = undefined;
        throw running.cancelled ?? err;
      });
      try {
        const client = lease.client;
        running.client = client;
        if (running.cancelled) {
          throw running.cancelled;
        }
        const stopped = (): boolean => running.cancelled !== undefined;
        const result =
          this.transaction === 'read-only' ? await readOnly(client, () => work(client, stopped), { statementTimeout: this.statementTimeout }) : await work(client, stopped);
        // The work may end on its own while its cancel is on the way: the caller asked to stop, so it stopped.
        if (running.cancelled) {
          throw running.cancelled;
        }
        return result;
      } catch (err) {
        broken = brokenBy(err);
        throw running.cancelled ?? err;
      } finally {
        this.running = undefined;
        lease.release(broken ?? (running.cancelSent ? new Error('cancelled: not reused, the cancel may still land') : undefined));
      }
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Stops the work running now, if any (and if of kind `tag` when given); it rejects with `reason`. */
  async cancel(reason: Cancelled, tag?: string): Promise<void> {
    const running = this.running;
    if (!running || running.cancelled || (tag !== undefined && running.tag !== tag)) {
      return;
    }
    running.cancelled = reason;
    running.waiting.abort();
    if (running.client) {
      running.cancelSent = true;
      await cancelRunningQuery(running.client, this.source.login.host, this.source.login.port);
    }
  }

  /** Stops what the server runs for this lane without marking it cancelled: the work sees the server's error. */
  async interrupt(): Promise<void> {
    const running = this.running;
    if (running?.client) {
      running.cancelSent = true;
      await cancelRunningQuery(running.client, this.source.login.host, this.source.login.port);
    }
  }

  /** Cancels what runs; nothing is held between pieces of work. */
  async close(): Promise<void> {
    this.closed = true;
    await this.cancel(new Cancelled('closed'));
    await this.tail;
  }
}

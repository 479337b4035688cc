import type { Client } from 'pg';
import { cancelRunningQuery } from '../cancel';
import { connect, type Login } from '../connect';
import { readOnly } from '../readOnly';

/** Thrown to a caller whose work was cancelled (panel closed, newer request, user's Cancel). */
export class Cancelled extends Error {
  constructor(readonly reason: 'closed' | 'superseded' | 'user') {
    super(reason === 'closed' ? 'The preview was closed' : reason === 'superseded' ? 'A newer request replaced this one' : 'Cancelled');
  }
}

interface Running {
  cancelled: Cancelled | undefined;
  readonly tag: string | undefined;
}

/**
 * One dedicated connection that runs work one piece at a time and can stop
 * the piece that runs now: a CancelRequest to the server, so nothing keeps
 * running in pg_stat_activity after the caller gave up. Reconnects on the
 * next piece of work if the server dropped the connection.
 */
export class QueryLane {
  private client: Promise<Client> | undefined;
  private tail: Promise<unknown> = Promise.resolve();
  private running: Running | undefined;
  private closed = false;

  /** `transaction: 'read-only'` runs each piece of work in its own read-only transaction (readOnly.ts); 'own': the work manages it. */
  constructor(
    private readonly login: Login,
    private readonly statementTimeoutMs: number | undefined,
    private readonly transaction: 'read-only' | 'own',
  ) {}

  /**
   * `tag` names the kind of work, so a cancel can aim at one kind only (a newer page, not an open value).
   * `work` gets `stopped`, true once its cancel was asked: a CancelRequest that reaches the server
   * between two statements stops nothing, so work of several statements checks it itself.
   */
  run<T>(work: (client: Client, stopped: () => boolean) => Promise<T>, stillWanted: () => Cancelled | undefined = () => undefined, tag?: string): Promise<T> {
    const result = this.tail.then(async () => {
      const gone = this.closed ? new Cancelled('closed') : stillWanted();
      if (gone) {
        throw gone;
      }
      const running: Running = { cancelled: undefined, tag };
      this.running = running;
      try {
        const client = await this.connection();
        if (running.cancelled) {
          throw running.cancelled;
        }
        const stopped = (): boolean => running.cancelled !== undefined;
        const result = this.transaction === 'read-only' ? await readOnly(client, () => work(client, stopped)) : await work(client, stopped);
        // The work may end on its own while its cancel is on the way: the caller asked to stop, so it stopped.
        if (running.cancelled) {
          throw running.cancelled;
        }
        return result;
      } catch (err) {
        throw running.cancelled ?? err;
      } finally {
        this.running = undefined;
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
    const client = await this.client?.catch(() => undefined);
    if (client) {
      await cancelRunningQuery(client, this.login.host, this.login.port);
    }
  }

  /** Stops what the server runs for this lane without marking it cancelled: the work sees the server's error. */
  async interrupt(): Promise<void> {
    const client = this.running ? await this.client?.catch(() => undefined) : undefined;
    if (client) {
      await cancelRunningQuery(client, this.login.host, this.login.port);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.cancel(new Cancelled('closed'));
    await this.tail;
    const client = await this.client?.catch(() => undefined);
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private connection(): Promise<Client> {
    if (!this.client) {
      const opening = connect(this.login).then(async (client) => {
        // A dropped connection may say so by 'error' before (or without) 'end': either way, the next work reconnects.
        const forget = (): void => {
          if (this.client === opening) {
            this.client = undefined;
          }
        };
        client.on('end', forget);
        client.on('error', forget);
        if (this.statementTimeoutMs !== undefined) {
          await client.query(`SET statement_timeout = ${Math.floor(this.statementTimeoutMs)}`);
        }
        return client;
      });
      opening.catch(() => {
        if (this.client === opening) {
          this.client = undefined;
        }
      });
      this.client = opening;
    }
    return this.client;
  }
}


import type { Pool, PoolClient } from 'pg';
import { pg } from './pgDriver';
import { attemptConfig, CONNECT_TIMEOUT_MS, DEFAULT_WAIT_MS, POOLER_LOGIN_MS, explainAttemptError, refuseMissingThroughPooler, type Login } from './connect';
import { readOnly } from './readOnly';
import { attemptsFor, tryInOrder, type Attempt } from './tls/attempts';
import type { TlsMaterial } from './tls/tlsMaterial';
import { tlsOfClient, type TlsInUse } from './tls/tlsInUse';
import { ConnectionGate, type Priority } from './budget/connectionGate';
import { connectWaiting, poolerGaveUp, ServerFull, type FullLimit } from './budget/serverFull';

/** How long a pool with no checked-out client stays open. */
const IDLE_POOL_MS = 5 * 60_000;
/** How long a statement of the tree's reads may run (set per transaction). */
const STATEMENT_TIMEOUT_MS = 30_000;
/** Through a pooler, how long a login may take before the window says it waits (a pooler's login is a few ms when it has room). */
const POOLER_SLOW_MS = 1_000;

/** pg's own words when a connection was not made in connectionTimeoutMillis. */
const CONNECT_TIMED_OUT = /connection timeout|timeout expired|timeout exceeded when trying to connect/i;

/**
 * What one window may take of a team's server (the settings
 * openhexa.connections.*): connections per database at once, how long an
 * idle one stays open, how long to wait for a slot when the server is full.
 */
export interface ConnectionLimits {
  readonly perDatabase: number;
  readonly idleMs: number;
  readonly waitMs: number;
}

export const DEFAULT_LIMITS: ConnectionLimits = { perDatabase: 2, idleMs: 5_000, waitMs: DEFAULT_WAIT_MS };

/** What the window is told about waiting (the Logs, and the UI's "Waiting for a free connection…" with Cancel). */
export interface ConnectionEvents {
  /** Work waits in the window's queue: every connection to that database is in use. */
  queued?(login: Login, priority: Priority, state: { readonly inUse: number; readonly waiting: number; readonly limit: number }): void;
  /** The server refused a connection for want of a slot; the product tries again. Returns what ends the UI's wait, and its Cancel. */
  serverFull?(login: Login, limit: FullLimit): { readonly done: () => void; readonly signal?: AbortSignal };
}

/** A connection held for one piece of work; `release` gives it back (broken: closes it). */
export interface Lease {
  readonly client: PoolClient;
  release(broken?: Error): void;
}

/** Somewhere to lease connections to one login and database from (a window's pools, or a stand-in). */
export interface LeaseSource {
  lease(priority: Priority, signal?: AbortSignal): Promise<Lease>;
  readonly login: Login;
}

interface Entry {
  pool: Pool;
  timer: NodeJS.Timeout | undefined;
  busy: number;
  /** Secrets the pool was made with: a change makes a new pool. */
  secrets: string;
  material: TlsMaterial | undefined;
}

/** A connection error (no SQLSTATE) means the client is unusable: it leaves the pool. */
export function brokenBy(err: unknown): Error | undefined {
  return err instanceof Error && !('code' in err && typeof err.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code)) ? err : undefined;
}

/** A login and database, with the TLS settings (not the secrets: those are compared apart). */
function loginKey(login: Login): string {
  const { sslrootcert, sslcert, sslkey } = login.tls ?? {};
  return JSON.stringify([login.host, login.port, login.user, login.database, login.sslmode, sslrootcert, sslcert, sslkey]);
}

function secretsOf(login: Login): string {
  return JSON.stringify([login.password, login.tls?.sslpassword]);
}

/**
 * One pool per login and database, closed after a while unused and when the
 * password changes. A server that went away only fails the calls made while
 * it is away; the next call after it is back opens new connections.
 *
 * sslmode allow and prefer make two tries (postgres/tls/attempts): each try
 * has its own pool. A checkout takes an idle connection of either pool, or
 * opens a new one the way libpq does, every time from the first try: one
 * connection on which TLS was stripped (a proxy answering "no TLS") must
 * not make the next ones go without it.
 */
export class PoolRegistry {
  private readonly pools = new Map<string, Entry>();
  /** Per login and database: who holds its connections, who waits. */
  private readonly gates = new Map<string, ConnectionGate>();
  /** Per server (host:port): whether the last connection made there was encrypted. */
  private readonly encrypted = new Map<string, TlsInUse | undefined>();
  private limits: ConnectionLimits;

  constructor(
    limits: Partial<ConnectionLimits> = {},
    private readonly events: ConnectionEvents = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** The settings changed: queues follow at once, pools when they are next made. */
  setLimits(limits: Partial<ConnectionLimits>): void {
    this.limits = { ...this.limits, ...limits };
    for (const gate of this.gates.values()) {
      gate.setLimit(this.limits.perDatabase);
    }
  }

  /** Reads workspace data: a READ ONLY transaction with search_path pinned, ended by ROLLBACK (see readOnly.ts). */
  browse<T>(login: Login, run: (client: PoolClient) => Promise<T>, priority: Priority = 'interactive'): Promise<T> {
    return this.withClient(login, (client) => readOnly(client, () => run(client), { statementTimeout: STATEMENT_TIMEOUT_MS }), priority);
  }

  /** Leases for one login and database (a preview panel's lanes). */
  source(login: Login): LeaseSource {
    return { login, lease: (priority, signal) => this.lease(login, priority, signal) };
  }

  /**
   * A connection for one piece of work, once the window's budget for that
   * database allows it (most urgent first) and the server has a free slot
   * (waiting for one up to waitMs). Give it back with `release`.
   */
  async lease(login: Login, priority: Priority, signal?: AbortSignal): Promise<Lease> {
    const key = loginKey(login);
    let gate = this.gates.get(key);
    if (!gate) {
      gate = new ConnectionGate(this.limits.perDatabase);
      this.gates.set(key, gate);
    }
    const held = gate;
    await held.acquire(priority, signal, () => this.events.queued?.(login, priority, held.state));
    const started = Date.now();
    try {
      const { client, entry } = await connectWaiting(() => this.checkout(login, key), {
        waitMs: this.limits.waitMs,
        signal,
        onWaiting: (limit) => this.events.serverFull?.(login, limit) ?? { done: () => undefined },
        ...(login.pooler ? { slowAfterMs: POOLER_SLOW_MS } : {}),
        // Cancelled while a login was under way: the connection it makes is closed (a cancelled wait leaves nothing open on the server).
        discard: (late) => {
          late.client.release(true);
          this.idle(late.entry, login);
        },
      }).catch((err: unknown) => {
        // A pooler holds a login while it has no server connection to give: its timeout is a full pooler.
        if (login.pooler && err instanceof Error && CONNECT_TIMED_OUT.test(err.message)) {
          throw new ServerFull('pooler', Date.now() - started, err);
        }
        throw err;
      });
      let released = false;
      return {
        client,
        release: (broken) => {
          if (released) {
            return;
          }
          released = true;
          client.release(broken);
          this.idle(entry, login);
          held.release(priority);
        },
      };
    } catch (err) {
      held.release(priority);
      throw err;
    }
  }

  /** What TLS the last connection to this server had (undefined: none, or no connection yet). */
  tlsSeen(host: string, port: number): TlsInUse | undefined {
    return this.encrypted.get(`${host}:${port}`);
  }

  async withClient<T>(login: Login, run: (client: PoolClient) => Promise<T>, priority: Priority = 'interactive', signal?: AbortSignal): Promise<T> {
    const started = Date.now();
    const lease = await this.lease(login, priority, signal);
    let broken: Error | undefined;
    try {
      return await run(lease.client);
    } catch (err) {
      broken = brokenBy(err) ?? (poolerGaveUp(err) ? (err as Error) : undefined);
      // A statement the pooler held in its queue past its own timeout: said as a full pooler, as a held login is.
      if (login.pooler && poolerGaveUp(err)) {
        throw new ServerFull('pooler', Date.now() - started, err as Error);
      }
      throw err;
    } finally {
      lease.release(broken);
    }
  }

  /** An idle connection of either try's pool, else a new one by libpq's tries in order. */
  private async checkout(login: Login, key: string): Promise<{ client: PoolClient; entry: Entry }> {
    const attempts = attemptsFor(login.sslmode, login.host);
    if (!attempts.some((attempt) => this.pools.has(`${key}#${attempt}`))) {
      // The first connection to this database: through a pooler, one that does not exist is said at once.
      await refuseMissingThroughPooler(login);
    }
    // An open connection is reused whichever try made it; only a new one makes the tries again.
    const idle = attempts.find((attempt) => (this.pools.get(`${key}#${attempt}`)?.pool.idleCount ?? 0) > 0 && this.pools.get(`${key}#${attempt}`)?.secrets === secretsOf(login));
    const ordered = idle ? [idle] : attempts;
    return tryInOrder(login.sslmode, ordered, async (attempt) => {
      const entry = this.entryFor(login, attempt);
      entry.busy += 1;
      if (entry.timer) {
        clearTimeout(entry.timer);
        entry.timer = undefined;
      }
      try {
        // Synchronous up to taking an idle client, so the one seen above is the one taken.
        const client = await entry.pool.connect();
        this.encrypted.set(`${login.host}:${login.port}`, tlsOfClient(client, entry.material));
        return { client, entry };
      } catch (err) {
        this.idle(entry, login);
        throw explainAttemptError(err, entry.material);
      }
    });
  }

  private idle(entry: Entry, login: Login): void {
    entry.busy -= 1;
    if (entry.busy === 0) {
      entry.timer = setTimeout(() => void this.close(login), IDLE_POOL_MS);
      entry.timer.unref();
    }
  }

  private entryFor(login: Login, attempt: Attempt): Entry {
    const key = `${loginKey(login)}#${attempt}`;
    const secrets = secretsOf(login);
    const existing = this.pools.get(key);
    if (existing && existing.secrets === secrets) {
      return existing;
    }
    if (existing) {
      this.pools.delete(key);
      void existing.pool.end().catch(() => undefined);
    }
    // Through a pooler a login waits in its queue when it is full, until the pooler's own timeout (or a longer waitMs).
    const { config, material } = attemptConfig(login, attempt, login.pooler ? Math.max(this.limits.waitMs, POOLER_LOGIN_MS) : CONNECT_TIMEOUT_MS);
    // No statement_timeout as a startup parameter: a pooler such as PgBouncer refuses the connection. Reads set theirs per transaction.
    const pool = new (pg().Pool)({ ...config, max: this.limits.perDatabase, idleTimeoutMillis: this.limits.idleMs, allowExitOnIdle: true });
    // Idle clients whose server goes away emit 'error'; the next checkout reconnects.
    pool.on('error', () => undefined);
    const entry: Entry = { pool, timer: undefined, busy: 0, secrets, material };
    this.pools.set(key, entry);
    return entry;
  }

  private async closeEntry(key: string): Promise<void> {
    const entry = this.pools.get(key);
    if (entry && entry.busy === 0) {
      this.pools.delete(key);
      if (entry.timer) {
        clearTimeout(entry.timer);
      }
      await entry.pool.end().catch(() => undefined);
    }
  }

  async close(login: Login): Promise<void> {
    const key = loginKey(login);
    await Promise.all((['plain', 'tls'] as const).map((attempt) => this.closeEntry(`${key}#${attempt}`)));
  }

  /** Closes every pool of a server (e.g. after its profile or password changed). */
  async closeServer(host: string, port: number, user: string): Promise<void> {
    for (const [key, entry] of [...this.pools]) {
      const [h, p, u] = JSON.parse(key.slice(0, key.lastIndexOf('#'))) as [string, number, string];
      if (h === host && p === port && u === user) {
        this.pools.delete(key);
        await entry.pool.end().catch(() => undefined);
      }
    }
  }

  async dispose(): Promise<void> {
    const entries = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(entries.map((e) => e.pool.end().catch(() => undefined)));
  }
}

import type { Pool, PoolClient } from 'pg';
import { pg } from './pgDriver';
import { attemptConfig, explainAttemptError, type Login } from './connect';
import { PIN_SEARCH_PATH_SQL, readOnly } from './readOnly';
import { attemptsFor, tryInOrder, type Attempt } from './tls/attempts';
import type { TlsMaterial } from './tls/tlsMaterial';
import { tlsOfClient, type TlsInUse } from './tls/tlsInUse';

/** How long a pool with no checked-out client stays open. */
const IDLE_POOL_MS = 5 * 60_000;
const STATEMENT_TIMEOUT_MS = 30_000;
/** At most this many connections per login and database at once (the load bench checks it). */
export const POOL_MAX = 4;
/** A connection idle this long is closed, while the pool stays. */
export const POOL_IDLE_CONNECTION_MS = 30_000;

interface Entry {
  pool: Pool;
  timer: NodeJS.Timeout | undefined;
  busy: number;
  /** Secrets the pool was made with: a change makes a new pool. */
  secrets: string;
  material: TlsMaterial | undefined;
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
  /** Per server (host:port): whether the last connection made there was encrypted. */
  private readonly encrypted = new Map<string, TlsInUse | undefined>();

  /** Reads workspace data: a READ ONLY transaction with search_path pinned, ended by ROLLBACK (see readOnly.ts). */
  browse<T>(login: Login, run: (client: PoolClient) => Promise<T>): Promise<T> {
    return this.withClient(login, (client) => readOnly(client, () => run(client)));
  }

  /** What TLS the last connection to this server had (undefined: none, or no connection yet). */
  tlsSeen(host: string, port: number): TlsInUse | undefined {
    return this.encrypted.get(`${host}:${port}`);
  }

  async withClient<T>(login: Login, run: (client: PoolClient) => Promise<T>): Promise<T> {
    const key = loginKey(login);
    const { client, entry } = await this.checkout(login, key);
    let broken: Error | undefined;
    try {
      return await run(client);
    } catch (err) {
      // A connection error means this client is unusable: drop it from the pool.
      if (err instanceof Error && !('code' in err && typeof err.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code))) {
        broken = err;
      }
      throw err;
    } finally {
      client.release(broken);
      this.idle(entry, login);
    }
  }

  /** An idle connection of either try's pool, else a new one by libpq's tries in order. */
  private async checkout(login: Login, key: string): Promise<{ client: PoolClient; entry: Entry }> {
    const attempts = attemptsFor(login.sslmode, login.host);
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
    const { config, material } = attemptConfig(login, attempt);
    const pool = new (pg().Pool)({ ...config, max: POOL_MAX, idleTimeoutMillis: POOL_IDLE_CONNECTION_MS, statement_timeout: STATEMENT_TIMEOUT_MS, allowExitOnIdle: true });
    // Idle clients whose server goes away emit 'error'; the next checkout reconnects.
    pool.on('error', () => undefined);
    // Queued before the first checkout's statements: a connection that cannot take it is broken, and they fail.
    pool.on('connect', (client) => void client.query(PIN_SEARCH_PATH_SQL).catch(() => undefined));
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

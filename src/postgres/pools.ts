import type { Pool, PoolClient } from 'pg';
import { pg } from './pgDriver';
import { clientConfig, type Login } from './connect';
import { PIN_SEARCH_PATH_SQL, readOnly } from './readOnly';

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
}

function keyOf(login: Login): string {
  return JSON.stringify([login.host, login.port, login.user, login.database, login.sslmode]);
}

/**
 * One pool per login and database, closed after a while unused and when the
 * password changes. A server that went away only fails the calls made while
 * it is away; the next call after it is back opens new connections.
 */
export class PoolRegistry {
  private readonly pools = new Map<string, Entry & { password: string | undefined }>();
  /** Servers that answered sslmode=prefer with "no TLS here": plain connections from then on. */
  private readonly withoutTls = new Set<string>();

  /** Reads workspace data: a READ ONLY transaction with search_path pinned, ended by ROLLBACK (see readOnly.ts). */
  browse<T>(login: Login, run: (client: PoolClient) => Promise<T>): Promise<T> {
    return this.withClient(login, (client) => readOnly(client, () => run(client)));
  }

  async withClient<T>(login: Login, run: (client: PoolClient) => Promise<T>): Promise<T> {
    try {
      return await this.withPooledClient(login, run);
    } catch (err) {
      const key = keyOf(login);
      if (login.sslmode === 'prefer' && !this.withoutTls.has(key) && err instanceof Error && /does not support SSL/i.test(err.message)) {
        this.withoutTls.add(key);
        await this.close(login);
        return this.withPooledClient(login, run);
      }
      throw err;
    }
  }

  private async withPooledClient<T>(login: Login, run: (client: PoolClient) => Promise<T>): Promise<T> {
    const entry = this.entryFor(login);
    entry.busy += 1;
    if (entry.timer) {
      clearTimeout(entry.timer);
      entry.timer = undefined;
    }
    try {
      const client = await entry.pool.connect();
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
      }
    } finally {
      entry.busy -= 1;
      if (entry.busy === 0) {
        entry.timer = setTimeout(() => void this.close(login), IDLE_POOL_MS);
        entry.timer.unref();
      }
    }
  }

  private entryFor(login: Login): Entry {
    const key = keyOf(login);
    const existing = this.pools.get(key);
    if (existing && existing.password === login.password) {
      return existing;
    }
    if (existing) {
      void existing.pool.end().catch(() => undefined);
    }
    // libpq's "prefer": TLS first (without verification), plain only where the server has none.
    const ssl = login.sslmode === 'prefer' && !this.withoutTls.has(key) ? { rejectUnauthorized: false } : undefined;
    const pool = new (pg().Pool)({ ...clientConfig(login, ssl), max: POOL_MAX, idleTimeoutMillis: POOL_IDLE_CONNECTION_MS, statement_timeout: STATEMENT_TIMEOUT_MS, allowExitOnIdle: true });
    // Idle clients whose server goes away emit 'error'; the next checkout reconnects.
    pool.on('error', () => undefined);
    // Queued before the first checkout's statements: a connection that cannot take it is broken, and they fail.
    pool.on('connect', (client) => void client.query(PIN_SEARCH_PATH_SQL).catch(() => undefined));
    const entry = { pool, timer: undefined, busy: 0, password: login.password };
    this.pools.set(key, entry);
    return entry;
  }

  async close(login: Login): Promise<void> {
    const key = keyOf(login);
    const entry = this.pools.get(key);
    if (entry && entry.busy === 0) {
      this.pools.delete(key);
      await entry.pool.end().catch(() => undefined);
    }
  }

  /** Closes every pool of a server (e.g. after its profile or password changed). */
  async closeServer(host: string, port: number, user: string): Promise<void> {
    for (const [key, entry] of [...this.pools]) {
      const [h, p, u] = JSON.parse(key) as [string, number, string];
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

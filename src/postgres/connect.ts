import type { Client, ClientConfig } from 'pg';
import type { SslMode } from '../core/tls/sslMode';
import { pg } from './pgDriver';
import { attemptsFor, tryInOrder, type Attempt } from './tls/attempts';
import { SENTINEL_ERROR_CODE, tlsMaterial, type TlsFiles, type TlsMaterial } from './tls/tlsMaterial';
import { tlsOfClient, type TlsInUse } from './tls/tlsInUse';

export interface Login {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string | undefined;
  readonly database: string;
  /** libpq's sslmode, already resolved (profile, PGSSLMODE, default). */
  readonly sslmode: SslMode;
  /** The TLS files, already resolved; left out, a TLS try uses none (no CA: no verification). */
  readonly tls?: TlsFiles;
  /** application_name shown in pg_stat_activity; the product's own name by default. */
  readonly application?: string;
  /** Reached through a connection pooler (the profile's `pooler`): a login may wait in its queue. */
  readonly pooler?: boolean;
}

export const CONNECT_TIMEOUT_MS = 10_000;
/**
 * How long the product waits for a free connection unless told otherwise
 * (openhexa.connections.waitSeconds): a full server's refusals (53300) are
 * tried again that long.
 */
export const DEFAULT_WAIT_MS = 30_000;
/**
 * Through a pooler, the longest a login may stay in its queue. PgBouncer
 * answers a login only once it has a server connection for that login and
 * database, so when its pools are full the login waits where a server would
 * refuse it; the pooler's own timeout (PgBouncer's query_wait_timeout, 120 s
 * by default) is the team's choice and ends it first. This bound is for a
 * pooler that never answers; the window says it waits, with Cancel.
 */
export const POOLER_LOGIN_MS = 5 * 60_000;
export const APPLICATION_NAME = 'OpenHEXA for VS Code';

/** How one try connects: pg's config for it, and the TLS material it read (for a TLS try). */
interface AttemptConfig {
  readonly config: ClientConfig;
  readonly material: TlsMaterial | undefined;
}

export function attemptConfig(login: Login, attempt: Attempt, connectTimeoutMs = login.pooler ? POOLER_LOGIN_MS : CONNECT_TIMEOUT_MS): AttemptConfig {
  const material = attempt === 'tls' ? tlsMaterial(login.host, login.sslmode, login.tls) : undefined;
  return {
    material,
    config: {
      host: login.host,
      port: login.port,
      user: login.user,
      password: login.password,
      database: login.database,
      ssl: material ? material.options : false,
      connectionTimeoutMillis: connectTimeoutMs,
      application_name: login.application ?? APPLICATION_NAME,
    },
  };
}

/** A TLS try whose files were wrong fails with the sentinel; say what was wrong instead. */
export function explainAttemptError(err: unknown, material: TlsMaterial | undefined): unknown {
  if (material?.deferred && (err as { code?: unknown } | undefined)?.code === SENTINEL_ERROR_CODE) {
    return material.deferred;
  }
  return err;
}

export interface Connected {
  readonly client: Client;
  /** Undefined: the connection is not encrypted. */
  readonly tls: TlsInUse | undefined;
}

/**
 * Opens a client the way libpq would with the login's TLS settings (the
 * tries of sslmode allow and prefer, the CA file, the client certificate),
 * and says what TLS it got. It sets nothing on the session (see
 * PINNED_SEARCH_PATH): transactions pin their own search_path.
 */
export async function connectReporting(login: Login): Promise<Connected> {
  await refuseMissingThroughPooler(login);
  return tryInOrder(login.sslmode, attemptsFor(login.sslmode, login.host), async (attempt) => {
    const { config, material } = attemptConfig(login, attempt);
    const client = new (pg().Client)(config);
    // An idle client whose server goes away emits 'error'; without a listener that would crash the host.
    client.on('error', () => undefined);
    try {
      await client.connect();
      return { client, tls: tlsOfClient(client, material) };
    } catch (err) {
      // Not awaited: after a failed start (a TLS alert, say) the socket may have ended already, and
      // pg's end() would wait for an 'end' that never comes again. It closes the socket either way.
      void client.end().catch(() => undefined);
      throw explainAttemptError(err, material);
    }
  });
}

export async function connect(login: Login): Promise<Client> {
  return (await connectReporting(login)).client;
}

/** Runs with a fresh client and always closes it (one-off work: provisioning, migrations). */
export async function withConnection<T>(login: Login, run: (client: Client) => Promise<T>): Promise<T> {
  const client = await connect(login);
  try {
    return await run(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Every login may reach it by default: where the product asks about other databases. */
const MAINTENANCE_DATABASE = 'postgres';

/**
 * A pooler does not refuse a login to a database that does not exist (a
 * deleted workspace, a server with no catalog yet): it holds the login and
 * tries the server again, so the wait would end as "pooler full". Through a
 * pooler the server is asked first, and the answer is the server's own:
 * 3D000, which the catalog calls and the tree already handle.
 */
export async function refuseMissingThroughPooler(login: Login): Promise<void> {
  if (!login.pooler || login.database === MAINTENANCE_DATABASE) {
    return;
  }
  if (!(await withConnection({ ...login, database: MAINTENANCE_DATABASE }, (client) => databaseExists(client, login.database)))) {
    throw Object.assign(new Error(`database "${login.database}" does not exist`), { code: '3D000' });
  }
}

const DATABASE_EXISTS_SQL = 'SELECT 1 FROM pg_catalog.pg_database WHERE datname OPERATOR(pg_catalog.=) $1';

/** Whether the server has a database of this name (any login may read pg_database). */
export async function databaseExists(client: Pick<Client, 'query'>, name: string): Promise<boolean> {
  return ((await client.query(DATABASE_EXISTS_SQL, [name])).rowCount ?? 0) > 0;
}

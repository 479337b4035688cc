import type { Client, ClientConfig } from 'pg';
import type { ConnectionOptions } from 'node:tls';
import type { SslMode } from '../core/serverProfile';
import { pg } from './pgDriver';
import { PIN_SEARCH_PATH_SQL } from './readOnly';

export interface Login {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string | undefined;
  readonly database: string;
  readonly sslmode: SslMode;
  /** application_name shown in pg_stat_activity; the product's own name by default. */
  readonly application?: string;
}

export const CONNECT_TIMEOUT_MS = 10_000;
export const APPLICATION_NAME = 'OpenHEXA for VS Code';

function tlsFor(sslmode: SslMode): false | ConnectionOptions {
  switch (sslmode) {
    case 'disable':
    case 'prefer':
      return false;
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-ca':
      // libpq's verify-ca checks the chain, not the host name.
      return { rejectUnauthorized: true, checkServerIdentity: () => undefined };
    case 'verify-full':
      return { rejectUnauthorized: true };
  }
}

export function clientConfig(login: Login, ssl: false | ConnectionOptions | undefined = tlsFor(login.sslmode)): ClientConfig {
  return {
    host: login.host,
    port: login.port,
    user: login.user,
    password: login.password,
    database: login.database,
    ssl,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    application_name: login.application ?? APPLICATION_NAME,
  };
}

/**
 * Opens a client honouring libpq's sslmode, with search_path pinned. `prefer` tries TLS first and
 * falls back to a plain connection only when the server has no TLS.
 */
export async function connect(login: Login): Promise<Client> {
  const attempt = async (ssl: false | ConnectionOptions): Promise<Client> => {
    const client = new (pg().Client)(clientConfig(login, ssl));
    // An idle client whose server goes away emits 'error'; without a listener that would crash the host.
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query(PIN_SEARCH_PATH_SQL);
      return client;
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
  };
  if (login.sslmode !== 'prefer') {
    return attempt(tlsFor(login.sslmode));
  }
  try {
    return await attempt({ rejectUnauthorized: false });
  } catch (err) {
    if (err instanceof Error && /does not support SSL/i.test(err.message)) {
      return attempt(false);
    }
    throw err;
  }
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

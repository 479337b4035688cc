import type { Client } from 'pg';
import { connectReporting, type Login } from './connect';
import type { TlsInUse } from './tls/tlsInUse';

/** What a login may do on a server, as the server itself reports it. */
export interface ServerProbe {
  readonly version: string;
  readonly versionNum: number;
  readonly superuser: boolean;
  readonly createDb: boolean;
  readonly createRole: boolean;
  readonly catalogExists: boolean;
  /** The connection's TLS; undefined when it is not encrypted. */
  readonly tls: TlsInUse | undefined;
}

const PROBE_SQL = `
SELECT pg_catalog.current_setting('server_version') AS version,
       pg_catalog.current_setting('server_version_num')::int AS version_num,
       r.rolsuper AS superuser,
       r.rolcreatedb AS create_db,
       r.rolcreaterole AS create_role,
       EXISTS (SELECT 1 FROM pg_catalog.pg_database WHERE datname = $1) AS catalog_exists
  FROM pg_catalog.pg_roles r
 WHERE r.rolname = session_user`;

interface ProbeRow {
  version: string;
  version_num: number;
  superuser: boolean;
  create_db: boolean;
  create_role: boolean;
  catalog_exists: boolean;
}

/**
 * Logs in (to the `postgres` maintenance database, which every login may
 * reach by default, so a missing catalog is reported rather than fatal).
 */
export async function probeServer(login: Omit<Login, 'database'>, catalogDatabase: string): Promise<ServerProbe> {
  let connected: { client: Client; tls: TlsInUse | undefined };
  try {
    connected = await connectReporting({ ...login, database: 'postgres' });
  } catch (err) {
    if (!(err instanceof Error && (err as { code?: string }).code === '3D000')) {
      throw err;
    }
    connected = await connectReporting({ ...login, database: catalogDatabase });
  }
  const { client, tls } = connected;
  try {
    const { rows } = await client.query<ProbeRow>(PROBE_SQL, [catalogDatabase]);
    const row = rows[0];
    if (!row) {
      throw new Error('The server did not describe the current login');
    }
    return {
      version: row.version,
      versionNum: row.version_num,
      superuser: row.superuser,
      createDb: row.create_db,
      createRole: row.create_role,
      catalogExists: row.catalog_exists,
      tls,
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

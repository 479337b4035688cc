import type { Client } from 'pg';
import { quoteIdent } from '../../core/identifiers';
import { withConnection, type Login } from '../connect';
import { CatalogError } from './catalogError';
import { LATEST_VERSION, MEMBER_GROUP, MIGRATIONS, PLATFORM_ADMIN_GROUP } from './migrations';

// Two clients migrating at once take turns on this lock (any constant works;
// this one spells "OHXA").
const MIGRATION_LOCK_KEY = 0x4f485841;

const LEDGER_SQL = `CREATE TABLE IF NOT EXISTS public.openhexa_schema_version (
  version int PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  applied_by name NOT NULL DEFAULT session_user
)`;
const APPLIED_SQL = 'SELECT COALESCE(max(version), 0) AS version FROM public.openhexa_schema_version';
const RECORD_SQL = 'INSERT INTO public.openhexa_schema_version (version, name) VALUES ($1, $2)';
const PRIVILEGES_SQL = `SELECT rolsuper, rolcreatedb, rolcreaterole FROM pg_catalog.pg_roles WHERE rolname = session_user`;
const ROLE_EXISTS_SQL = 'SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1';
const DATABASE_EXISTS_SQL = 'SELECT 1 FROM pg_catalog.pg_database WHERE datname = $1';

export type CatalogState =
  | { readonly state: 'missing' }
  | { readonly state: 'ready'; readonly version: number }
  | { readonly state: 'outdated'; readonly version: number }
  | { readonly state: 'newer'; readonly version: number };

export interface InitializeResult {
  readonly createdDatabase: boolean;
  readonly applied: number[];
}

async function appliedVersion(client: Client): Promise<number> {
  const ledger = await client.query("SELECT to_regclass('public.openhexa_schema_version') IS NOT NULL AS present");
  if (!(ledger.rows[0] as { present: boolean }).present) {
    return 0;
  }
  return (await client.query<{ version: number }>(APPLIED_SQL)).rows[0]?.version ?? 0;
}

/** Where the catalog of a server stands, seen by a login that can connect to it. */
export async function catalogState(login: Omit<Login, 'database'>, catalogDatabase: string): Promise<CatalogState> {
  try {
    return await withConnection({ ...login, database: catalogDatabase }, async (client) => {
      const version = await appliedVersion(client).catch(() => -1);
      if (version === 0) {
        return { state: 'missing' };
      }
      if (version === -1) {
        // A member cannot read the ledger; the catalog functions answer instead.
        return { state: 'ready', version: LATEST_VERSION };
      }
      if (version > LATEST_VERSION) {
        return { state: 'newer', version };
      }
      return { state: version < LATEST_VERSION ? 'outdated' : 'ready', version };
    });
  } catch (err) {
    if ((err as { code?: unknown }).code === '3D000') {
      return { state: 'missing' };
    }
    throw err;
  }
}

const DUPLICATE = ['42710', '42P04', '23505'];
const isDuplicate = (err: unknown): boolean => DUPLICATE.includes(String((err as { code?: unknown }).code));

async function ensureGroupRoles(client: Client, user: string): Promise<void> {
  for (const role of [PLATFORM_ADMIN_GROUP, MEMBER_GROUP]) {
    if ((await client.query(ROLE_EXISTS_SQL, [role])).rowCount === 0) {
      // Another client may create it at the same time: that is fine.
      await client.query(`CREATE ROLE ${quoteIdent(role)} NOLOGIN`).catch((err: unknown) => {
        if (!isDuplicate(err)) {
          throw err;
        }
      });
    }
  }
  const member = (await client.query<{ yes: boolean }>("SELECT pg_has_role(current_user, $1, 'MEMBER') AS yes", [PLATFORM_ADMIN_GROUP])).rows[0]?.yes;
  if (!member) {
    try {
      await client.query(`GRANT ${quoteIdent(PLATFORM_ADMIN_GROUP)} TO CURRENT_USER`);
    } catch (err) {
      if ((err as { code?: unknown }).code === '42501') {
        throw new CatalogError(
          'missingPrivilege',
          `OpenHEXA is already set up on this server by another login. Ask one of its platform admins to run: GRANT ${PLATFORM_ADMIN_GROUP} TO ${quoteIdent(user)}`,
        );
      }
      throw err;
    }
  }
}

/** Applies the pending migrations, one transaction each, serialized across clients. */
export async function migrate(client: Client): Promise<number[]> {
  const applied: number[] = [];
  for (;;) {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      // Under the lock: two clients never race to create the ledger.
      await client.query(LEDGER_SQL);
      const current = await appliedVersion(client);
      if (current > LATEST_VERSION) {
        throw new CatalogError(
          'catalogNewer',
          `The catalog was made by a newer version of this extension (catalog version ${current}, this version knows ${LATEST_VERSION}). Update the extension.`,
        );
      }
      const next = MIGRATIONS.find((m) => m.version > current);
      if (!next) {
        await client.query('COMMIT');
        return applied;
      }
      await client.query(next.sql);
      await client.query(RECORD_SQL, [next.version, next.name]);
      await client.query('COMMIT');
      applied.push(next.version);
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }
}

/**
 * "Initialize server": creates the catalog database, the two group roles and
 * the catalog schema, then migrates. Needs CREATEDB and CREATEROLE (or
 * superuser); running it again changes nothing.
 */
export async function initializeCatalog(login: Omit<Login, 'database'>, catalogDatabase: string): Promise<InitializeResult> {
  let createdDatabase = false;
  await withConnection({ ...login, database: 'postgres' }, async (client) => {
    const row = (await client.query<{ rolsuper: boolean; rolcreatedb: boolean; rolcreaterole: boolean }>(PRIVILEGES_SQL)).rows[0];
    const missing = row?.rolsuper ? [] : [row?.rolcreatedb ? undefined : 'CREATEDB', row?.rolcreaterole ? undefined : 'CREATEROLE'].filter((p): p is string => Boolean(p));
    if (missing.length > 0) {
      throw new CatalogError(
        'missingPrivilege',
        `The login "${login.user}" cannot initialize the server: it lacks ${missing.join(' and ')}. Ask a server administrator to run ALTER ROLE ... ${missing.join(' ')}, or initialize with a login that has them.`,
      );
    }
    await ensureGroupRoles(client, login.user);
    if ((await client.query(DATABASE_EXISTS_SQL, [catalogDatabase])).rowCount === 0) {
      try {
        await client.query(`CREATE DATABASE ${quoteIdent(catalogDatabase)}`);
        createdDatabase = true;
      } catch (err) {
        if (!isDuplicate(err)) {
          throw err;
        }
      }
    }
  });
  const applied = await withConnection({ ...login, database: catalogDatabase }, async (client) => {
    const db = quoteIdent(catalogDatabase);
    if (createdDatabase) {
      await client.query(`REVOKE ALL ON DATABASE ${db} FROM PUBLIC`);
      await client.query(`GRANT CONNECT ON DATABASE ${db} TO ${quoteIdent(MEMBER_GROUP)}, ${quoteIdent(PLATFORM_ADMIN_GROUP)}`);
      await client.query('REVOKE ALL ON SCHEMA public FROM PUBLIC');
    }
    return migrate(client);
  });
  return { createdDatabase, applied };
}


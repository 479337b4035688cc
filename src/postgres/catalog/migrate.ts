import type { Client } from 'pg';
import { withTransaction } from '../transaction';
import { quoteIdent } from '../../core/identifiers';
import { databaseExists, withConnection, type Login } from '../connect';
import { CatalogError } from './catalogError';
import { LATEST_VERSION, MEMBER_GROUP, MIGRATIONS, PLATFORM_ADMIN_GROUP } from './migrations';
import { syncSessionRoles } from '../workspace/sessionRoles';
import { upgradeWorkspaces } from './upgradeWorkspaces';
import { templateFor } from '../workspace/template';

// Two clients migrating at once take turns on this lock (any constant works;
// this one spells "OHXA").
export const MIGRATION_LOCK_KEY = 0x4f485841;
/** How long Initialize Server waits for another session's migration lock before saying who holds it. */
export const MIGRATION_LOCK_WAIT_MS = 15_000;

const LEDGER_SQL = `CREATE TABLE IF NOT EXISTS public.openhexa_schema_version (
  version int PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
  applied_by name NOT NULL DEFAULT session_user
)`;
const APPLIED_SQL = 'SELECT COALESCE(pg_catalog.max(version), 0) AS version FROM public.openhexa_schema_version';
const LEDGER_PRESENT_SQL = "SELECT pg_catalog.to_regclass('public.openhexa_schema_version') IS NOT NULL AS present";
const LOCK_WAIT_SQL = "SELECT pg_catalog.set_config('lock_timeout', $1, true)";
const LOCK_SQL = 'SELECT pg_catalog.pg_advisory_xact_lock($1)';
// Who holds the migration lock (a one-key advisory lock: classid 0, objid the key, objsubid 1).
const LOCK_HOLDERS_SQL = `SELECT a.usename AS login, a.application_name AS application, a.client_addr::text AS address, a.backend_start AS since
  FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
 WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = $1::oid AND l.objsubid = 1
   AND l.database = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())`;
const OWNER_SQL = `SELECT pg_catalog.pg_get_userbyid(n.nspowner) AS owner, current_user AS me
  FROM pg_catalog.pg_namespace n WHERE n.nspname = 'openhexa'`;
const CATALOG_VERSION_SQL = 'SELECT openhexa.catalog_version() AS version';
const RECORD_SQL = 'INSERT INTO public.openhexa_schema_version (version, name) VALUES ($1, $2)';
const PRIVILEGES_SQL = 'SELECT rolsuper, rolcreatedb, rolcreaterole FROM pg_catalog.pg_roles WHERE rolname = session_user';
// USAGE, not MEMBER: since PostgreSQL 16 a role's creator holds an ADMIN-only grant, which
// counts as membership but gives neither its privileges nor SET ROLE.
const HAS_GROUP_SQL = "SELECT pg_catalog.pg_has_role(current_user, $1, 'USAGE') AS yes";
const ROLE_EXISTS_SQL = 'SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1';

export type CatalogState =
  | { readonly state: 'missing' }
  | { readonly state: 'ready'; readonly version: number }
  | { readonly state: 'outdated'; readonly version: number }
  | { readonly state: 'newer'; readonly version: number };

export interface InitializeResult {
  readonly createdDatabase: boolean;
  readonly applied: number[];
  /** Workspaces made by 0.1.0 that were moved to the group layout. */
  readonly upgraded: string[];
}

export interface MigrateOptions {
  /** How long to wait for another session's migration lock. */
  readonly lockWaitMs?: number;
  /** Stop at this version (tests build the catalogs of earlier releases). */
  readonly upTo?: number;
}

async function appliedVersion(client: Client): Promise<number> {
  const ledger = await client.query(LEDGER_PRESENT_SQL);
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
  const member = (await client.query<{ yes: boolean }>(HAS_GROUP_SQL, [PLATFORM_ADMIN_GROUP])).rows[0]?.yes;
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

/** Says who holds the migration lock, for a message that names them. */
async function lockHolders(client: Client): Promise<string> {
  // Without pg_read_all_stats, PostgreSQL shows only the login of other users' sessions.
  const { rows } = await client.query<{ login: string | null; application: string | null; address: string | null; since: Date | null }>(LOCK_HOLDERS_SQL, [MIGRATION_LOCK_KEY]);
  return rows
    .map((r) => `login "${r.login ?? '?'}"${r.application ? ` (${r.application})` : ''}${r.address ? ` from ${r.address}` : ''}${r.since ? `, connected since ${r.since.toISOString()}` : ''}`)
    .join('; ');
}

/** Takes the migration lock within `waitMs`, or says who holds it. */
async function takeLock(client: Client, waitMs: number): Promise<void> {
  await client.query(LOCK_WAIT_SQL, [`${Math.max(1, Math.floor(waitMs))}ms`]);
  try {
    await client.query(LOCK_SQL, [MIGRATION_LOCK_KEY]);
  } catch (err) {
    if ((err as { code?: unknown }).code !== '55P03') {
      throw err;
    }
    await client.query('ROLLBACK');
    const holders = await lockHolders(client).catch(() => '');
    throw new CatalogError(
      'catalogBusy',
      `Another session has held the catalog's migration lock for more than ${Math.round(waitMs / 1000)} s${holders ? `: ${holders}` : ''}. Ask it to finish or disconnect, then initialize again.`,
    );
  }
  // The migration itself may wait on locks as long as it needs.
  await client.query(LOCK_WAIT_SQL, ['0']);
}

function notOwner(owner: string): CatalogError {
  return new CatalogError(
    'missingPrivilege',
    `The OpenHEXA catalog belongs to the login "${owner}": only that login (or a superuser) can upgrade it. Run Initialize Server with it.`,
  );
}

/**
 * Migrations run as the catalog's owner, so that its objects and the role
 * grants it makes have one owner and one grantor. A member of that role or a
 * superuser acts as it; anyone else may only find nothing to do.
 * True when this transaction now acts as the owner (or there is no catalog yet).
 */
async function actAsOwner(client: Client, target: number): Promise<boolean> {
  const row = (await client.query<{ owner: string; me: string }>(OWNER_SQL)).rows[0];
  if (!row || row.owner === row.me) {
    return true;
  }
  await client.query('SAVEPOINT act_as_owner');
  try {
    await client.query(`SET LOCAL ROLE ${quoteIdent(row.owner)}`);
    return true;
  } catch (err) {
    if ((err as { code?: unknown }).code !== '42501') {
      throw err;
    }
    await client.query('ROLLBACK TO SAVEPOINT act_as_owner');
  }
  const version = await client.query<{ version: number }>(CATALOG_VERSION_SQL).then(
    (r) => r.rows[0]?.version ?? 0,
    () => 0,
  );
  if (version >= target) {
    return false;
  }
  throw notOwner(row.owner);
}

/** Applies the pending migrations, one transaction each, serialized across clients. */
export async function migrate(client: Client, options: MigrateOptions = {}): Promise<number[]> {
  const target = options.upTo ?? LATEST_VERSION;
  const applied: number[] = [];
  for (;;) {
    const version = await withTransaction(client, async () => {
      await takeLock(client, options.lockWaitMs ?? MIGRATION_LOCK_WAIT_MS);
      if (!(await actAsOwner(client, target))) {
        return undefined;
      }
      // Under the lock: two clients never race to create the ledger.
      await client.query(LEDGER_SQL);
      const current = await appliedVersion(client);
      if (current > LATEST_VERSION) {
        throw new CatalogError(
          'catalogNewer',
          `The catalog was made by a newer version of this extension (catalog version ${current}, this version knows ${LATEST_VERSION}). Update the extension.`,
        );
      }
      const next = MIGRATIONS.find((m) => m.version > current && m.version <= target);
      if (!next) {
        return undefined;
      }
      await client.query(next.sql);
      await client.query(RECORD_SQL, [next.version, next.name]);
      return next.version;
    });
    if (version === undefined) {
      return applied;
    }
    applied.push(version);
  }
}

/**
 * "Initialize server": creates the catalog database, the two group roles and
 * the catalog schema, then migrates. Needs CREATEDB and CREATEROLE (or
 * superuser); running it again changes nothing.
 */
export async function initializeCatalog(login: Omit<Login, 'database'>, catalogDatabase: string, options: MigrateOptions = {}): Promise<InitializeResult> {
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
    if (!(await databaseExists(client, catalogDatabase))) {
      try {
        await client.query(`CREATE DATABASE ${quoteIdent(catalogDatabase)} TEMPLATE ${quoteIdent(await templateFor(client))}`);
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
    return migrate(client, options);
  });
  const reachesLayout2 = (options.upTo ?? LATEST_VERSION) >= 2;
  const upgraded = reachesLayout2 ? await upgradeWorkspaces(login, catalogDatabase) : [];
  // Every workspace's logins act as their role says, per login (no database-wide "role" setting: 0.2.0's made
  // every viewer's session start with a warning). Tests that build an older catalog leave it as it was.
  if ((options.upTo ?? LATEST_VERSION) >= LATEST_VERSION) {
    await withConnection({ ...login, database: catalogDatabase }, (client) => syncSessionRoles(client));
  }
  return { createdDatabase, applied, upgraded };
}

import type { Client } from 'pg';
import { withTransaction } from '../transaction';
import { templateFor } from './template';
import { quoteIdent } from '../../core/identifiers';
import { generatePassword } from '../../core/passwords';
import { MAX_WORKSPACE_NAME, slugWithSuffix, workspaceDbName, workspaceRoleNames, workspaceSlug } from '../../core/workspaceNames';
import { CatalogError, asCatalogError } from '../catalog/catalogError';
import { PLATFORM_ADMIN_GROUP } from '../catalog/migrations';
import { withConnection, type Login } from '../connect';
import { SQL, workspaceDatabaseSetup, workspaceGuardStatements } from './sql';
import { syncSessionRoles } from './sessionRoles';
import { OPENHEXA_GUARDS, type WorkspaceGuards } from '../../core/workspaceGuards';

export interface CreatedWorkspace {
  readonly slug: string;
  readonly name: string;
  readonly dbName: string;
}

type ServerLogin = Omit<Login, 'database'>;

function randomSuffix(): string {
  return generatePassword(4).toLowerCase().replace(/[^a-z0-9]/g, 'x');
}

async function freeSlug(catalog: Client, name: string): Promise<string> {
  const base = workspaceSlug(name);
  for (let attempt = 0; attempt < 10; attempt++) {
    const slug = attempt === 0 ? base : slugWithSuffix(base, randomSuffix());
    const inCatalog = (await catalog.query(SQL.myWorkspaces)).rows.some((w: { slug: string }) => w.slug === slug);
    const taken = (await catalog.query<{ taken: boolean }>(SQL.slugTaken, [workspaceDbName(slug)])).rows[0]?.taken;
    if (!inCatalog && !taken) {
      return slug;
    }
  }
  throw new CatalogError('conflict', `Could not find a free identifier for the workspace "${name}"`);
}


/**
 * Creates a workspace: groups, shared logins and catalog rows (one
 * transaction, in the catalog; the passwords are made there), the dedicated
 * database owned by the platform admins' group, then its privileges and
 * OpenHEXA's guards (connection limit, timeouts). Any
 * failure undoes what was done: no database, role or catalog row is left.
 */
export interface CreateWorkspaceOptions {
  /** OpenHEXA's per-database guards unless given (core/workspaceGuards). */
  readonly guards?: WorkspaceGuards;
}

export async function createWorkspace(login: ServerLogin, catalogDatabase: string, name: string, options: CreateWorkspaceOptions = {}): Promise<CreatedWorkspace> {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_WORKSPACE_NAME) {
    throw new CatalogError('invalid', `A workspace name has 1 to ${MAX_WORKSPACE_NAME} characters`);
  }
  return withConnection({ ...login, database: catalogDatabase }, async (catalog) => {
    const slug = await freeSlug(catalog, trimmed);
    let dbName: string;
    try {
      const row = (await catalog.query<{ slug: string; db_name: string }>(SQL.beginWorkspace, [trimmed, slug])).rows[0];
      dbName = row!.db_name;
    } catch (err) {
      throw asCatalogError(err);
    }
    let databaseCreated = false;
    try {
      const template = await templateFor(catalog);
      await catalog.query(`CREATE DATABASE ${quoteIdent(dbName)} OWNER ${quoteIdent(PLATFORM_ADMIN_GROUP)} TEMPLATE ${quoteIdent(template)}`);
      databaseCreated = true;
      await withConnection({ ...login, database: dbName }, (db) =>
        withTransaction(db, async () => {
          for (const statement of [...workspaceDatabaseSetup(dbName, workspaceRoleNames(dbName)), ...workspaceGuardStatements(dbName, options.guards ?? OPENHEXA_GUARDS)]) {
            await db.query(statement);
          }
          const roles = workspaceRoleNames(dbName);
          const open = (await db.query<{ open: boolean }>(SQL.publicSchemaOpen, [roles.ro, roles.reader])).rows[0]?.open;
          if (open) {
            throw new CatalogError(
              'publicSchemaOpen',
              'New databases on this server let everyone create tables in the "public" schema, and this login cannot change that (the schema belongs to another role, as on servers upgraded from PostgreSQL 14 or older). ' +
                'A superuser must run, in the template1 database: REVOKE CREATE ON SCHEMA public FROM PUBLIC; then create the workspace again.',
            );
          }
        }),
      );
      await catalog.query(SQL.finishWorkspace, [slug]);
      // Its read/write login and the platform admins act as its writer group; the read-only login as itself.
      await syncSessionRoles(catalog, [slug]);
      return { slug, name: trimmed, dbName };
    } catch (err) {
      if (databaseCreated) {
        await catalog.query(`DROP DATABASE IF EXISTS ${quoteIdent(dbName)}`).catch(() => undefined);
      }
      await catalog.query(SQL.dropWorkspace, [slug]).catch(() => undefined);
      throw asCatalogError(err);
    }
  });
}

/** Deletes a workspace: its database (closing sessions where allowed), its roles, its catalog rows. */
/** Other sessions hold the database: FORCE needs the right to end them, else PostgreSQL answers 42501 naming them. */
function inUse(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === '55006' || (code === '42501' && /other session|terminate/i.test(err instanceof Error ? err.message : String(err)));
}

/** How long Delete Workspace waits, through a pooler, for the server connections it keeps idle there to close. */
export const POOLER_DROP_WAIT_MS = 20_000;

/**
 * FORCE ends only the sessions this login may end: the catalog first ends
 * every session there that it can (its logins' and the members' it created:
 * a notebook left open; through PgBouncer, the idle server connections it
 * keeps for members). Once more if one came back before the drop. Through
 * a pooler, sessions it may not end (PgBouncer's own lookup login, a
 * superuser) are mostly idle server connections that PgBouncer closes
 * after its server_idle_timeout: the drop is tried again until
 * `POOLER_DROP_WAIT_MS`.
 */
async function dropEndingSessions(catalog: Client, slug: string, db: string, pooler: boolean): Promise<void> {
  const until = Date.now() + POOLER_DROP_WAIT_MS;
  for (let attempt = 1; ; attempt++) {
    await catalog.query(SQL.endWorkspaceSessions, [slug, null, false]).catch((err: unknown) => {
      if ((err as { code?: unknown }).code !== '42883') {
        throw err; // 42883: a catalog before migration 10 (FORCE alone, then)
      }
    });
    try {
      await catalog.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      return;
    } catch (err) {
      if (!inUse(err) || (pooler ? Date.now() > until : attempt >= 2)) {
        throw err;
      }
    }
    if (pooler) {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

export async function deleteWorkspace(login: ServerLogin, catalogDatabase: string, slug: string): Promise<void> {
  await withConnection({ ...login, database: catalogDatabase }, async (catalog) => {
    const workspace = (await catalog.query<{ slug: string; db_name: string }>(SQL.myWorkspaces)).rows.find((w) => w.slug === slug);
    if (!workspace) {
      throw new CatalogError('notFound', `The workspace "${slug}" does not exist or you cannot see it`);
    }
    const db = quoteIdent(workspace.db_name);
    // New passwords first, committed on their own: a BI tool holding the old ones is cut off even if the drop fails.
    try {
      await catalog.query(SQL.rotatePasswords, [slug]);
    } catch (err) {
      if ((err as { code?: unknown }).code === '42501') {
        throw new CatalogError('missingPrivilege', `This login may not delete the workspace "${slug}" (${err instanceof Error ? err.message : String(err)}). It must be a platform admin (a member of ${PLATFORM_ADMIN_GROUP}, which owns workspace databases).`);
      }
      throw asCatalogError(err);
    }
    try {
      await dropEndingSessions(catalog, slug, db, login.pooler === true);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      const message = err instanceof Error ? err.message : String(err);
      if (inUse(err)) {
        throw new CatalogError(
          'databaseInUse',
          login.pooler
            ? // Through a pooler those sessions are mostly its own idle server connections, kept for the members' next clients.
              `Other sessions are connected to the database "${workspace.db_name}" and this login may not close them. Through PgBouncer they are mostly its idle server connections: run RECONNECT ${workspace.db_name}; on PgBouncer's admin console (or wait its server_idle_timeout), then delete again.`
            : `Other sessions are connected to the database "${workspace.db_name}" and this login may not close them. Ask them to disconnect, then delete again.`,
        );
      }
      if (code === '42501') {
        throw new CatalogError(
          'missingPrivilege',
          `This login may not drop the database "${workspace.db_name}" (${message}). It must be a platform admin (a member of ${PLATFORM_ADMIN_GROUP}, which owns workspace databases).`,
        );
      }
      throw asCatalogError(err);
    }
    try {
      await catalog.query(SQL.dropWorkspace, [slug]);
    } catch (err) {
      throw asCatalogError(err);
    }
  });
}

import type { Client } from 'pg';
import { withTransaction } from '../transaction';
import { quoteIdent } from '../../core/identifiers';
import { workspaceRoleNames } from '../../core/workspaceNames';
import { withConnection, type Login } from '../connect';
import { handOverDatabase, readerGrants, SQL, workspaceDatabaseSetup, workspaceGuardStatements } from '../workspace/sql';
import { OPENHEXA_GUARDS } from '../../core/workspaceGuards';
import { CatalogError } from './catalogError';

const OWNER_SQL = `SELECT pg_catalog.pg_get_userbyid(n.nspowner) AS owner, current_user AS me
  FROM pg_catalog.pg_namespace n WHERE n.nspname = 'openhexa'`;
const PENDING_SQL = 'SELECT slug, db_name FROM openhexa.workspaces WHERE layout = 1 ORDER BY slug';
const FINISH_SQL = 'SELECT openhexa._finish_layout($1)';

/**
 * Runs `work` in one transaction acting as the catalog's owner (SET LOCAL
 * ROLE: nothing of it outlives the transaction, so a pooler's server
 * connection goes back as it came); undefined when this login cannot act
 * as the owner (nothing to do for it, then).
 */
async function asOwner<T>(catalog: Client, work: () => Promise<T>): Promise<T | undefined> {
  return withTransaction(catalog, async () => {
    const row = (await catalog.query<{ owner: string; me: string }>(OWNER_SQL)).rows[0];
    if (!row) {
      return undefined;
    }
    if (row.owner !== row.me) {
      await catalog.query('SAVEPOINT act_as_owner');
      try {
        await catalog.query(`SET LOCAL ROLE ${quoteIdent(row.owner)}`);
      } catch {
        await catalog.query('ROLLBACK TO SAVEPOINT act_as_owner');
        return undefined;
      }
    }
    return work();
  });
}

/**
 * Hands one 0.1.0 workspace database to the group layout, in one
 * transaction: the platform admins' group takes the database, the writer
 * group takes what the read/write login owned, the reader group reads it.
 */
async function handOver(login: Omit<Login, 'database'>, dbName: string): Promise<void> {
  const roles = workspaceRoleNames(dbName);
  await withConnection({ ...login, database: dbName }, async (db) => {
    await withTransaction(db, async () => {
      const rwSchemas = (await db.query<{ nspname: string }>(SQL.schemasOwnedBy, [roles.rw])).rows.map((r) => r.nspname);
      // 0.1.0 set no guards: the workspace gets OpenHEXA's (migration 4 could not, the database was not the platform's yet).
      for (const statement of [...handOverDatabase(dbName, roles, rwSchemas), ...workspaceDatabaseSetup(dbName, roles), ...workspaceGuardStatements(dbName, OPENHEXA_GUARDS)]) {
        await db.query(statement);
      }
      const writerSchemas = (await db.query<{ nspname: string }>(SQL.schemasOwnedBy, [roles.writer])).rows.map((r) => r.nspname);
      const writerRelations = (await db.query<{ nspname: string; relname: string }>(SQL.relationsOwnedBy, [roles.writer])).rows.map((r) => ({ schema: r.nspname, name: r.relname }));
      for (const statement of readerGrants(roles, writerSchemas, writerRelations)) {
        await db.query(statement);
      }
    });
  });
}

/**
 * Moves the workspaces that 0.1.0 made to the group layout (migration 2 made
 * their groups and memberships): each database is handed over, then the old
 * memberships in the shared logins are removed. A workspace whose database
 * cannot be reached keeps working as before (both memberships stay) and is
 * retried by the next Initialize Server. Returns the slugs it upgraded.
 */
export async function upgradeWorkspaces(login: Omit<Login, 'database'>, catalogDatabase: string): Promise<string[]> {
  return withConnection({ ...login, database: catalogDatabase }, async (catalog) => {
    const pending = await asOwner(catalog, async () => (await catalog.query<{ slug: string; db_name: string }>(PENDING_SQL)).rows);
    if (!pending) {
      return [];
    }
    const upgraded: string[] = [];
    const failed: string[] = [];
    for (const workspace of pending) {
      try {
        await handOver(login, workspace.db_name);
        await asOwner(catalog, () => catalog.query(FINISH_SQL, [workspace.slug]));
        upgraded.push(workspace.slug);
      } catch (err) {
        failed.push(`"${workspace.slug}" (${err instanceof Error ? err.message : String(err)})`);
      }
    }
    if (failed.length > 0) {
      throw new CatalogError(
        'conflict',
        `The catalog is upgraded, but ${failed.length} workspace database(s) could not be moved to the new role layout: ${failed.join('; ')}. They keep working as before; run Initialize Server again to retry.`,
      );
    }
    return upgraded;
  });
}

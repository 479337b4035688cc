import type { ClientBase } from 'pg';
import { quoteIdent, quoteLiteral } from '../../core/identifiers';
import { actsAsWriter, sessionRoleChanges, type SessionRoleChanges, type SessionRoleState } from '../../core/sessionRoles';
import { isWorkspaceRole, type WorkspaceRole } from '../../core/roles';
import { workspaceRoleNames } from '../../core/workspaceNames';
import { PLATFORM_ADMIN_GROUP } from '../catalog/migrations';
import { SQL } from './sql';

// pg_db_role_setting is a shared catalog that every login may read: one query, from any database.
const ROLE_SETTINGS_SQL = `
SELECT d.datname AS db, r.rolname AS login, pg_catalog.substr(c, 6) AS role
  FROM pg_catalog.pg_db_role_setting s
  JOIN pg_catalog.pg_database d ON d.oid OPERATOR(pg_catalog.=) s.setdatabase
  LEFT JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) s.setrole
  CROSS JOIN LATERAL pg_catalog.unnest(s.setconfig) c
 WHERE pg_catalog.starts_with(c, 'role=') AND d.datname OPERATOR(pg_catalog.=) ANY ($1::name[])`;

const PLATFORM_ADMINS_SQL = `
SELECT r.rolname AS login FROM pg_catalog.pg_roles r
 WHERE r.rolcanlogin AND NOT r.rolsuper AND pg_catalog.pg_has_role(r.oid, $1, 'MEMBER')
 ORDER BY 1`;

const OWN_SETTING_SQL = `
SELECT pg_catalog.substr(c, 6) AS role
  FROM pg_catalog.pg_db_role_setting s
  JOIN pg_catalog.pg_database d ON d.oid OPERATOR(pg_catalog.=) s.setdatabase
  CROSS JOIN LATERAL pg_catalog.unnest(s.setconfig) c
 WHERE d.datname OPERATOR(pg_catalog.=) $1 AND s.setrole OPERATOR(pg_catalog.=) (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) session_user)
   AND pg_catalog.starts_with(c, 'role=')`;

/** The `role` settings of these databases, per login and for the whole database. */
export async function roleSettings(client: ClientBase, dbNames: readonly string[]): Promise<Map<string, SessionRoleState>> {
  const { rows } = await client.query<{ db: string; login: string | null; role: string }>(ROLE_SETTINGS_SQL, [dbNames]);
  return new Map(
    dbNames.map((db) => {
      const mine = rows.filter((r) => r.db === db);
      return [db, { perLogin: new Map(mine.flatMap((r) => (r.login === null ? [] : [[r.login, r.role] as const]))), database: mine.find((r) => r.login === null)?.role }];
    }),
  );
}

function isPrivilegeError(err: unknown): boolean {
  return (err as { code?: unknown } | undefined)?.code === '42501';
}

/**
 * Applies the changes one login at a time, as the calling login (never from
 * a security-definer function: PostgreSQL refuses the `role` setting
 * there). A login this one may not alter (PostgreSQL 16+: one it did not
 * create) is left out and returned; that member's own VS Code sets its own.
 */
export async function applySessionRoles(client: ClientBase, dbName: string, changes: SessionRoleChanges): Promise<string[]> {
  const db = quoteIdent(dbName);
  const writer = quoteLiteral(workspaceRoleNames(dbName).writer);
  const skipped: string[] = [];
  const run = async (login: string, sql: string): Promise<void> => {
    try {
      await client.query(sql);
    } catch (err) {
      if (!isPrivilegeError(err)) {
        throw err;
      }
      skipped.push(login);
    }
  };
  for (const login of changes.set) {
    await run(login, `ALTER ROLE ${quoteIdent(login)} IN DATABASE ${db} SET role = ${writer}`);
  }
  for (const login of changes.reset) {
    await run(login, `ALTER ROLE ${quoteIdent(login)} IN DATABASE ${db} RESET role`);
  }
  if (changes.resetDatabase) {
    await run(dbName, `ALTER DATABASE ${db} RESET role`);
  }
  return skipped;
}

/**
 * A platform admin makes every login of the workspaces (all of them, or
 * those named) act as it should: writers as the writer group, the others as
 * themselves, nobody through a database-wide setting. Returns the logins it
 * could not change.
 */
export async function syncSessionRoles(catalog: ClientBase, only?: readonly string[]): Promise<string[]> {
  const workspaces = (await catalog.query<{ slug: string; db_name: string; status: string }>(SQL.myWorkspaces)).rows.filter((w) => w.status === 'ready' && (!only || only.includes(w.slug)));
  if (workspaces.length === 0) {
    return [];
  }
  const platformAdmins = (await catalog.query<{ login: string }>(PLATFORM_ADMINS_SQL, [PLATFORM_ADMIN_GROUP])).rows.map((r) => r.login);
  const states = await roleSettings(catalog, workspaces.map((w) => w.db_name));
  const skipped: string[] = [];
  for (const workspace of workspaces) {
    const members = (await catalog.query<{ login: string; role: string }>(SQL.members, [workspace.slug])).rows.flatMap((m) => (isWorkspaceRole(m.role) ? [{ login: m.login, role: m.role }] : []));
    const changes = sessionRoleChanges(workspace.db_name, members, platformAdmins, states.get(workspace.db_name)!);
    const left = await applySessionRoles(catalog, workspace.db_name, changes);
    skipped.push(...left);
    await endStaleSessions(catalog, workspace.slug, changes, left);
  }
  return skipped;
}

/**
 * Sessions that began before a login's role setting changed keep the old
 * role (a notebook; through PgBouncer, the server connections it keeps for
 * that login's next clients): once the change is committed, a platform
 * admin ends them, the idle ones of logins that gained the writer role
 * (a running query finishes) and all of those that lost it. A catalog
 * without migration 10, or a caller who is not a platform admin, leaves
 * them (they end when the client disconnects).
 */
async function endStaleSessions(catalog: ClientBase, slug: string, changes: SessionRoleChanges, notChanged: readonly string[]): Promise<void> {
  const changed = (logins: readonly string[]): string[] => logins.filter((l) => !notChanged.includes(l));
  for (const [logins, idleOnly] of [
    [changed(changes.set), true],
    [changed(changes.reset), false],
  ] as const) {
    if (logins.length === 0) {
      continue;
    }
    try {
      await catalog.query(SQL.endWorkspaceSessions, [slug, logins, idleOnly]);
    } catch (err) {
      const code = (err as { code?: unknown } | undefined)?.code;
      if (code !== '42883' && code !== '42501') {
        throw err;
      }
    }
  }
}

/**
 * After a membership change: the member's sessions act as the writer group
 * exactly while they are an editor or admin (`role` undefined: they left).
 * Done by the caller's login where it may (a platform login that created
 * the member); else the member's own VS Code does it (syncOwnSessionRole).
 */
export async function applyMemberSessionRole(catalog: ClientBase, slug: string, login: string, role: WorkspaceRole | undefined): Promise<void> {
  const dbName = (await catalog.query<{ slug: string; db_name: string }>(SQL.myWorkspaces)).rows.find((w) => w.slug === slug)?.db_name;
  if (!dbName) {
    return;
  }
  const writer = role !== undefined && actsAsWriter(role);
  await applySessionRoles(catalog, dbName, { set: writer ? [login] : [], reset: writer ? [] : [login], resetDatabase: false });
}

/**
 * A member (or platform admin) sets its own login's session role in one
 * workspace database: any login may change its own settings. True when it
 * changed something.
 */
export async function syncOwnSessionRole(client: ClientBase, dbName: string, role: WorkspaceRole): Promise<boolean> {
  const writer = workspaceRoleNames(dbName).writer;
  const current = (await client.query<{ role: string }>(OWN_SETTING_SQL, [dbName])).rows[0]?.role;
  const wanted = actsAsWriter(role) ? writer : undefined;
  if (current === wanted) {
    return false;
  }
  await client.query(wanted === undefined ? `ALTER ROLE CURRENT_USER IN DATABASE ${quoteIdent(dbName)} RESET role` : `ALTER ROLE CURRENT_USER IN DATABASE ${quoteIdent(dbName)} SET role = ${quoteLiteral(wanted)}`);
  // Its sessions there that began before keep the old role (through PgBouncer, the server connections it keeps
  // for this login): any login may end its own. Idle ones when it gained the writer role, all when it lost it.
  await client.query(SQL.endOwnSessions, [dbName, wanted !== undefined]);
  return true;
}

import { quoteIdent, quoteLiteral } from '../../core/identifiers';
import type { WorkspaceRoleNames } from '../../core/workspaceNames';

/** Catalog calls, all through the members' door (SECURITY DEFINER functions). */
export const SQL = {
  myWorkspaces: 'SELECT slug, name, db_name, role, status FROM openhexa.my_workspaces()',
  // The tree's server level in one round trip.
  overview: `SELECT openhexa.is_platform_admin() AS platform_admin,
                    COALESCE((SELECT json_agg(w) FROM openhexa.my_workspaces() w), '[]') AS workspaces`,
  isPlatformAdmin: 'SELECT openhexa.is_platform_admin() AS yes',
  credentials: 'SELECT kind, username, password FROM openhexa.workspace_credentials($1)',
  setPassword: 'SELECT openhexa.set_workspace_password($1, $2, $3)',
  members: 'SELECT login, role, created_at FROM openhexa.workspace_members($1)',
  addMember: 'SELECT openhexa.add_member($1, $2, $3)',
  createMember: 'SELECT openhexa.create_member($1, $2, $3, $4)',
  setMemberRole: 'SELECT openhexa.set_member_role($1, $2, $3)',
  removeMember: 'SELECT openhexa.remove_member($1, $2)',
  beginWorkspace: 'SELECT slug, db_name FROM openhexa.begin_workspace($1, $2, $3, $4)',
  finishWorkspace: 'SELECT openhexa.finish_workspace($1)',
  dropWorkspace: 'SELECT openhexa.drop_workspace($1)',
  slugTaken: `SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_database WHERE datname = $1)
              OR EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname IN ($1, $1 || '_ro', $1 || '_admin')) AS taken`,
  databaseExists: 'SELECT 1 FROM pg_catalog.pg_database WHERE datname = $1',
  publicSchemaOpen: `SELECT has_schema_privilege($1, 'public', 'CREATE') AS open`,
} as const;

/**
 * Privileges inside a new workspace database, as OpenHEXA provisions them:
 * the read-only role reads what the read/write role creates later, in any
 * schema; nobody else gets in; PUBLIC may not create in `public`. Sessions
 * of the read/write role's members (editors, admins) act as that role, so
 * what they create is owned by it. The read-only login (pinned to itself)
 * and viewers cannot take the read/write role: PostgreSQL says so with a
 * WARNING when their session starts, and they go on as themselves.
 */
export function workspaceDatabaseSetup(db: string, roles: WorkspaceRoleNames): string[] {
  const d = quoteIdent(db);
  const rw = quoteIdent(roles.rw);
  const ro = quoteIdent(roles.ro);
  return [
    `REVOKE ALL ON DATABASE ${d} FROM PUBLIC`,
    `GRANT CONNECT, TEMPORARY ON DATABASE ${d} TO ${rw}`,
    `GRANT CONNECT ON DATABASE ${d} TO ${ro}`,
    'REVOKE CREATE ON SCHEMA public FROM PUBLIC',
    `GRANT USAGE ON SCHEMA public TO ${ro}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${rw} GRANT SELECT ON TABLES TO ${ro}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${rw} GRANT SELECT ON SEQUENCES TO ${ro}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${rw} GRANT USAGE ON SCHEMAS TO ${ro}`,
    `ALTER DATABASE ${d} SET role = ${quoteLiteral(roles.rw)}`,
    `ALTER ROLE ${ro} IN DATABASE ${d} SET role = ${quoteLiteral(roles.ro)}`,
  ];
}

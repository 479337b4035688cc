import { quoteIdent, quoteLiteral } from '../../core/identifiers';
import type { WorkspaceGuards } from '../../core/workspaceGuards';
import type { WorkspaceRoleNames } from '../../core/workspaceNames';
import { PLATFORM_ADMIN_GROUP } from '../catalog/migrations';

/** Catalog calls, all through the members' door (SECURITY DEFINER functions). */
export const SQL = {
  myWorkspaces: 'SELECT slug, name, db_name, role, status FROM openhexa.my_workspaces()',
  // The tree's server level in one round trip.
  overview: `SELECT openhexa.is_platform_admin() AS platform_admin,
                    openhexa.catalog_version() AS version,
                    (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) session_user) AS superuser,
                    COALESCE((SELECT pg_catalog.json_agg(w) FROM openhexa.my_workspaces() w), '[]') AS workspaces`,
  isPlatformAdmin: 'SELECT openhexa.is_platform_admin() AS yes',
  // Two steps: the first commits the audit record, the second returns the password.
  logCredentialAccess: 'SELECT openhexa.log_credential_access($1, $2, $3) AS record',
  credentialPassword: 'SELECT kind, username, password FROM openhexa.credential_password($1)',
  regeneratePassword: 'SELECT openhexa.regenerate_password($1, $2) AS password',
  members: 'SELECT login, role, created_at FROM openhexa.workspace_members($1)',
  addMember: 'SELECT openhexa.add_member($1, $2, $3)',
  createMember: 'SELECT openhexa.create_member($1, $2, $3) AS password',
  setMemberRole: 'SELECT openhexa.set_member_role($1, $2, $3)',
  removeMember: 'SELECT openhexa.remove_member($1, $2)',
  endMemberSessions: 'SELECT closed, left_open FROM openhexa.end_member_sessions($1, $2)',
  beginWorkspace: 'SELECT slug, db_name FROM openhexa.begin_workspace($1, $2)',
  finishWorkspace: 'SELECT openhexa.finish_workspace($1)',
  dropWorkspace: 'SELECT openhexa.drop_workspace($1)',
  rotatePasswords: 'SELECT openhexa.rotate_workspace_passwords($1)',
  archiveWorkspace: 'SELECT openhexa.archive_workspace($1)',
  endArchivedSessions: 'SELECT closed, left_open FROM openhexa.end_archived_sessions($1)',
  restoreWorkspace: 'SELECT openhexa.restore_workspace($1)',
  /** The sessions begun before this call on a workspace's database: of these logins (all when NULL), idle ones only when asked. */
  endWorkspaceSessions: 'SELECT closed, left_open FROM openhexa.end_workspace_sessions($1, $2, $3)',
  /** This login's own sessions begun before this call on a database (idle ones only when asked). */
  endOwnSessions: `WITH mine AS MATERIALIZED (
                      SELECT a.pid FROM pg_catalog.pg_stat_activity a
                       WHERE a.datname OPERATOR(pg_catalog.=) $1 AND a.usename OPERATOR(pg_catalog.=) session_user
                         AND a.pid OPERATOR(pg_catalog.<>) pg_catalog.pg_backend_pid()
                         AND a.backend_start OPERATOR(pg_catalog.<) pg_catalog.now()
                         AND (NOT $2::boolean OR a.state OPERATOR(pg_catalog.=) 'idle'))
                   SELECT pg_catalog.count(*) FILTER (WHERE pg_catalog.pg_terminate_backend(mine.pid))::int AS closed FROM mine`,
  slugTaken: `SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_database WHERE datname OPERATOR(pg_catalog.=) $1)
              OR EXISTS (SELECT 1 FROM pg_catalog.pg_roles
                          WHERE rolname OPERATOR(pg_catalog.=) ANY (ARRAY[$1, pg_catalog.concat($1, '_ro'), pg_catalog.concat($1, '_reader'),
                                                                        pg_catalog.concat($1, '_writer'), pg_catalog.concat($1, '_admin')]::name[])) AS taken`,
  serverVersion: "SELECT pg_catalog.current_setting('server_version_num')::int AS version",
  publicSchemaOpen: `SELECT pg_catalog.has_schema_privilege($1, 'public', 'CREATE') OR pg_catalog.has_schema_privilege($2, 'public', 'CREATE') AS open`,
  /** Schemas a role owns in the current database. */
  schemasOwnedBy: `SELECT n.nspname FROM pg_catalog.pg_namespace n
                    WHERE n.nspowner OPERATOR(pg_catalog.=) (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) $1)
                    ORDER BY n.nspname`,
  /** Tables, views, sequences… a role owns in the current database. */
  relationsOwnedBy: `SELECT n.nspname, c.relname FROM pg_catalog.pg_class c
                       JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
                      WHERE c.relowner OPERATOR(pg_catalog.=) (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) $1)
                        AND c.relkind OPERATOR(pg_catalog.=) ANY (ARRAY['r', 'p', 'v', 'm', 'f', 'S']::"char"[])
                      ORDER BY n.nspname, c.relname`,
} as const;

/**
 * Privileges inside a workspace database (docs/architecture.md §2): nobody else gets
 * in; the reader group reads, the writer group writes and creates; what the
 * writer group creates later, in any schema, is readable by the reader group.
 * Sessions of the writer group's members (editors, admins, the read/write
 * login, platform admins) act as that group through the database's "role"
 * setting, so what they create is owned by it. The read-only login and
 * viewers cannot take that role: PostgreSQL says so with a WARNING when
 * their session starts, and they go on as themselves.
 */
export function workspaceDatabaseSetup(db: string, roles: WorkspaceRoleNames): string[] {
  const d = quoteIdent(db);
  const reader = quoteIdent(roles.reader);
  const writer = quoteIdent(roles.writer);
  return [
    `REVOKE ALL ON DATABASE ${d} FROM PUBLIC`,
    `GRANT CONNECT ON DATABASE ${d} TO ${reader}`,
    `GRANT CONNECT, TEMPORARY, CREATE ON DATABASE ${d} TO ${writer}`,
    // NOINHERIT: the read/write login connects on its own grant, then acts as the writer group (its setting in this database).
    `GRANT CONNECT, TEMPORARY ON DATABASE ${d} TO ${quoteIdent(roles.rw)}`,
    'REVOKE CREATE ON SCHEMA public FROM PUBLIC',
    `GRANT USAGE ON SCHEMA public TO ${reader}`,
    `GRANT USAGE, CREATE ON SCHEMA public TO ${writer}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${writer} GRANT SELECT ON TABLES TO ${reader}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${writer} GRANT SELECT ON SEQUENCES TO ${reader}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${writer} GRANT USAGE ON SCHEMAS TO ${reader}`,
    // Which logins act as the writer group is set per login in this database (catalog migration 6), never for the
    // whole database: a viewer's or the read-only login's session would start with a warning.
  ];
}

/**
 * OpenHEXA's per-database guards (core/workspaceGuards). Run by the
 * database's owner (the platform admins' group); they apply to sessions
 * that start afterwards.
 */
export function workspaceGuardStatements(db: string, guards: WorkspaceGuards): string[] {
  const d = quoteIdent(db);
  return [
    `ALTER DATABASE ${d} CONNECTION LIMIT ${Math.trunc(guards.connectionLimit)}`,
    `ALTER DATABASE ${d} SET idle_in_transaction_session_timeout = ${quoteLiteral(guards.idleInTransactionSessionTimeout)}`,
    `ALTER DATABASE ${d} SET statement_timeout = ${quoteLiteral(guards.statementTimeout)}`,
  ];
}

/** A database's guards as the server has them (for a test, the tree's tooltip, or a check). */
export const GUARDS_SQL = `SELECT d.datconnlimit AS connection_limit,
       pg_catalog.max(pg_catalog.split_part(c, '=', 2)) FILTER (WHERE pg_catalog.starts_with(c, 'idle_in_transaction_session_timeout=')) AS idle_in_transaction_session_timeout,
       pg_catalog.max(pg_catalog.split_part(c, '=', 2)) FILTER (WHERE pg_catalog.starts_with(c, 'statement_timeout=')) AS statement_timeout
  FROM pg_catalog.pg_database d
  LEFT JOIN pg_catalog.pg_db_role_setting s ON s.setdatabase OPERATOR(pg_catalog.=) d.oid AND s.setrole OPERATOR(pg_catalog.=) 0
  LEFT JOIN LATERAL pg_catalog.unnest(s.setconfig) c ON true
 WHERE d.datname OPERATOR(pg_catalog.=) $1
 GROUP BY d.datconnlimit`;

/**
 * First statements of handing a 0.1.0 workspace database (owned by its
 * read/write login) to the group layout: the platform admins' group takes the
 * database, and the writer group may create in the read/write login's schemas
 * so that it can take over their objects.
 */
export function handOverDatabase(db: string, roles: WorkspaceRoleNames, rwSchemas: readonly string[]): string[] {
  return [
    // Act as oneself: the database's old "role" setting made this session the read/write login. For this
    // transaction only: through a pooler the server connection goes on to the login's next client.
    'SET LOCAL ROLE NONE',
    `ALTER DATABASE ${quoteIdent(db)} OWNER TO ${quoteIdent(PLATFORM_ADMIN_GROUP)}`,
    `GRANT USAGE, CREATE ON SCHEMA public TO ${quoteIdent(roles.writer)}`,
    ...rwSchemas.map((schema) => `GRANT USAGE, CREATE ON SCHEMA ${quoteIdent(schema)} TO ${quoteIdent(roles.writer)}`),
    `REASSIGN OWNED BY ${quoteIdent(roles.rw)} TO ${quoteIdent(roles.writer)}`,
  ];
}

/** What the reader group needs on objects that existed before the default privileges did. */
export function readerGrants(roles: WorkspaceRoleNames, writerSchemas: readonly string[], writerRelations: readonly { schema: string; name: string }[]): string[] {
  const reader = quoteIdent(roles.reader);
  return [
    ...writerSchemas.map((schema) => `GRANT USAGE ON SCHEMA ${quoteIdent(schema)} TO ${reader}`),
    ...writerRelations.map((r) => `GRANT SELECT ON ${quoteIdent(r.schema)}.${quoteIdent(r.name)} TO ${reader}`),
  ];
}

import type { ClientBase } from 'pg';
import { withTransaction } from '../transaction';
import { qualifiedName, quoteIdent } from '../../core/identifiers';
import type { WorkspaceRoleNames } from '../../core/workspaceNames';

/**
 * Write privileges that viewers and the read-only login hold although the
 * workspace never gave them: an editor owns (through the writer group) what
 * it creates, and PostgreSQL lets an owner grant INSERT, UPDATE, DELETE or
 * TRUNCATE on it to the reader group or to PUBLIC, directly or through
 * ALTER DEFAULT PRIVILEGES for tables made later. The tree reports them;
 * an editor or admin can take them back (`revokeReaderWrites`).
 */
export interface ReaderWrites {
  /** Tables, views and materialized views the read-only login may write to, with what it may do. */
  readonly tables: readonly { readonly schema: string; readonly name: string; readonly privileges: readonly string[] }[];
  /** Default privileges of the writer group that give tables made later to the readers or PUBLIC (schema null: in every schema). */
  readonly defaults: readonly { readonly schema: string | null; readonly privileges: readonly string[] }[];
}

const WRITES = ['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE'] as const;

// Write privileges granted to the reader group, the read-only login or PUBLIC, read from each relation's ACL
// (the read-only login belongs to the reader group only, so these are all it holds). Catalog rows only: no
// table is opened, and no per-table privilege check (which costs as much as the level itself at 100,000 tables).
const TABLES_SQL = `
SELECT n.nspname AS schema, c.relname AS name, pg_catalog.array_agg(DISTINCT a.privilege_type ORDER BY a.privilege_type) AS privileges
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
  CROSS JOIN LATERAL pg_catalog.aclexplode(c.relacl) a
 WHERE c.relacl IS NOT NULL
   AND c.relkind OPERATOR(pg_catalog.=) ANY (ARRAY['r', 'p', 'v', 'm', 'f']::"char"[])
   AND NOT n.nspname OPERATOR(pg_catalog.=) ANY (ARRAY['pg_catalog', 'information_schema']::name[])
   AND n.nspname::text OPERATOR(pg_catalog.!~) '^pg_(toast|temp)'
   AND a.privilege_type OPERATOR(pg_catalog.=) ANY ($2::text[])
   AND (a.grantee OPERATOR(pg_catalog.=) 0::oid
        OR a.grantee OPERATOR(pg_catalog.=) ANY (ARRAY(SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) ANY ($1::name[]))))
 GROUP BY n.nspname, c.relname
 ORDER BY n.nspname, c.relname`;

const DEFAULTS_SQL = `
SELECT n.nspname AS schema, pg_catalog.array_agg(DISTINCT a.privilege_type ORDER BY a.privilege_type) AS privileges
  FROM pg_catalog.pg_default_acl d
  CROSS JOIN LATERAL pg_catalog.aclexplode(d.defaclacl) a
  LEFT JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) d.defaclnamespace
 WHERE d.defaclrole OPERATOR(pg_catalog.=) (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) $1::name)
   AND d.defaclobjtype OPERATOR(pg_catalog.=) 'r'
   AND a.privilege_type OPERATOR(pg_catalog.=) ANY ($3::text[])
   AND (a.grantee OPERATOR(pg_catalog.=) 0::oid
        OR a.grantee OPERATOR(pg_catalog.=) ANY (ARRAY(SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) ANY ($2::name[]))))
 GROUP BY n.nspname
 ORDER BY n.nspname NULLS FIRST`;

/** What the read-only login may write, and the default privileges that would give it more. */
export async function readerWrites(client: ClientBase, roles: WorkspaceRoleNames): Promise<ReaderWrites> {
  const tables = await client.query<{ schema: string; name: string; privileges: string[] }>(TABLES_SQL, [[roles.reader, roles.ro], WRITES]);
  const defaults = await client.query<{ schema: string | null; privileges: string[] }>(DEFAULTS_SQL, [roles.writer, [roles.reader, roles.ro], WRITES]);
  return { tables: tables.rows, defaults: defaults.rows };
}

/** Nothing to report. */
export function noReaderWrites(found: ReaderWrites): boolean {
  return found.tables.length === 0 && found.defaults.length === 0;
}

/**
 * Takes back every write privilege found from the reader group, the
 * read-only login and PUBLIC, and the default privileges that gave them,
 * in one transaction, as the caller (an editor or admin, acting as the
 * writer group, which granted them). What stays (a table owned by a
 * member's own login) is found again by the caller.
 */
export async function revokeReaderWrites(client: ClientBase, roles: WorkspaceRoleNames, found: ReaderWrites): Promise<void> {
  const from = `${quoteIdent(roles.reader)}, ${quoteIdent(roles.ro)}, PUBLIC`;
  const writes = WRITES.join(', ');
  await withTransaction(client, async () => {
    for (const table of found.tables) {
      await client.query(`REVOKE ${writes} ON TABLE ${qualifiedName(table.schema, table.name)} FROM ${from}`);
    }
    for (const entry of found.defaults) {
      const where = entry.schema === null ? '' : ` IN SCHEMA ${quoteIdent(entry.schema)}`;
      await client.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${quoteIdent(roles.writer)}${where} REVOKE ${writes} ON TABLES FROM ${from}`);
    }
  });
}


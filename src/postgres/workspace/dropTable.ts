import type { ClientBase } from 'pg';
import { qualifiedName } from '../../core/identifiers';
import { withTransaction } from '../transaction';
import type { TableKind } from './tables';

/** What stops a plain DROP: a view or materialized view reading the table, or another table's foreign key to it. */
export interface Dependent {
  readonly kind: 'view' | 'materialized view' | 'foreign key';
  readonly schema: string;
  /** The view, or the table whose foreign key it is. */
  readonly name: string;
  /** A foreign key's constraint name. */
  readonly constraint?: string;
}

export interface DropPlan {
  readonly kind: TableKind;
  /** The planner's row estimate (undefined for a view or a table never analyzed). */
  readonly rows: number | undefined;
  readonly dependents: readonly Dependent[];
}

// Read as the member, in the browse's read-only transaction; every operator schema-qualified (an editor's own may shadow).
const DROP_PLAN_SQL = `
WITH target AS (
  SELECT c.oid, c.relkind, c.reltuples
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
   WHERE n.nspname OPERATOR(pg_catalog.=) $1 AND c.relname OPERATOR(pg_catalog.=) $2
)
SELECT t.relkind AS kind, t.reltuples::float8 AS reltuples,
       COALESCE((
         SELECT pg_catalog.json_agg(x ORDER BY x.schema, x.name, x.con)
           FROM (
             SELECT DISTINCT CASE v.relkind WHEN 'm' THEN 'materialized view' ELSE 'view' END AS kind, vn.nspname AS schema, v.relname AS name, NULL::text AS con
               FROM pg_catalog.pg_depend d
               JOIN pg_catalog.pg_rewrite r ON r.oid OPERATOR(pg_catalog.=) d.objid
               JOIN pg_catalog.pg_class v ON v.oid OPERATOR(pg_catalog.=) r.ev_class
               JOIN pg_catalog.pg_namespace vn ON vn.oid OPERATOR(pg_catalog.=) v.relnamespace
              WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_rewrite'::pg_catalog.regclass
                AND d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
                AND d.refobjid OPERATOR(pg_catalog.=) t.oid
                AND r.ev_class OPERATOR(pg_catalog.<>) t.oid
             UNION
             SELECT 'foreign key', fn.nspname, f.relname, con.conname::text
               FROM pg_catalog.pg_constraint con
               JOIN pg_catalog.pg_class f ON f.oid OPERATOR(pg_catalog.=) con.conrelid
               JOIN pg_catalog.pg_namespace fn ON fn.oid OPERATOR(pg_catalog.=) f.relnamespace
              WHERE con.contype OPERATOR(pg_catalog.=) 'f' AND con.confrelid OPERATOR(pg_catalog.=) t.oid AND con.conrelid OPERATOR(pg_catalog.<>) t.oid
           ) x
       ), '[]'::pg_catalog.json) AS dependents
  FROM target t`;

const KINDS: Record<string, TableKind> = { r: 'table', p: 'partitioned table', v: 'view', m: 'materialized view', f: 'foreign table' };
const DROP_KEYWORD: Record<TableKind, string> = { table: 'TABLE', 'partitioned table': 'TABLE', view: 'VIEW', 'materialized view': 'MATERIALIZED VIEW', 'foreign table': 'FOREIGN TABLE' };

/** What dropping this table would take: its kind, its row estimate, and what depends on it. Undefined when it is gone. */
export async function dropPlan(client: ClientBase, table: { readonly schema: string; readonly name: string }): Promise<DropPlan | undefined> {
  const row = (await client.query<{ kind: string; reltuples: number; dependents: { kind: Dependent['kind']; schema: string; name: string; con: string | null }[] }>(DROP_PLAN_SQL, [table.schema, table.name])).rows[0];
  const kind = row && KINDS[row.kind];
  if (!row || !kind) {
    return undefined;
  }
  return {
    kind,
    rows: row.reltuples >= 0 && (kind === 'table' || kind === 'materialized view') ? Math.round(row.reltuples) : undefined,
    dependents: row.dependents.map((d) => ({ kind: d.kind, schema: d.schema, name: d.name, ...(d.con ? { constraint: d.con } : {}) })),
  };
}

/**
 * Drops the table (or view) as the member's own login, in one transaction
 * with a lock timeout (a reader holding it makes this wait 5 s, then fail,
 * rather than queue every other reader behind it). Without `cascade`,
 * PostgreSQL refuses while anything depends on it (2BP01); a viewer, who
 * owns nothing, is refused by PostgreSQL (42501).
 */
export async function dropTable(client: ClientBase, table: { readonly schema: string; readonly name: string; readonly kind: TableKind }, cascade: boolean): Promise<void> {
  await withTransaction(client, async () => {
    await client.query("SET LOCAL lock_timeout = '5s'");
    await client.query(`DROP ${DROP_KEYWORD[table.kind]} ${qualifiedName(table.schema, table.name)}${cascade ? ' CASCADE' : ''}`);
  });
}

import type { Client, ClientBase } from 'pg';
import { qualifiedName } from '../../core/identifiers';

export type TableKind = 'table' | 'partitioned table' | 'view' | 'materialized view' | 'foreign table';

export interface TableInfo {
  readonly schema: string;
  readonly name: string;
  readonly kind: TableKind;
  /** Rows: exact under EXACT_COUNT_LIMIT, else the planner's estimate; undefined when unknown. */
  readonly rows: number | undefined;
  readonly rowsExact: boolean;
  /** Bytes on disk, indexes and TOAST included; undefined for views. */
  readonly bytes: number | undefined;
  readonly readable: boolean;
}

export interface ColumnInfo {
  readonly name: string;
  readonly type: string;
  readonly nullable: boolean;
  readonly primaryKey: boolean;
}

export interface RelationColumns {
  /** pg_class.relkind: 'r' table, 'p' partitioned, 'v' view, 'm' materialized view, 'f' foreign table. */
  readonly relkind: string | undefined;
  readonly columns: ColumnInfo[];
  /** Names of the primary key's columns, in the key's order. */
  readonly primaryKey: string[];
}

export const EXACT_COUNT_LIMIT = 10_000;
/** A never-analyzed table is counted exactly only when it is this small on disk. */
const SMALL_UNANALYZED_BYTES = 1024 * 1024;

// One round trip for the whole level. Small readable tables are counted
// exactly (query_to_xml runs the count inside this query); big ones use
// reltuples, so no count(*) ever scans a big table. Every function and
// operator is schema-qualified: this runs in a database where editors create
// functions and operators, and a better-matching look-alike would win.
const TABLES_SQL = `
WITH rel AS (
  SELECT c.oid, n.nspname, c.relname, c.relkind, c.reltuples,
         CASE WHEN c.relkind OPERATOR(pg_catalog.=) 'p'
              THEN (SELECT COALESCE(pg_catalog.sum(pg_catalog.pg_total_relation_size(t.relid)), 0) FROM pg_catalog.pg_partition_tree(c.oid) t)
              WHEN c.relkind OPERATOR(pg_catalog.=) ANY (ARRAY['r', 'm']::"char"[]) THEN pg_catalog.pg_total_relation_size(c.oid) END AS bytes,
         CASE WHEN c.relkind OPERATOR(pg_catalog.=) 'p'
              THEN (SELECT pg_catalog.sum(GREATEST(k.reltuples, 0)) FROM pg_catalog.pg_partition_tree(c.oid) t
                      JOIN pg_catalog.pg_class k ON k.oid OPERATOR(pg_catalog.=) t.relid WHERE t.isleaf)
              ELSE c.reltuples END AS estimate,
         pg_catalog.has_table_privilege(c.oid, 'SELECT') AS readable
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
   WHERE c.relkind OPERATOR(pg_catalog.=) ANY (ARRAY['r', 'p', 'v', 'm', 'f']::"char"[])
     AND NOT c.relispartition
     AND NOT n.nspname OPERATOR(pg_catalog.=) ANY (ARRAY['pg_catalog', 'information_schema']::name[])
     AND n.nspname::text OPERATOR(pg_catalog.!~) '^pg_(toast|temp)'
)
SELECT nspname AS schema, relname AS name, relkind AS kind, bytes, readable,
       CASE WHEN readable AND relkind OPERATOR(pg_catalog.=) ANY (ARRAY['r', 'p', 'm']::"char"[])
                 AND ((estimate OPERATOR(pg_catalog.>=) 0 AND estimate OPERATOR(pg_catalog.<) $1::float4)
                      OR (estimate OPERATOR(pg_catalog.<) 0 AND bytes OPERATOR(pg_catalog.<) $2::bigint))
            THEN (pg_catalog.xpath('/row/c/text()', pg_catalog.query_to_xml(
                    pg_catalog.format('SELECT pg_catalog.count(*) AS c FROM %I.%I', nspname, relname), false, true, '')))[1]::text::bigint
       END AS exact,
       CASE WHEN estimate OPERATOR(pg_catalog.>=) 0 THEN estimate::bigint END AS estimate
  FROM rel
 ORDER BY nspname OPERATOR(pg_catalog.=) 'public' DESC, nspname, relname`;

const KINDS: Record<string, TableKind> = { r: 'table', p: 'partitioned table', v: 'view', m: 'materialized view', f: 'foreign table' };

// Columns with their place in the primary key, and the relation's kind (the
// preview pages by primary key, else by ctid for tables, else by position).
const COLUMNS_SQL = `
SELECT a.attname AS name, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable,
       pg_catalog.array_position(i.indkey::int2[], a.attnum) AS key_pos, c.relkind
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
  JOIN pg_catalog.pg_attribute a ON a.attrelid OPERATOR(pg_catalog.=) c.oid AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped
  LEFT JOIN pg_catalog.pg_index i ON i.indrelid OPERATOR(pg_catalog.=) c.oid AND i.indisprimary
 WHERE n.nspname OPERATOR(pg_catalog.=) $1 AND c.relname OPERATOR(pg_catalog.=) $2
 ORDER BY a.attnum`;

interface TableRow {
  schema: string;
  name: string;
  kind: string;
  bytes: string | null;
  readable: boolean;
  exact: string | null;
  estimate: string | null;
}

/** The planner's row estimate for each view, in one round trip (EXPLAIN cannot run inside a query). */
async function viewEstimates(client: Client, views: { schema: string; name: string }[]): Promise<(number | undefined)[]> {
  if (views.length === 0) {
    return [];
  }
  const text = views.map((v) => `EXPLAIN (FORMAT JSON) SELECT * FROM ${qualifiedName(v.schema, v.name)}`).join(';\n');
  const raw = (await client.query(text)) as unknown;
  const results = (Array.isArray(raw) ? raw : [raw]) as { rows: Record<string, unknown>[] }[];
  return results.map((r) => {
    const plan = Object.values(r.rows[0] ?? {})[0] as [{ Plan?: { 'Plan Rows'?: number } }] | undefined;
    return plan?.[0]?.Plan?.['Plan Rows'];
  });
}

/** Tables, views and materialized views of the database the client is connected to, as that login may see them. */
export async function listTables(client: Client): Promise<TableInfo[]> {
  const { rows } = await client.query<TableRow>(TABLES_SQL, [EXACT_COUNT_LIMIT, SMALL_UNANALYZED_BYTES]);
  const tables = rows.map((r): TableInfo => {
    const exact = r.exact === null ? undefined : Number(r.exact);
    return {
      schema: r.schema,
      name: r.name,
      kind: KINDS[r.kind] ?? 'table',
      rows: exact ?? (r.estimate === null ? undefined : Number(r.estimate)),
      rowsExact: exact !== undefined,
      bytes: r.bytes === null ? undefined : Number(r.bytes),
      readable: r.readable,
    };
  });
  const views = tables.filter((t) => t.kind === 'view' && t.readable);
  const estimates = await viewEstimates(client, views).catch(() => views.map(() => undefined));
  return tables.map((t) => {
    const i = views.indexOf(t);
    return i >= 0 ? { ...t, rows: estimates[i] } : t;
  });
}

/** Columns of a table or view, one query; no columns and no relkind when there is no such relation. */
export async function describeColumns(client: ClientBase, schema: string, table: string): Promise<RelationColumns> {
  const { rows } = await client.query<{ name: string; type: string; nullable: boolean; key_pos: number | null; relkind: string }>(COLUMNS_SQL, [schema, table]);
  return {
    relkind: rows[0]?.relkind,
    columns: rows.map((r) => ({ name: r.name, type: r.type, nullable: r.nullable, primaryKey: r.key_pos !== null })),
    primaryKey: rows
      .filter((r) => r.key_pos !== null)
      .sort((a, b) => a.key_pos! - b.key_pos!)
      .map((r) => r.name),
  };
}

export async function listColumns(client: ClientBase, schema: string, table: string): Promise<ColumnInfo[]> {
  return (await describeColumns(client, schema, table)).columns;
}

import type { ClientBase } from 'pg';
import { qualifiedName } from '../../core/identifiers';

export const TABLE_KINDS = ['table', 'partitioned table', 'view', 'materialized view', 'foreign table'] as const;
export type TableKind = (typeof TABLE_KINDS)[number];

export interface TableInfo {
  /** pg_class.oid: what a later measure of the same relation asks for (a dropped and re-created table is another). */
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  readonly kind: TableKind;
  /** Rows: exact under EXACT_COUNT_LIMIT once measured, else the planner's estimate; undefined when unknown. */
  readonly rows: number | undefined;
  readonly rowsExact: boolean;
  /** Bytes on disk, indexes and TOAST included, once measured; undefined for views. */
  readonly bytes: number | undefined;
  readonly readable: boolean;
}

/** What a measure adds to a listed relation. */
export interface TableMeasure {
  readonly rows: number | undefined;
  readonly rowsExact: boolean;
  readonly bytes: number | undefined;
}

export interface ColumnInfo {
  readonly name: string;
  readonly type: string;
  readonly nullable: boolean;
  readonly primaryKey: boolean;
  /**
   * The type a value typed for this column is read as: the column's type,
   * or a domain's base type (a domain's CHECK may call an editor's
   * function). Null when reading a value would run code an editor wrote
   * whatever the type (a composite, range or array of such, or of domains).
   */
  readonly paramType: string | null;
  /** PostGIS's schema when the column's type is PostGIS's own geometry or geography. */
  readonly spatialSchema: string | null;
}

export interface RelationColumns {
  /** pg_class.relkind: 'r' table, 'p' partitioned, 'v' view, 'm' materialized view, 'f' foreign table. */
  readonly relkind: string | undefined;
  readonly columns: ColumnInfo[];
  /** Names of the primary key's columns, in the key's order. */
  readonly primaryKey: string[];
}

export interface SchemaInfo {
  readonly name: string;
  /** Relations the tree lists in it. */
  readonly relations: number;
}

/** Part of a level: at most `limit` relations, and how many the level holds in all. */
export interface RelationPage {
  readonly tables: TableInfo[];
  readonly total: number;
}

export const EXACT_COUNT_LIMIT = 10_000;
/** A never-analyzed table is counted exactly only when it is this small on disk. */
const SMALL_UNANALYZED_BYTES = 1024 * 1024;
/**
 * Relations measured in one transaction. Every count and size takes a lock on
 * its table (and its indexes and TOAST) until the transaction ends; the
 * server's lock table holds max_locks_per_transaction × max_connections in
 * all (6,400 by default), shared by every session.
 */
export const MEASURE_BATCH = 50;

// What the tree lists, in one place for the three queries below (and the query editor's outline, outline.ts).
export const LISTED = `c.relkind OPERATOR(pg_catalog.=) ANY (ARRAY['r', 'p', 'v', 'm', 'f']::"char"[])
     AND NOT c.relispartition
     AND NOT n.nspname OPERATOR(pg_catalog.=) ANY (ARRAY['pg_catalog', 'information_schema']::name[])
     AND n.nspname::text OPERATOR(pg_catalog.!~) '^pg_(toast|temp)'`;

// Schemas holding something the tree lists, public first. Catalog rows only: no lock on any table.
const SCHEMAS_SQL = `
SELECT n.nspname AS name, pg_catalog.count(*) AS relations
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
 WHERE ${LISTED}
 GROUP BY n.nspname
 ORDER BY n.nspname OPERATOR(pg_catalog.=) 'public' DESC, n.nspname`;

// One page of a level, from the catalog alone: no function here opens a
// table, so listing 100,000 relations takes no lock. reltuples is -1 for a
// table never analyzed (PostgreSQL 14+), 0 on older servers. Every function
// and operator is schema-qualified: this runs in a database where editors
// create functions and operators, and a better-matching look-alike would win.
const RELATIONS_SQL = `
SELECT c.oid::int8 AS oid, n.nspname AS schema, c.relname AS name, c.relkind AS kind,
       CASE WHEN c.relkind OPERATOR(pg_catalog.=) ANY (ARRAY['r', 'm', 'f']::"char"[]) AND c.reltuples OPERATOR(pg_catalog.>=) 0
            THEN c.reltuples::int8 END AS estimate,
       pg_catalog.has_table_privilege(c.oid, 'SELECT') AS readable
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
 WHERE ${LISTED}
   AND ($1::name IS NULL OR n.nspname OPERATOR(pg_catalog.=) $1::name)
 ORDER BY n.nspname OPERATOR(pg_catalog.=) 'public' DESC, n.nspname, c.relname
 LIMIT $2`;

// Sizes and exact counts of a few relations, by oid. Small readable tables
// are counted exactly (query_to_xml runs the count inside this query); big
// ones keep reltuples, so no count(*) ever scans a big table. A relation
// dropped since it was listed is simply not returned.
const MEASURE_SQL = `
WITH rel AS (
  SELECT c.oid, n.nspname, c.relname, c.relkind,
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
   WHERE c.oid OPERATOR(pg_catalog.=) ANY ($1::oid[])
     AND c.relkind OPERATOR(pg_catalog.=) ANY (ARRAY['r', 'p', 'm', 'f']::"char"[])
)
SELECT oid::int8 AS oid, bytes,
       CASE WHEN readable AND relkind OPERATOR(pg_catalog.=) ANY (ARRAY['r', 'p', 'm']::"char"[])
                 AND ((estimate OPERATOR(pg_catalog.>=) 0 AND estimate OPERATOR(pg_catalog.<) $2::float4)
                      OR (estimate OPERATOR(pg_catalog.<) 0 AND bytes OPERATOR(pg_catalog.<) $3::bigint))
            THEN (pg_catalog.xpath('/row/c/text()', pg_catalog.query_to_xml(
                    pg_catalog.format('SELECT pg_catalog.count(*) AS c FROM %I.%I', nspname, relname), false, true, '')))[1]::text::bigint
       END AS exact,
       CASE WHEN estimate OPERATOR(pg_catalog.>=) 0 THEN estimate::bigint END AS estimate
  FROM rel`;

const KINDS: Record<string, TableKind> = { r: 'table', p: 'partitioned table', v: 'view', m: 'materialized view', f: 'foreign table' };

/** A pg_class.relkind of what the tree lists, as its kind. */
export function tableKindOf(relkind: string): TableKind {
  return KINDS[relkind] ?? 'table';
}

// Columns with their place in the primary key, and the relation's kind (the
// preview pages by primary key, else by ctid for tables, else by position).
// For each column, what a typed value is read as: domains (of domains)
// unwrapped to their base type, so that no domain CHECK an editor wrote runs
// on a value the product binds; none when the type's input would reach such
// code anyway (composites, ranges, multiranges, arrays of those or of
// domains). And PostGIS's schema where the base type is PostGIS's own
// geometry or geography (pg_depend ties it to the extension), never a
// look-alike type of that name in another schema.
const COLUMNS_SQL = `
SELECT a.attname AS name, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable,
       pg_catalog.array_position(i.indkey::int2[], a.attnum) AS key_pos, c.relkind, b.param_type, b.spatial_schema
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
  JOIN pg_catalog.pg_attribute a ON a.attrelid OPERATOR(pg_catalog.=) c.oid AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped
  LEFT JOIN pg_catalog.pg_index i ON i.indrelid OPERATOR(pg_catalog.=) c.oid AND i.indisprimary
  LEFT JOIN LATERAL (
    WITH RECURSIVE chain (oid, typmod, depth) AS (
      SELECT a.atttypid, a.atttypmod, 0
      UNION ALL
      SELECT t.typbasetype, t.typtypmod, chain.depth OPERATOR(pg_catalog.+) 1
        FROM chain JOIN pg_catalog.pg_type t ON t.oid OPERATOR(pg_catalog.=) chain.oid
       WHERE t.typtype OPERATOR(pg_catalog.=) 'd'
    )
    SELECT CASE WHEN bt.typtype OPERATOR(pg_catalog.=) ANY (ARRAY['c', 'r', 'm']::"char"[])
                  OR et.typtype OPERATOR(pg_catalog.=) ANY (ARRAY['d', 'c', 'r', 'm']::"char"[])
                THEN NULL
                WHEN ch.depth OPERATOR(pg_catalog.=) 0 THEN pg_catalog.format_type(a.atttypid, a.atttypmod)
                ELSE pg_catalog.format_type(ch.oid, ch.typmod) END AS param_type,
           (SELECT x_n.nspname
              FROM pg_catalog.pg_depend d
              JOIN pg_catalog.pg_extension x ON x.oid OPERATOR(pg_catalog.=) d.refobjid
              JOIN pg_catalog.pg_namespace x_n ON x_n.oid OPERATOR(pg_catalog.=) x.extnamespace
             WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_type'::pg_catalog.regclass AND d.objid OPERATOR(pg_catalog.=) bt.oid
               AND d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_extension'::pg_catalog.regclass AND d.deptype OPERATOR(pg_catalog.=) 'e'
               AND x.extname OPERATOR(pg_catalog.=) 'postgis' AND bt.typname OPERATOR(pg_catalog.=) ANY (ARRAY['geometry', 'geography']::name[])
               AND bt.typnamespace OPERATOR(pg_catalog.=) x.extnamespace) AS spatial_schema
      FROM chain ch
      JOIN pg_catalog.pg_type bt ON bt.oid OPERATOR(pg_catalog.=) ch.oid
      LEFT JOIN pg_catalog.pg_type et ON et.oid OPERATOR(pg_catalog.=) bt.typelem AND bt.typcategory OPERATOR(pg_catalog.=) 'A'
     ORDER BY ch.depth DESC
     LIMIT 1
  ) b ON true
 WHERE n.nspname OPERATOR(pg_catalog.=) $1 AND c.relname OPERATOR(pg_catalog.=) $2
 ORDER BY a.attnum`;

interface RelationRow {
  oid: string;
  schema: string;
  name: string;
  kind: string;
  estimate: string | null;
  readable: boolean;
}

interface MeasureRow {
  oid: string;
  bytes: string | null;
  exact: string | null;
  estimate: string | null;
}

const numberOrUndefined = (value: string | null): number | undefined => (value === null ? undefined : Number(value));

/** Schemas that hold a table, view or materialized view, public first. */
export async function listSchemas(client: ClientBase): Promise<SchemaInfo[]> {
  const { rows } = await client.query<{ name: string; relations: string }>(SCHEMAS_SQL);
  return rows.map((r) => ({ name: r.name, relations: Number(r.relations) }));
}

/**
 * The first `limit` relations of one schema (or of all), with the planner's
 * estimates only: catalog rows, no lock on any table, whatever the count.
 */
export async function listRelations(client: ClientBase, schema: string | undefined, limit: number): Promise<TableInfo[]> {
  const { rows } = await client.query<RelationRow>(RELATIONS_SQL, [schema ?? null, Math.max(0, Math.floor(limit))]);
  return rows.map((r) => ({
    oid: Number(r.oid),
    schema: r.schema,
    name: r.name,
    kind: tableKindOf(r.kind),
    rows: numberOrUndefined(r.estimate),
    rowsExact: false,
    bytes: undefined,
    readable: r.readable,
  }));
}

/** What a Database level shows: its relations, or its schemas when they are too many to list at once. */
export type DatabaseLevel = { readonly schemas: SchemaInfo[] } | { readonly page: RelationPage };

/**
 * The Database level in two catalog queries: flat (schema-qualified names)
 * while it holds at most `limit` relations or has one schema, else one node
 * per schema, each listing its own.
 */
export async function databaseLevel(client: ClientBase, limit: number): Promise<DatabaseLevel> {
  const schemas = await listSchemas(client);
  const total = schemas.reduce((sum, schema) => sum + schema.relations, 0);
  if (schemas.length > 1 && total > limit) {
    return { schemas };
  }
  return { page: { tables: await listRelations(client, undefined, limit), total } };
}

/** A schema's level: its first `limit` relations, out of those its listing counted. */
export async function schemaLevel(client: ClientBase, schema: SchemaInfo, limit: number): Promise<RelationPage> {
  return { tables: await listRelations(client, schema.name, limit), total: schema.relations };
}

/** The planner's row estimate for each view, in one round trip (EXPLAIN cannot run inside a query). */
async function viewEstimates(client: ClientBase, views: readonly TableInfo[]): Promise<(number | undefined)[]> {
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

/** Runs `work` under a savepoint: its failure undoes only itself, and the transaction goes on. */
async function attempt<T>(client: ClientBase, work: () => Promise<T>): Promise<T | undefined> {
  await client.query('SAVEPOINT openhexa_measure');
  try {
    const result = await work();
    await client.query('RELEASE SAVEPOINT openhexa_measure');
    return result;
  } catch {
    await client.query('ROLLBACK TO SAVEPOINT openhexa_measure');
    return undefined;
  }
}

async function measureTables(client: ClientBase, oids: readonly number[]): Promise<MeasureRow[] | undefined> {
  return attempt(client, async () => (await client.query<MeasureRow>(MEASURE_SQL, [oids, EXACT_COUNT_LIMIT, SMALL_UNANALYZED_BYTES])).rows);
}

/**
 * Sizes and counts of at most MEASURE_BATCH listed relations (see there why),
 * inside the caller's transaction. Counting never fails: a relation that
 * cannot be measured (dropped, locked away, a view whose plan fails) is left
 * out and keeps its estimate.
 */
export async function measureRelations(client: ClientBase, tables: readonly TableInfo[]): Promise<Map<number, TableMeasure>> {
  if (tables.length > MEASURE_BATCH) {
    throw new Error(`At most ${MEASURE_BATCH} relations are measured in one transaction`);
  }
  const measures = new Map<number, TableMeasure>();
  const stored = tables.filter((t) => t.kind !== 'view');
  // One statement for all; when one of them fails it, each again on its own.
  let rows = await measureTables(client, stored.map((t) => t.oid));
  if (!rows) {
    rows = [];
    for (const t of stored) {
      rows.push(...((await measureTables(client, [t.oid])) ?? []));
    }
  }
  for (const r of rows) {
    const exact = numberOrUndefined(r.exact);
    measures.set(Number(r.oid), { rows: exact ?? numberOrUndefined(r.estimate), rowsExact: exact !== undefined, bytes: numberOrUndefined(r.bytes) });
  }
  const views = tables.filter((t) => t.kind === 'view' && t.readable);
  const estimates = (await attempt(client, () => viewEstimates(client, views))) ?? [];
  views.forEach((v, i) => {
    if (estimates[i] !== undefined) {
      measures.set(v.oid, { rows: estimates[i], rowsExact: false, bytes: undefined });
    }
  });
  return measures;
}

export function withMeasure<T extends Omit<TableInfo, 'oid'>>(table: T, measure: TableMeasure | undefined): T {
  return measure ? { ...table, ...measure } : table;
}

/** Runs reads in a transaction of their own (the pools' browse: read only, search_path pinned). */
export type Browse = <T>(work: (client: ClientBase) => Promise<T>) => Promise<T>;

/** Measures relations batch by batch, each batch in its own transaction; `onBatch` sees each as it lands. */
export async function measureInBatches(browse: Browse, tables: readonly TableInfo[], onBatch: (measures: Map<number, TableMeasure>) => boolean | void = () => undefined): Promise<Map<number, TableMeasure>> {
  const all = new Map<number, TableMeasure>();
  for (let i = 0; i < tables.length; i += MEASURE_BATCH) {
    const measures = await browse((client) => measureRelations(client, tables.slice(i, i + MEASURE_BATCH)));
    for (const [oid, measure] of measures) {
      all.set(oid, measure);
    }
    // false: whoever asked no longer needs the rest.
    if (onBatch(measures) === false) {
      break;
    }
  }
  return all;
}

/** Every relation, measured batch by batch (the tree lists a level at a time and measures only what it shows). */
export async function listTables(browse: Browse): Promise<TableInfo[]> {
  const tables = await browse((client) => listRelations(client, undefined, Number.MAX_SAFE_INTEGER));
  const measures = await measureInBatches(browse, tables);
  return tables.map((t) => withMeasure(t, measures.get(t.oid)));
}

/** Columns of a table or view, one query; no columns and no relkind when there is no such relation. */
export async function describeColumns(client: ClientBase, schema: string, table: string): Promise<RelationColumns> {
  const { rows } = await client.query<{ name: string; type: string; nullable: boolean; key_pos: number | null; relkind: string; param_type: string | null; spatial_schema: string | null }>(COLUMNS_SQL, [schema, table]);
  return {
    relkind: rows[0]?.relkind,
    columns: rows.map((r) => ({ name: r.name, type: r.type, nullable: r.nullable, primaryKey: r.key_pos !== null, paramType: r.param_type, spatialSchema: r.spatial_schema })),
    primaryKey: rows
      .filter((r) => r.key_pos !== null)
      .sort((a, b) => a.key_pos! - b.key_pos!)
      .map((r) => r.name),
  };
}

export async function listColumns(client: ClientBase, schema: string, table: string): Promise<ColumnInfo[]> {
  return (await describeColumns(client, schema, table)).columns;
}

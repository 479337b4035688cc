import type { ClientBase } from 'pg';

/** A column of a table an import may add rows to. */
export interface TargetColumn {
  readonly name: string;
  /** As the server writes it (`character varying(20)`). */
  readonly type: string;
  /** NOT NULL without a default: a file must give it. */
  readonly required: boolean;
  /** Computed by the server (GENERATED ALWAYS AS …): a file cannot give it. */
  readonly generated: boolean;
}

export interface ImportTarget {
  readonly name: string;
  readonly columns: readonly TargetColumn[];
}

/** At most this many tables of a schema are offered (by name). */
export const IMPORT_TARGETS = 2000;

// Read as the member, in the browse's read-only transaction: catalog rows only, every operator schema-qualified.
const TARGETS_SQL = `
SELECT c.relname AS name,
       COALESCE((SELECT pg_catalog.json_agg(pg_catalog.json_build_array(
                          a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod),
                          a.attnotnull AND NOT a.atthasdef AND a.attidentity OPERATOR(pg_catalog.=) '',
                          a.attgenerated OPERATOR(pg_catalog.<>) '') ORDER BY a.attnum)
                   FROM pg_catalog.pg_attribute a
                  WHERE a.attrelid OPERATOR(pg_catalog.=) c.oid AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped), '[]') AS columns
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
 WHERE n.nspname OPERATOR(pg_catalog.=) $1
   AND c.relkind OPERATOR(pg_catalog.=) ANY (ARRAY['r', 'p']::"char"[])
   AND NOT c.relispartition
 ORDER BY c.relname
 LIMIT $2`;

/** The tables of a schema rows can be imported into, with their columns in order. */
export async function readImportTargets(client: ClientBase, schema: string): Promise<ImportTarget[]> {
  const { rows } = await client.query<{ name: string; columns: [string, string, boolean, boolean][] }>(TARGETS_SQL, [schema, IMPORT_TARGETS]);
  return rows.map((r) => ({ name: r.name, columns: r.columns.map(([name, type, required, generated]) => ({ name, type, required, generated })) }));
}

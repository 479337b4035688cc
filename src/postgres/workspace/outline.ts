/**
 * The workspace database as a query editor needs it for completion and
 * hover: every relation the tree lists (same rule, LISTED) with its columns
 * and their types, and the functions of the workspace's own schemas. Read
 * from the catalog alone, in one round trip each, within a bound: a
 * database with 10,000 tables is read in one go and cached by the caller.
 */
import type { ClientBase } from 'pg';
import { LISTED, tableKindOf, type TableKind } from './tables';

/** More relations than this are left out of completion (the tree pages them; this reads them at once). */
export const OUTLINE_RELATIONS = 20_000;

export interface OutlineRelation {
  readonly schema: string;
  readonly name: string;
  readonly kind: TableKind;
  /** The planner's estimate (pg_class.reltuples), -1 when never analyzed. */
  readonly estimate: number;
  readonly columns: readonly { readonly name: string; readonly type: string }[];
}

export interface Outline {
  readonly relations: readonly OutlineRelation[];
  readonly functions: readonly { readonly schema: string; readonly name: string; readonly args: string }[];
  /** More relations exist than were read. */
  readonly cut: boolean;
}

const RELATIONS_SQL = `
SELECT n.nspname AS schema, c.relname AS name, c.relkind AS kind, c.reltuples::float8 AS estimate,
       COALESCE((SELECT pg_catalog.json_agg(pg_catalog.json_build_array(a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod)) ORDER BY a.attnum)
                   FROM pg_catalog.pg_attribute a
                  WHERE a.attrelid OPERATOR(pg_catalog.=) c.oid AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped), '[]') AS columns
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
 WHERE ${LISTED}
 ORDER BY n.nspname OPERATOR(pg_catalog.=) 'public' DESC, n.nspname, c.relname
 LIMIT $1`;

const FUNCTIONS_SQL = `
SELECT n.nspname AS schema, p.proname AS name, pg_catalog.pg_get_function_identity_arguments(p.oid) AS args
  FROM pg_catalog.pg_proc p
  JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) p.pronamespace
 WHERE NOT n.nspname OPERATOR(pg_catalog.=) ANY (ARRAY['pg_catalog', 'information_schema']::name[])
   AND n.nspname::text OPERATOR(pg_catalog.!~) '^pg_(toast|temp)'
   AND p.prokind OPERATOR(pg_catalog.=) ANY (ARRAY['f', 'a', 'w']::"char"[])
 ORDER BY n.nspname, p.proname
 LIMIT $1`;

/** Read inside a browse (read-only, search_path pinned): catalog rows only, no lock on any table. */
export async function readOutline(client: ClientBase): Promise<Outline> {
  const relations = await client.query<{ schema: string; name: string; kind: string; estimate: number; columns: [string, string][] }>(RELATIONS_SQL, [OUTLINE_RELATIONS + 1]);
  const functions = await client.query<{ schema: string; name: string; args: string }>(FUNCTIONS_SQL, [OUTLINE_RELATIONS]);
  return {
    relations: relations.rows.slice(0, OUTLINE_RELATIONS).map((r) => ({ schema: r.schema, name: r.name, kind: tableKindOf(r.kind), estimate: Number(r.estimate), columns: r.columns.map(([name, type]) => ({ name, type })) })),
    functions: functions.rows,
    cut: relations.rows.length > OUTLINE_RELATIONS,
  };
}

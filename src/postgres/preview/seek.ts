import type { ClientBase } from 'pg';
import type { TableShape, ViewOptions } from './preview';
import type { Cursor, SeekValue } from './previewSql';

/**
 * How a jump to a fraction of the view (the scroll bar dragged) finds its
 * first row without reading the rows before it:
 * - 'distribution': the value at that quantile of the seek column's histogram
 *   (pg_stats), then a keyset read from it;
 * - 'blocks': a table without a key, from the same fraction of its pages (ctid);
 * - 'end' / 'start': the fraction lands in the NULLs that open or close the order;
 * - 'none': no statistics to go by (a table never analyzed).
 */
export type SeekPlan =
  | { readonly how: 'distribution'; readonly seek: SeekValue }
  | { readonly how: 'blocks'; readonly after: Cursor }
  | { readonly how: 'start' | 'end' | 'none' };

// pg_stats shows only the columns the login may read. The histogram leaves out NULLs and the most common values.
const HISTOGRAM_SQL = `
SELECT s.histogram_bounds::text::text[] AS bounds, s.null_frac
  FROM pg_catalog.pg_stats s
 WHERE s.schemaname OPERATOR(pg_catalog.=) $1 AND s.tablename OPERATOR(pg_catalog.=) $2 AND s.attname OPERATOR(pg_catalog.=) $3
 ORDER BY s.inherited DESC
 LIMIT 1`;

const PAGES_SQL = `
SELECT c.relpages FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
 WHERE n.nspname OPERATOR(pg_catalog.=) $1 AND c.relname OPERATOR(pg_catalog.=) $2`;

/** The seek column's value at `fraction` of the order it is read in, where statistics allow it. */
export async function planSeek(client: ClientBase, schema: string, table: string, shape: TableShape, view: ViewOptions, fraction: number): Promise<SeekPlan> {
  const f = Math.min(1, Math.max(0, fraction));
  const column = view.sort?.column ?? shape.key[0]?.name;
  if (!column) {
    return { how: 'none' };
  }
  if (column === 'ctid') {
    const pages = Number((await client.query<{ relpages: number }>(PAGES_SQL, [schema, table])).rows[0]?.relpages ?? 0);
    return pages > 0 ? { how: 'blocks', after: { key: [`(${Math.floor(f * pages)},0)`] } } : { how: 'none' };
  }
  const row = (await client.query<{ bounds: string[] | null; null_frac: number }>(HISTOGRAM_SQL, [schema, table, column])).rows[0];
  const bounds = row?.bounds;
  if (!bounds || bounds.length === 0) {
    return { how: 'none' };
  }
  const nulls = row.null_frac;
  const descending = view.sort?.direction === 'desc';
  // Ascending, NULLs come last; descending, first.
  const inValues = descending ? (f - nulls) / (1 - nulls) : f / (1 - nulls);
  if (inValues < 0) {
    return { how: 'start' };
  }
  if (inValues > 1) {
    return { how: 'end' };
  }
  const quantile = descending ? 1 - inValues : inValues;
  return { how: 'distribution', seek: { column, value: bounds[Math.round(quantile * (bounds.length - 1))]! } };
}

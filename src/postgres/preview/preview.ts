import type { ClientBase } from 'pg';
import { pageSql, type Cursor, type Filter, type PreviewColumn, type Sort } from './previewSql';

export interface TableShape {
  readonly columns: PreviewColumn[];
  /** The key that pages: primary key columns, else ctid; empty for views (no stable key). */
  readonly key: PreviewColumn[];
  readonly keyKind: 'primary key' | 'ctid' | 'none';
}

const SHAPE_SQL = `
SELECT a.attname AS name, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
       COALESCE(a.attnum = ANY (i.indkey), false) AS in_key, array_position(i.indkey::int2[], a.attnum) AS key_pos,
       c.relkind
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_catalog.pg_index i ON i.indrelid = c.oid AND i.indisprimary
 WHERE n.nspname = $1 AND c.relname = $2
 ORDER BY a.attnum`;

/** Columns and paging key of a table or view, in one query. */
export async function tableShape(client: ClientBase, schema: string, table: string): Promise<TableShape> {
  const { rows } = await client.query<{ name: string; type: string; in_key: boolean; key_pos: number | null; relkind: string }>(SHAPE_SQL, [schema, table]);
  if (rows.length === 0) {
    throw new Error(`There is no table "${schema}"."${table}" that you can see`);
  }
  const columns = rows.map((r) => ({ name: r.name, type: r.type }));
  const pk = rows.filter((r) => r.in_key).sort((a, b) => (a.key_pos ?? 0) - (b.key_pos ?? 0));
  if (pk.length > 0) {
    return { columns, key: pk.map((r) => ({ name: r.name, type: r.type })), keyKind: 'primary key' };
  }
  const hasCtid = ['r', 'm'].includes(rows[0]!.relkind);
  return hasCtid ? { columns, key: [{ name: 'ctid', type: 'tid' }], keyKind: 'ctid' } : { columns, key: [], keyKind: 'none' };
}

export interface PreviewPage {
  readonly rows: (string | null)[][];
  /** Cells cut on the server: [row, column] pairs. */
  readonly truncated: [number, number][];
  /** Where the next page starts; undefined at the end. */
  readonly next: Cursor | undefined;
}

export interface PageOptions {
  readonly sort?: Sort;
  readonly filters?: readonly Filter[];
  readonly after?: Cursor;
  readonly pageSize?: number;
  readonly maxChars?: number;
}

/** One page, keyset-paged; a table without a key (a view) cannot be paged past its first page this way. */
export async function fetchPage(client: ClientBase, schema: string, table: string, shape: TableShape, options: PageOptions = {}): Promise<PreviewPage> {
  if (shape.key.length === 0 && options.after) {
    throw new Error('This view has no key to page by');
  }
  const pageSize = options.pageSize ?? 500;
  const maxChars = options.maxChars ?? 2000;
  const { text, values } = pageSql({ schema, table, columns: shape.columns, key: shape.key, sort: options.sort, filters: options.filters, after: options.after, pageSize, maxChars });
  const result = await client.query({ text, values, rowMode: 'array' });
  const width = shape.columns.length;
  const truncated: [number, number][] = [];
  const rows = (result.rows as (string | null)[][]).map((row, r) => {
    const cells = row.slice(0, width).map((cell, c) => {
      if (cell !== null && cell.length > maxChars) {
        truncated.push([r, c]);
        return cell.slice(0, maxChars);
      }
      return cell;
    });
    return cells;
  });
  const last = result.rows.at(-1) as (string | null)[] | undefined;
  const next =
    last && rows.length === pageSize && shape.key.length > 0
      ? { key: last.slice(width, width + shape.key.length) as string[], ...(options.sort ? { sortValue: last[width + shape.key.length] ?? null } : {}) }
      : undefined;
  return { rows, truncated, next };
}

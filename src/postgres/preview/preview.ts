import type { ClientBase } from 'pg';
import { prettyJson } from '../../core/prettyJson';
import { describeColumns } from '../workspace/tables';
import { countSql, pagePlan, wholeValueSql, type Cursor, type Filter, type PreviewColumn, type Selection, type Sort } from './previewSql';

/**
 * 'position': a view has no key, so pages are read by OFFSET: slower deep
 * down, and unsorted rows follow the view's own order, which can shift if the
 * data changes while one scrolls. The panel says so.
 */
export type KeyKind = 'primary key' | 'ctid' | 'position';

export interface TableShape {
  readonly columns: PreviewColumn[];
  /** The key that pages: primary key columns, else ctid; empty for views, which page by position. */
  readonly key: PreviewColumn[];
  readonly keyKind: KeyKind;
}

/** Columns and paging key of a table or view. */
export async function tableShape(client: ClientBase, schema: string, table: string): Promise<TableShape> {
  const { relkind, columns: found, primaryKey } = await describeColumns(client, schema, table);
  if (found.length === 0) {
    throw new Error(`There is no table "${schema}"."${table}" that you can see`);
  }
  const columns = found.map((c) => ({ name: c.name, type: c.type }));
  if (primaryKey.length > 0) {
    return { columns, key: primaryKey.map((name) => columns.find((c) => c.name === name)!), keyKind: 'primary key' };
  }
  const hasCtid = relkind === 'r' || relkind === 'm';
  return hasCtid ? { columns, key: [{ name: 'ctid', type: 'tid' }], keyKind: 'ctid' } : { columns, key: [], keyKind: 'position' };
}

export interface PreviewPage {
  readonly rows: (string | null)[][];
  /** Cells cut on the server: [row, column] pairs. */
  readonly truncated: [number, number][];
  /** Where each row sits, to fetch one of its whole values later. */
  readonly at: Cursor[];
  /** Where the next page starts; undefined at the end. */
  readonly next: Cursor | undefined;
}

export interface ViewOptions {
  readonly sort?: Sort;
  readonly filters?: readonly Filter[];
}

export interface PageOptions extends ViewOptions {
  readonly after?: Cursor;
  readonly pageSize?: number;
  readonly maxChars?: number;
}

export function selectionOf(schema: string, table: string, shape: TableShape, view: ViewOptions): Selection {
  return { schema, table, columns: shape.columns, key: shape.key, sort: view.sort, filters: view.filters };
}

/** One page: keyset-paged for tables, by position for views. */
export async function fetchPage(client: ClientBase, schema: string, table: string, shape: TableShape, options: PageOptions = {}): Promise<PreviewPage> {
  const pageSize = options.pageSize ?? 500;
  const maxChars = options.maxChars ?? 2000;
  const width = shape.columns.length;
  const raw: (string | null)[][] = [];
  for (const statement of pagePlan({ ...selectionOf(schema, table, shape, options), after: options.after, maxChars })) {
    const missing = pageSize - raw.length;
    if (missing <= 0) {
      break;
    }
    const { text, values } = statement(missing);
    const result = await client.query({ text, values, rowMode: 'array' });
    raw.push(...(result.rows as (string | null)[][]));
  }
  const truncated: [number, number][] = [];
  const rows = raw.map((row, r) =>
    row.slice(0, width).map((cell, c) => {
      if (cell !== null && cell.length > maxChars) {
        truncated.push([r, c]);
        return cell.slice(0, maxChars);
      }
      return cell;
    }),
  );
  const start = options.after?.offset ?? 0;
  const at: Cursor[] = raw.map((row, r) =>
    shape.key.length > 0 ? { key: row.slice(width, width + shape.key.length) as string[], ...(options.sort ? { sortValue: row[width + shape.key.length] ?? null } : {}) } : { key: [], offset: start + r },
  );
  const last = at.at(-1);
  const next = last && rows.length === pageSize ? (shape.key.length > 0 ? last : { key: [], offset: start + rows.length }) : undefined;
  return { rows, truncated, at, next };
}

/** The whole of one cell (the grid holds cut values); JSON comes back indented. */
export async function fetchWholeValue(client: ClientBase, selection: Selection, column: string, at: Cursor): Promise<string | null> {
  const { text, values } = wholeValueSql(selection, column, at);
  const result = await client.query<{ v: string | null }>(text, values);
  if (result.rows.length === 0) {
    throw new Error('This row is no longer there: it was changed or deleted since the page was read');
  }
  const value = result.rows[0]!.v;
  const type = selection.columns.find((c) => c.name === column)?.type ?? '';
  return value !== null && /^jsonb?$/.test(type) ? prettyJson(value) : value;
}

/** The planner's guess of the rows matching the filters: instant on any size. */
export async function estimateRows(client: ClientBase, selection: Selection): Promise<number> {
  const { text, values } = countSql(selection, true);
  const result = await client.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(text, values);
  return Math.round(result.rows[0]!['QUERY PLAN'][0].Plan['Plan Rows']);
}

/** count(*) with the filters: exact, and as slow as the table is big. */
export async function countRows(client: ClientBase, selection: Selection): Promise<number> {
  const { text, values } = countSql(selection, false);
  const result = await client.query<{ n: string }>(text, values);
  return Number(result.rows[0]!.n);
}

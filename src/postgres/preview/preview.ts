import type { ClientBase } from 'pg';
import { prettyJson } from '../../core/prettyJson';
import { describeColumns } from '../workspace/tables';
import { countSql, pagePlan, wholeValueSql, type Cursor, type Filter, type PageRequest, type PreviewColumn, type SeekValue, type Selection, type Sort } from './previewSql';

/**
 * 'position': a view has no key, so pages are read by OFFSET: slower deep
 * down, and unsorted rows follow the view's own order, which can shift if the
 * data changes while one scrolls. The panel says so.
 */
/** How rows are paged; 'api': through OpenHEXA's API by position (no database credentials). */
export type KeyKind = 'primary key' | 'ctid' | 'position' | 'api';

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
  const columns = found.map((c) => ({ name: c.name, type: c.type, paramType: c.paramType, spatialSchema: c.spatialSchema, nullable: c.nullable }));
  // A key whose values could not be read back without an editor's code pages by ctid (or position) instead.
  const safeKey = primaryKey.every((name) => columns.find((c) => c.name === name)?.paramType !== null);
  if (primaryKey.length > 0 && safeKey) {
    return { columns, key: primaryKey.map((name) => columns.find((c) => c.name === name)!), keyKind: 'primary key' };
  }
  const hasCtid = relkind === 'r' || relkind === 'm';
  return hasCtid ? { columns, key: [{ name: 'ctid', type: 'tid' }], keyKind: 'ctid' } : { columns, key: [], keyKind: 'position' };
}

export interface PreviewPage {
  readonly rows: (string | null)[][];
  /** Cells cut on the server: [row, column] pairs. */
  readonly truncated: [number, number][];
  /** Where each row sits, to fetch one of its whole values, or the pages around it, later. */
  readonly at: Cursor[];
  /** Where the next page starts; undefined at the end. */
  readonly next: Cursor | undefined;
  /** The first row is the view's first row. */
  readonly atStart: boolean;
  /** The last row is the view's last row. */
  readonly atEnd: boolean;
}

export interface ViewOptions {
  readonly sort?: Sort;
  readonly filters?: readonly Filter[];
}

export interface PageOptions extends ViewOptions {
  /** The page after this row. */
  readonly after?: Cursor;
  /** The page that ends just before this row (read backwards by the same keyset). */
  readonly before?: Cursor;
  /** The view's last page. */
  readonly last?: boolean;
  /** The page from the first row whose seek column reaches a value. */
  readonly seek?: SeekValue;
  readonly pageSize?: number;
  readonly maxChars?: number;
}

export function selectionOf(schema: string, table: string, shape: TableShape, view: ViewOptions): Selection {
  return { schema, table, columns: shape.columns, key: shape.key, sort: view.sort, filters: view.filters };
}

/** Runs a page plan until the page is full. */
async function readPlan(client: ClientBase, request: PageRequest, pageSize: number): Promise<(string | null)[][]> {
  const raw: (string | null)[][] = [];
  for (const statement of pagePlan(request)) {
    const missing = pageSize - raw.length;
    if (missing <= 0) {
      break;
    }
    const { text, values } = statement(missing);
    const result = await client.query({ text, values, rowMode: 'array' });
    for (const row of result.rows as (string | null)[][]) {
      raw.push(row);
    }
  }
  return raw;
}

/**
 * One page: keyset-paged for tables, forwards or backwards (the last page is
 * the first one read backwards), by position for views.
 */
export async function fetchPage(client: ClientBase, schema: string, table: string, shape: TableShape, options: PageOptions = {}): Promise<PreviewPage> {
  const pageSize = options.pageSize ?? 500;
  const maxChars = options.maxChars ?? 2000;
  const selection = selectionOf(schema, table, shape, options);
  const keyed = shape.key.length > 0;
  const backward = Boolean(options.before || options.last);
  let raw: (string | null)[][];
  let start = 0;
  if (keyed) {
    raw = await readPlan(client, { ...selection, reverse: backward, after: backward ? options.before : options.after, seek: options.seek, maxChars }, pageSize);
    if (backward) {
      raw.reverse();
    }
  } else {
    // A view pages by position: backwards is the same read from further up.
    const end = options.last ? await countRows(client, selection) : options.before ? (options.before.offset ?? 0) : undefined;
    start = end === undefined ? (options.after?.offset ?? 0) : Math.max(0, end - pageSize);
    const size = end === undefined ? pageSize : end - start;
    raw = size > 0 ? await readPlan(client, { ...selection, after: { key: [], offset: start }, maxChars }, size) : [];
  }
  const full = raw.length === pageSize;
  const width = shape.columns.length;
  const truncated: [number, number][] = [];
  const rows = raw.map((row, r) => {
    const cells = row.length === width ? row : row.slice(0, width);
    for (let c = 0; c < width; c++) {
      const cell = cells[c];
      if (cell !== null && cell !== undefined && cell.length > maxChars) {
        truncated.push([r, c]);
        cells[c] = cell.slice(0, maxChars);
      }
    }
    return cells;
  });
  const at: Cursor[] = keyed
    ? raw.map((row) => ({ key: row.slice(width, width + shape.key.length) as string[], ...(options.sort ? { sortValue: row[width + shape.key.length] ?? null } : {}) }))
    : raw.map((_, r) => ({ key: [], offset: start + r }));
  const atStart = keyed ? (backward ? !full : !options.after && !options.seek) : start === 0;
  const atEnd = keyed ? (backward ? Boolean(options.last) : !full) : options.last === true || (!options.before && !full);
  const last = at.at(-1);
  const next = last && !atEnd ? (keyed ? last : { key: [], offset: start + rows.length }) : undefined;
  return { rows, truncated, at, next, atStart, atEnd };
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

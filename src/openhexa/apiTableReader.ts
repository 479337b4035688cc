// A table of an instance's workspace read through OpenHEXA's own API
// (DatabaseTable.rows: ORDER BY one column, page numbers), for the members
// OpenHEXA gives no database credentials (viewers). The preview reads it as
// it reads a table on a server, by position: each cursor is a row's offset
// in the order, and a page is one or two API pages of the same size. What
// the API cannot do is said, not faked: filters, and an exact count of a
// table OpenHEXA only estimates (10,000 rows and more).
import type { Writable } from 'node:stream';
import { said } from '../core/said';
import { isTextType, neutralized } from '../core/spreadsheetSafe';
import type { PageOptions, PreviewPage, TableShape, ViewOptions } from '../postgres/preview/preview';
import type { Cursor } from '../postgres/preview/previewSql';
import type { ExportProgress, ExportResult } from '../postgres/preview/exportCsv';
import type { JumpedPage, JumpOptions } from '../postgres/preview/previewSession';
import { OpenHexaError } from './graphqlClient';
import { tableRowsPage, type InstanceSession } from './instanceCalls';
import type { OpenHexaTable } from './operations';
import { O } from './openHexaMessages';

const PAGE = 500;
const MAX_CHARS = 2000;
/** Rows per request while exporting (OpenHEXA's GRAPHQL_MAX_PAGE_SIZE is 10,000). */
const EXPORT_PAGE = 2000;
/** OpenHEXA counts exactly below this many rows, and gives PostgreSQL's estimate above. */
const EXACT_BELOW = 10_000;

/** A JSON value of OpenHEXA's answer as the grid shows a cell: text, or null. */
export function cellText(value: unknown): string | null {
  if (value === null || value === undefined) {
    return null;
  }
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function csvField(value: string | null): string {
  if (value === null) {
    return '';
  }
  return /[",\r\n]/.test(value) || value === '' ? `"${value.replace(/"/g, '""')}"` : value;
}

export class ApiTableReader {
  readonly schema = 'public';
  readonly table: string;
  private exporting: AbortController | undefined;

  constructor(
    private readonly session: () => Promise<InstanceSession>,
    private readonly slug: string,
    private readonly described: OpenHexaTable,
  ) {
    this.table = described.name;
  }

  shape(): Promise<TableShape> {
    return Promise.resolve({ columns: this.described.columns.map((c) => ({ name: c.name, type: c.type })), key: [], keyKind: 'api' });
  }

  private refuseFilters(view: ViewOptions): void {
    if (view.filters && view.filters.length > 0) {
      throw new OpenHexaError('api', said(O.apiNoFilters));
    }
  }

  private order(view: ViewOptions): { column: string; direction: 'ASC' | 'DESC' } {
    const first = this.described.columns[0]?.name;
    if (!first) {
      throw new OpenHexaError('api', said(O.tableNotFound, this.table, this.slug));
    }
    return { column: view.sort?.column ?? first, direction: view.sort?.direction === 'desc' ? 'DESC' : 'ASC' };
  }

  /** `size` rows from `offset` in the view's order: one or two API pages of that size. */
  private async rowsAt(view: ViewOptions, offset: number, size: number): Promise<{ rows: Record<string, unknown>[]; more: boolean }> {
    this.refuseFilters(view);
    const session = await this.session();
    const order = this.order(view);
    const first = Math.floor(offset / size) + 1;
    const skip = offset - (first - 1) * size;
    const a = await tableRowsPage(session, this.slug, this.table, order, first, size);
    let rows = a.rows.slice(skip);
    let more = a.hasNextPage;
    if (skip > 0 && a.hasNextPage) {
      // The rest of the page is at the start of the next API page.
      const b = await tableRowsPage(session, this.slug, this.table, order, first + 1, size);
      rows = [...rows, ...b.rows.slice(0, skip)];
      more = b.hasNextPage || b.rows.length > skip;
    }
    return { rows, more };
  }

  private async pageFrom(view: ViewOptions, offset: number, size: number, maxChars: number): Promise<PreviewPage> {
    const { rows, more } = await this.rowsAt(view, offset, size);
    const names = this.described.columns.map((c) => c.name);
    const truncated: [number, number][] = [];
    const cells = rows.map((row, r) =>
      names.map((name, c) => {
        const text = cellText(row[name]);
        if (text !== null && text.length > maxChars) {
          truncated.push([r, c]);
          return text.slice(0, maxChars);
        }
        return text;
      }),
    );
    const end = offset + rows.length;
    return {
      rows: cells,
      truncated,
      at: rows.map((_, i) => ({ key: [], offset: offset + i })),
      next: more ? { key: [], offset: end } : undefined,
      atStart: offset === 0,
      atEnd: !more,
    };
  }

  async page(options: PageOptions): Promise<PreviewPage> {
    const size = options.pageSize ?? PAGE;
    const maxChars = options.maxChars ?? MAX_CHARS;
    if (options.seek) {
      throw new OpenHexaError('api', said(O.apiNoFilters));
    }
    if (options.last) {
      return this.pageFrom(options, Math.max(0, (await this.estimate(options)).rows - size), size, maxChars);
    }
    const offset = options.after ? (options.after.offset ?? 0) : options.before ? Math.max(0, (options.before.offset ?? 0) - size) : 0;
    return this.pageFrom(options, offset, size, maxChars);
  }

  async jump(options: JumpOptions): Promise<JumpedPage> {
    const offset = Math.max(0, Math.round(options.position));
    return { ...(await this.pageFrom(options.view, offset, options.pageSize, MAX_CHARS)), how: 'offset' };
  }

  estimate(view: ViewOptions): Promise<{ rows: number; exact: boolean }> {
    this.refuseFilters(view);
    const rows = this.described.count ?? 0;
    return Promise.resolve({ rows, exact: this.described.count !== null && rows < EXACT_BELOW });
  }

  async count(view: ViewOptions): Promise<number> {
    const { rows, exact } = await this.estimate(view);
    if (!exact) {
      throw new OpenHexaError('api', said(O.apiNoExactCount, rows.toLocaleString('en')));
    }
    return rows;
  }

  cancelCount(): Promise<void> {
    return Promise.resolve();
  }

  async wholeValue(view: ViewOptions, column: string, at: Cursor): Promise<string | null> {
    const { rows } = await this.rowsAt(view, at.offset ?? 0, 1);
    return cellText(rows[0]?.[column]);
  }

  /** Every row in the view's order, page after page, as CSV (a header line; text cells neutralized when asked). */
  async exportCsv(view: ViewOptions, out: Writable, onProgress?: (progress: ExportProgress) => void, neutralizeFormulas = false): Promise<ExportResult> {
    this.refuseFilters(view);
    const abort = new AbortController();
    this.exporting = abort;
    const columns = this.described.columns;
    const text = columns.map((c) => isTextType(c.type));
    let bytes = 0;
    let count = 0;
    const write = (line: string): Promise<void> =>
      new Promise((resolve, reject) => {
        bytes += Buffer.byteLength(line);
        out.write(line, (err) => (err ? reject(err) : resolve()));
      });
    try {
      await write(`${columns.map((c) => csvField(c.name)).join(',')}\n`);
      const session = await this.session();
      const order = this.order(view);
      for (let page = 1; ; page++) {
        if (abort.signal.aborted) {
          throw new OpenHexaError('api', said(O.apiExportCancelled));
        }
        const { rows, hasNextPage } = await tableRowsPage(session, this.slug, this.table, order, page, EXPORT_PAGE, { signal: abort.signal });
        for (const row of rows) {
          await write(`${columns.map((c, i) => csvField(neutralizeFormulas && text[i] ? neutralized(cellText(row[c.name])) : cellText(row[c.name]))).join(',')}\n`);
        }
        count += rows.length;
        onProgress?.({ bytes });
        if (!hasNextPage) {
          return { rows: count, bytes };
        }
      }
    } finally {
      this.exporting = undefined;
    }
  }

  cancelExport(): Promise<void> {
    this.exporting?.abort();
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.exporting?.abort();
    return Promise.resolve();
  }
}

import type { Writable } from 'node:stream';
import type { Login } from '../connect';
import { exportCsv, type ExportProgress, type ExportResult } from './exportCsv';
import { countRows, estimateRows, fetchPage, fetchWholeValue, selectionOf, tableShape, type PageOptions, type PreviewPage, type TableShape, type ViewOptions } from './preview';
import type { Cursor } from './previewSql';
import { Cancelled, QueryLane } from './queryLane';

/** A page that takes longer than this is stopped by the server with a clear error. */
export const PAGE_STATEMENT_TIMEOUT_MS = 30_000;

/**
 * Everything one preview panel reads, through the member's own login: pages
 * and values on one connection (a newer page request cancels the older one),
 * exact counts and exports each on their own, opened when first needed, so
 * a long export never blocks scrolling. Closing cancels whatever runs and
 * closes them all.
 */
export class PreviewSession {
  private readonly pages: QueryLane;
  private readonly counts: QueryLane;
  private readonly exports: QueryLane;
  private pageGeneration = 0;
  private countGeneration = 0;
  private exportGeneration = 0;
  private shapePromise: Promise<TableShape> | undefined;

  constructor(
    login: Login,
    readonly schema: string,
    readonly table: string,
  ) {
    this.pages = new QueryLane(login, PAGE_STATEMENT_TIMEOUT_MS);
    this.counts = new QueryLane(login, undefined);
    this.exports = new QueryLane(login, undefined);
  }

  shape(): Promise<TableShape> {
    this.shapePromise ??= this.pages.run((client) => tableShape(client, this.schema, this.table));
    // A failure (server down) is retried by the next call.
    this.shapePromise.catch(() => (this.shapePromise = undefined));
    return this.shapePromise;
  }

  /** A new page request replaces any older one still running or waiting. */
  async page(options: PageOptions): Promise<PreviewPage> {
    const generation = ++this.pageGeneration;
    await this.pages.cancel(new Cancelled('superseded'), 'page');
    const shape = await this.shape();
    return this.pages.run(
      (client) => fetchPage(client, this.schema, this.table, shape, options),
      () => (generation === this.pageGeneration ? undefined : new Cancelled('superseded')),
      'page',
    );
  }

  async estimate(view: ViewOptions): Promise<number> {
    const shape = await this.shape();
    return this.pages.run((client) => estimateRows(client, selectionOf(this.schema, this.table, shape, view)));
  }

  async wholeValue(view: ViewOptions, column: string, at: Cursor): Promise<string | null> {
    const shape = await this.shape();
    return this.pages.run((client) => fetchWholeValue(client, selectionOf(this.schema, this.table, shape, view), column, at));
  }

  /** count(*) of the view; a newer count (filters changed) cancels the older one. */
  async count(view: ViewOptions): Promise<number> {
    const generation = ++this.countGeneration;
    await this.counts.cancel(new Cancelled('superseded'));
    const shape = await this.shape();
    return this.counts.run(
      (client) => countRows(client, selectionOf(this.schema, this.table, shape, view)),
      () => (generation === this.countGeneration ? undefined : new Cancelled('superseded')),
    );
  }

  /** The view changed: a count of the previous one is of no use any more. */
  cancelCount(): Promise<void> {
    this.countGeneration += 1;
    return this.counts.cancel(new Cancelled('superseded'));
  }

  async exportCsv(view: ViewOptions, out: Writable, onProgress?: (progress: ExportProgress) => void): Promise<ExportResult> {
    const generation = this.exportGeneration;
    const shape = await this.shape();
    const selection = selectionOf(this.schema, this.table, shape, view);
    return this.exports.run(
      (client, stopped) => exportCsv(client, selection, out, { onProgress, interrupt: () => this.exports.interrupt(), stopped }),
      // A Cancel pressed before the export reached its connection still counts.
      () => (generation === this.exportGeneration ? undefined : new Cancelled('user')),
    );
  }

  /** The user's Cancel on the export running or about to run. */
  cancelExport(): Promise<void> {
    this.exportGeneration += 1;
    return this.exports.cancel(new Cancelled('user'));
  }

  async close(): Promise<void> {
    await Promise.all([this.pages.close(), this.counts.close(), this.exports.close()]);
  }
}

import type { Writable } from 'node:stream';
import type { ClientBase } from 'pg';
import type { Login } from '../connect';
import { exportCsv, type ExportProgress, type ExportResult } from './exportCsv';
import { EXACT_COUNT_LIMIT } from '../workspace/tables';
import { countRows, estimateRows, fetchPage, fetchWholeValue, selectionOf, tableShape, type PageOptions, type PreviewPage, type TableShape, type ViewOptions } from './preview';
import type { Cursor } from './previewSql';
import { planSeek } from './seek';
import { Cancelled, QueryLane } from './queryLane';
import { PoolRegistry } from '../pools';

/** A page that takes longer than this is stopped by the server with a clear error. */
export const PAGE_STATEMENT_TIMEOUT_MS = 30_000;

const IDENTITY_SQL = `SELECT session_user AS login, current_user AS acting_as,
  (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) session_user) AS login_superuser,
  (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) current_user) AS acting_superuser`;

/**
 * What PostgreSQL answers when a table is no longer the shape the panel read:
 * a column dropped or renamed (42703), retyped (42804, 42883), the table
 * itself gone or renamed (42P01).
 */
const SHAPE_CHANGED_CODES = new Set(['42703', '42804', '42883', '42P01']);

/** A page failed because the table changed since its shape was read; the next `shape()` reads it again. */
export class ShapeChanged extends Error {
  constructor(readonly cause: Error) {
    super(cause.message);
  }
}

export interface JumpOptions {
  readonly view: ViewOptions;
  /** Where in the view, 0 to 1. */
  readonly fraction: number;
  /** The row that fraction stands for, by the estimate (views read from it). */
  readonly position: number;
  /** The closest row read so far, if any: where to start without statistics. */
  readonly landmark?: Cursor;
  readonly pageSize: number;
}

/** A jumped-to page, and how its first row was found. */
export interface JumpedPage extends PreviewPage {
  readonly how: 'distribution' | 'blocks' | 'offset' | 'landmark' | 'start' | 'end';
  /** The column whose distribution placed it. */
  readonly column?: string;
}

/** Who a preview reads as: the login, and the role its session acts as (the workspace's writer group for editors). */
export interface PreviewIdentity {
  readonly login: string;
  readonly actingAs: string;
  readonly superuser: boolean;
}

/**
 * Everything one preview panel reads, through the member's own login: pages
 * and values in one lane (a newer page request cancels the older one),
 * exact counts and exports each in their own, each piece of work on a
 * connection leased from the window's pools for that database. Pages come
 * first; counts and exports never take the last connection, so a long export
 * never blocks scrolling. Closing cancels whatever runs.
 */
export class PreviewSession {
  private readonly pages: QueryLane;
  private readonly counts: QueryLane;
  private readonly exports: QueryLane;
  private pageGeneration = 0;
  private countGeneration = 0;
  private exportGeneration = 0;
  private shapePromise: Promise<TableShape> | undefined;

  /** Pools of its own unless given the window's (VS Code passes its Sessions' registry, so the window's budget holds). */
  private readonly ownPools: PoolRegistry | undefined;

  constructor(
    given: Login,
    readonly schema: string,
    readonly table: string,
    pools?: PoolRegistry,
  ) {
    this.ownPools = pools ? undefined : new PoolRegistry();
    // The window's connections to the database, shared with the tree (so they show under the product's own name).
    const source = (pools ?? this.ownPools!).source(given);
    this.pages = new QueryLane(source, 'page', PAGE_STATEMENT_TIMEOUT_MS, 'read-only');
    this.counts = new QueryLane(source, 'background', 'database', 'read-only');
    // exportCsv runs its own read-only transaction (its filter values are transaction-local settings).
    this.exports = new QueryLane(source, 'background', undefined, 'own');
  }

  shape(): Promise<TableShape> {
    this.shapePromise ??= this.pages.run((client) => tableShape(client, this.schema, this.table));
    // A failure (server down) is retried by the next call.
    this.shapePromise.catch(() => (this.shapePromise = undefined));
    return this.shapePromise;
  }

  /**
   * The shape is read once per panel. A page that fails as a changed table
   * would is checked against the table as it is now: ShapeChanged only if
   * it did change (or is gone), so that code of a view's that raises such an
   * error on every read is reported as an error, not re-read forever.
   */
  private async withShape<T>(read: (shape: TableShape) => Promise<T>): Promise<T> {
    const shape = await this.shape();
    try {
      return await read(shape);
    } catch (err) {
      const code = err instanceof Error && 'code' in err ? String(err.code) : '';
      if (!(err instanceof Error) || !SHAPE_CHANGED_CODES.has(code)) {
        throw err;
      }
      this.shapePromise = undefined;
      const now = await this.shape().catch(() => undefined);
      if (now && JSON.stringify(now) === JSON.stringify(shape)) {
        throw err;
      }
      throw new ShapeChanged(err);
    }
  }

  /** A new page request replaces any older one still running or waiting. */
  async page(options: PageOptions): Promise<PreviewPage> {
    const generation = ++this.pageGeneration;
    await this.pages.cancel(new Cancelled('superseded'), 'page');
    return this.withShape((shape) =>
      this.pages.run(
        (client) => fetchPage(client, this.schema, this.table, shape, options),
        () => (generation === this.pageGeneration ? undefined : new Cancelled('superseded')),
        'page',
      ),
    );
  }

  /**
   * A page near `fraction` of the view (the scroll bar dragged there): found
   * by the seek column's distribution where statistics allow, else from the
   * closest row the grid has read (`landmark`), else from the start. Views
   * read from the row's position. Replaces any page request still running.
   */
  async jump(options: JumpOptions): Promise<JumpedPage> {
    const generation = ++this.pageGeneration;
    await this.pages.cancel(new Cancelled('superseded'), 'page');
    return this.withShape((shape) => this.jumpWith(shape, generation, options));
  }

  private jumpWith(shape: TableShape, generation: number, options: JumpOptions): Promise<JumpedPage> {
    const { view, pageSize } = options;
    const read = async (client: ClientBase, how: JumpedPage['how'], from: PageOptions): Promise<JumpedPage> => ({
      how,
      ...(await fetchPage(client, this.schema, this.table, shape, { ...view, pageSize, ...from })),
    });
    return this.pages.run(
      async (client) => {
        if (shape.key.length === 0) {
          return read(client, 'offset', { after: { key: [], offset: Math.max(0, Math.floor(options.position)) } });
        }
        const plan = await planSeek(client, this.schema, this.table, shape, view, options.fraction);
        switch (plan.how) {
          case 'distribution':
            return { ...(await read(client, 'distribution', { seek: plan.seek })), column: plan.seek.column };
          case 'blocks':
            return read(client, 'blocks', { after: plan.after });
          case 'end':
            return read(client, 'end', { last: true });
          case 'start':
            return read(client, 'start', {});
          case 'none':
            return options.landmark ? read(client, 'landmark', { after: options.landmark }) : read(client, 'start', {});
        }
      },
      () => (generation === this.pageGeneration ? undefined : new Cancelled('superseded')),
      'page',
    );
  }

  /**
   * The view's size as the tree says it: counted exactly when the table is
   * small enough for the tree to count it (EXACT_COUNT_LIMIT rows by the
   * planner, whatever the filters, so the count's scan stays short), else the
   * planner's estimate.
   */
  async estimate(view: ViewOptions): Promise<{ rows: number; exact: boolean }> {
    const shape = await this.shape();
    const [rows, tableRows] = await this.pages.run(async (client) => {
      const filtered = await estimateRows(client, selectionOf(this.schema, this.table, shape, view));
      const whole = (view.filters ?? []).length > 0 ? await estimateRows(client, selectionOf(this.schema, this.table, shape, { sort: view.sort })) : filtered;
      return [filtered, whole] as const;
    });
    if (tableRows < EXACT_COUNT_LIMIT) {
      return { rows: await this.count(view), exact: true };
    }
    return { rows, exact: false };
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

  async exportCsv(view: ViewOptions, out: Writable, onProgress?: (progress: ExportProgress) => void, neutralizeFormulas = false): Promise<ExportResult> {
    const generation = this.exportGeneration;
    const shape = await this.shape();
    const selection = selectionOf(this.schema, this.table, shape, view);
    return this.exports.run(
      (client, stopped) => exportCsv(client, selection, out, { onProgress, interrupt: () => this.exports.interrupt(), stopped, neutralizeFormulas }),
      // A Cancel pressed before the export reached its connection still counts.
      () => (generation === this.exportGeneration ? undefined : new Cancelled('user')),
    );
  }

  /** The user's Cancel on the export running or about to run. */
  cancelExport(): Promise<void> {
    this.exportGeneration += 1;
    return this.exports.cancel(new Cancelled('user'));
  }

  /** Asked on the preview's own connection: whether either its login or the role it acts as is a superuser. */
  identity(): Promise<PreviewIdentity> {
    return this.pages.run(async (client) => {
      const row = (await client.query<{ login: string; acting_as: string; login_superuser: boolean; acting_superuser: boolean }>(IDENTITY_SQL)).rows[0]!;
      return { login: row.login, actingAs: row.acting_as, superuser: row.login_superuser || row.acting_superuser };
    });
  }

  async close(): Promise<void> {
    await Promise.all([this.pages.close(), this.counts.close(), this.exports.close()]);
    await this.ownPools?.dispose();
  }
}

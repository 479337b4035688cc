/**
 * The logic of a query document's results panel, without VS Code: a run's
 * statements and their results (rows on disk, read a page at a time for the
 * grid), progress while rows stream, Cancel, whole values, copies. The
 * panel (queryResultsPanel.ts) gives it a way to post, translate, copy and
 * show a value; tests give it fakes.
 */
import { exportToChosenFile, type CsvExportDeps } from '../csvExportFlow';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Writable } from 'node:stream';
import { CHART_ROWS } from '../../core/query/resultChart';
import type { ExportProgress, ExportResult } from '../../postgres/preview/exportCsv';
import type { SqlStatement } from '../../core/query/statements';
import type { PreparedStatement } from '../../postgres/query/queryRunner';
import type { RunListener, RunOutcome, RunSettings, StatementResult } from '../../postgres/query/queryRun';
import { readPlan } from '../../core/query/explainPlan';
import type { ResultStore } from '../../postgres/query/resultStore';
import { Cancelled } from '../../postgres/preview/queryLane';
import type { QueryResultsToHost, QueryResultsToWebview, StatementOutcome } from '../../protocol/queryResults';
import { QUERY_RESULTS_STRINGS } from '../../protocol/queryResultsStrings';

/** A cell longer than this is cut for the grid; Open value shows all of it. */
export const GRID_CELL_CHARS = 2_000;
/** Progress is said at most this often per statement while rows stream. */
const PROGRESS_EVERY_MS = 100;

/** What runs the statements (QueryRunner, or a stand-in in tests). */
export interface Runner {
  run(statements: readonly PreparedStatement[], settings: RunSettings, listener: RunListener): Promise<RunOutcome>;
  cancel(): Promise<void>;
  exportCsv(statement: Pick<SqlStatement, 'text'>, out: Writable, onProgress?: (progress: ExportProgress) => void): Promise<ExportResult>;
  cancelExport(): Promise<void>;
  close(): Promise<void>;
}

export interface QueryResultsDeps extends Omit<CsvExportDeps, 'post'> {
  post(message: QueryResultsToWebview): void;
  writeClipboard(text: string): Promise<void>;
  showValue(name: string, text: string): Promise<void>;
  neutralizeFormulas(): boolean;
  /** The member may write in this workspace (editors and admins): Copy to New Table is offered. */
  canWrite(): boolean;
  /** The new table's name, asked with this proposal; undefined when the user cancelled. */
  askTableName(proposed: string): Promise<{ schema: string; name: string } | undefined>;
  /** Runs CREATE TABLE … AS the statement, as the member; returns the rows copied. */
  createTableFromQuery(query: string, table: { schema: string; name: string }): Promise<number>;
  /** Where to save a chart's PNG; undefined when the user cancelled the dialog. */
  choosePngFile(title: string, defaultName: string): Promise<string | undefined>;
  /** The user picked a statement's tab: show it in the editor. */
  reveal(statement: SqlStatement): void;
}

/** A run as the caller sees it after: each statement's result (failures with where), and how it ended. */
export interface RunReport {
  readonly statements: readonly PreparedStatement[];
  readonly outcome: RunOutcome | 'cancelled' | Error;
}

interface Shown {
  readonly runId: number;
  readonly statements: readonly PreparedStatement[];
  readonly stores: (ResultStore | undefined)[];
  readonly columns: string[][];
}

function outcomeOf(result: StatementResult): StatementOutcome {
  switch (result.status) {
    case 'rows':
      return { status: 'rows', rows: result.rows, ms: result.ms };
    case 'done':
      return { status: 'done', command: result.command, rowCount: result.rowCount, ms: result.ms };
    case 'failed':
      return { status: 'failed', message: result.message, reason: result.reason, ms: result.ms };
    default:
      return { status: 'not run' };
  }
}

export class QueryResultsController {
  private lastRunId = 0;
  private shown: Shown | undefined;
  private ready = false;
  private disposed = false;
  private exporting = false;

  constructor(
    private readonly deps: QueryResultsDeps,
    private readonly runner: Runner,
    private readonly documentName: string,
    private readonly workspaceName: string,
  ) {}

  /** A message from the webview (already checked against the protocol). */
  async receive(message: QueryResultsToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.init();
        return;
      case 'rows':
        return this.rows(message);
      case 'openValue':
        return this.openValue(message);
      case 'copy':
        await this.deps.writeClipboard(message.text);
        this.deps.post({ type: 'notice', text: message.rows === 1 ? this.deps.t('Copied 1 row as TSV.') : this.deps.t('Copied {0} rows as TSV.', String(message.rows)), error: false });
        return;
      case 'cancel':
        if (message.runId === this.lastRunId) {
          await this.runner.cancel();
        }
        return;
      case 'export':
        return this.exportCsv(message.runId, message.index);
      case 'cancelExport':
        await this.runner.cancelExport();
        return;
      case 'copyToTable':
        return this.copyToTable(message.runId, message.index);
      case 'chartRows':
        return this.chartRows(message);
      case 'saveChart':
        return this.saveChart(message.png, message.name);
      case 'reveal': {
        const statement = this.shown?.runId === message.runId ? this.shown.statements[message.index] : undefined;
        if (statement) {
          this.deps.reveal(statement);
        }
        return;
      }
    }
  }

  /** Whether the webview has said it is ready (a run posted before that is replayed by its own messages, so runs wait for it). */
  get isReady(): boolean {
    return this.ready;
  }

  /**
   * Runs `statements` (already judged for `mode`), replacing the results
   * shown. Resolves when the run ended, however it ended.
   */
  async run(statements: readonly PreparedStatement[], settings: RunSettings & { readonly explain?: boolean }, lineOf: (offset: number) => number): Promise<RunReport> {
    const { post } = this.deps;
    await this.clear();
    this.lastRunId += 1;
    const runId = this.lastRunId;
    const shown: Shown = { runId, statements, stores: statements.map(() => undefined), columns: statements.map(() => []) };
    this.shown = shown;
    post({
      type: 'runStarted',
      runId,
      mode: settings.mode,
      statements: statements.map((s) => ({ label: s.text.split('\n', 1)[0]!.slice(0, 80), line: lineOf(Math.max(0, s.start)) })),
    });
    const said = new Map<number, number>();
    const listener: RunListener = {
      columns: (index, columns, store) => {
        shown.stores[index] = store;
        shown.columns[index] = columns.map((c) => c.name);
        if (this.shown === shown) {
          post({ type: 'columns', runId, index, columns: [...columns] });
        }
      },
      progress: (index, rows) => {
        const now = performance.now();
        if (this.shown === shown && now - (said.get(index) ?? 0) >= PROGRESS_EVERY_MS) {
          said.set(index, now);
          post({ type: 'progress', runId, index, rows });
        }
      },
      finished: (index, result) => {
        if (this.shown === shown) {
          post({ type: 'statement', runId, index, outcome: outcomeOf(result) });
        }
      },
    };
    const started = performance.now();
    try {
      const outcome = await this.runner.run(statements, settings, listener);
      if (settings.explain) {
        await this.showPlan(shown, outcome);
      }
      post({ type: 'runEnded', runId, ended: outcome.ended, ms: outcome.ms });
      return { statements, outcome };
    } catch (err) {
      const ms = performance.now() - started;
      if (err instanceof Cancelled) {
        post({ type: 'runEnded', runId, ended: 'cancelled', ms });
        return { statements, outcome: 'cancelled' };
      }
      this.deps.log.error(`Query run in ${this.documentName}`, err);
      post({ type: 'runEnded', runId, ended: 'failed', ms, message: this.deps.describe(err) });
      return { statements, outcome: err instanceof Error ? err : new Error(String(err)) };
    }
  }

  /** An Explain's one row, one JSON value: drawn as a tree. */
  private async showPlan(shown: Shown, outcome: RunOutcome): Promise<void> {
    const result = outcome.results[0];
    if (result?.status !== 'rows' || this.shown !== shown) {
      return;
    }
    try {
      const [row] = await result.store.read(0, 1);
      const plan = readPlan(row?.[0] ?? '');
      this.deps.post({ type: 'plan', runId: shown.runId, index: 0, root: plan.root, analyzed: plan.analyzed, ...(plan.planningMs !== undefined ? { planningMs: plan.planningMs } : {}), ...(plan.executionMs !== undefined ? { executionMs: plan.executionMs } : {}) });
    } catch (err) {
      this.deps.log.error(`Reading the plan of ${this.documentName}`, err);
    }
  }

  /** Stops the run in progress, if any. */
  cancel(): Promise<void> {
    return this.runner.cancel();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.runner.close().catch(() => undefined);
    await this.clear();
  }

  private init(): void {
    const { post, t } = this.deps;
    post({
      type: 'init',
      strings: Object.fromEntries(QUERY_RESULTS_STRINGS.map((s) => [s, t(s)])),
      locale: this.deps.locale,
      document: this.documentName,
      workspace: this.workspaceName,
      neutralizeFormulas: this.deps.neutralizeFormulas(),
      canWrite: this.deps.canWrite(),
    });
  }

  /** The results shown before go, and their files with them. */
  private async clear(): Promise<void> {
    const old = this.shown;
    this.shown = undefined;
    await Promise.all((old?.stores ?? []).map((store) => store?.dispose()));
  }

  private storeOf(runId: number, index: number): ResultStore | undefined {
    return this.shown?.runId === runId && !this.disposed ? this.shown.stores[index] : undefined;
  }

  private async rows(message: Extract<QueryResultsToHost, { type: 'rows' }>): Promise<void> {
    const store = this.storeOf(message.runId, message.index);
    if (!store) {
      return; // An older run's page: its results are gone, the webview has moved on.
    }
    try {
      const rows = await store.read(message.from, message.count);
      const truncated: [number, number][] = [];
      const cut = rows.map((row, r) =>
        row.map((cell, c) => {
          if (cell !== null && cell.length > GRID_CELL_CHARS) {
            truncated.push([r, c]);
            return cell.slice(0, GRID_CELL_CHARS);
          }
          return cell;
        }),
      );
      this.deps.post({ type: 'rows', runId: message.runId, index: message.index, requestId: message.requestId, from: message.from, rows: cut, truncated });
    } catch (err) {
      this.deps.log.error(`Reading results of ${this.documentName}`, err);
      this.deps.post({ type: 'rowsError', requestId: message.requestId, message: this.deps.describe(err) });
    }
  }

  /** A plain query's result as a new table, run again as CREATE TABLE … AS (what the grid holds is not sent back). */
  private async copyToTable(runId: number, index: number): Promise<void> {
    const { post, t } = this.deps;
    const statement = this.shown?.runId === runId ? this.shown.statements[index] : undefined;
    if (!statement) {
      return;
    }
    if (statement.readAs !== 'cursor') {
      post({ type: 'notice', text: t('Only a query (SELECT, VALUES, TABLE or WITH … SELECT) can be copied to a table.'), error: true });
      return;
    }
    const table = await this.deps.askTableName('query_result');
    if (!table) {
      return;
    }
    try {
      const rows = await this.deps.createTableFromQuery(statement.text, table);
      this.deps.log.info(`Copied a query of ${this.documentName} to the new table ${table.schema}.${table.name} (${rows} rows)`);
      post({ type: 'notice', text: t('Created the table {0}.{1} with {2} rows.', table.schema, table.name, String(rows)), error: false });
    } catch (err) {
      post({ type: 'notice', text: t('The table was not created: {0}', this.deps.describe(err)), error: true });
    }
  }

  /** The two columns a chart draws, from the rows on disk: the first CHART_ROWS. */
  private async chartRows(message: Extract<QueryResultsToHost, { type: 'chartRows' }>): Promise<void> {
    const store = this.storeOf(message.runId, message.index);
    if (!store) {
      return;
    }
    try {
      const count = Math.min(store.rows, CHART_ROWS);
      const rows: [string | null, string | null][] = [];
      for (let from = 0; from < count; from += 5000) {
        for (const row of await store.read(from, Math.min(5000, count - from))) {
          rows.push([row[message.label] ?? null, row[message.value] ?? null]);
        }
      }
      this.deps.post({ type: 'chartRows', runId: message.runId, index: message.index, requestId: message.requestId, rows, more: store.rows > count });
    } catch (err) {
      this.deps.log.error(`Reading the chart of ${this.documentName}`, err);
      this.deps.post({ type: 'rowsError', requestId: message.requestId, message: this.deps.describe(err) });
    }
  }

  /** The chart as a PNG file where the user picks. */
  private async saveChart(png: string, name: string): Promise<void> {
    const { t } = this.deps;
    const file = await this.deps.choosePngFile(t('Save the chart as PNG'), `${name.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '') || 'chart'}.png`);
    if (!file) {
      return;
    }
    try {
      await writeFile(file, Buffer.from(png.slice(png.indexOf(',') + 1), 'base64'));
      this.deps.announceExported(t('Saved the chart as {0}.', path.basename(file)), file);
    } catch (err) {
      this.deps.post({ type: 'notice', text: t('The chart was not saved: {0}', this.deps.describe(err)), error: true });
    }
  }

  /** A plain query's whole result, run again through COPY into a part file renamed at the end (a cancelled or failed export leaves no half file). */
  private async exportCsv(runId: number, index: number): Promise<void> {
    const { post, t } = this.deps;
    const statement = this.shown?.runId === runId ? this.shown.statements[index] : undefined;
    if (!statement || this.exporting) {
      return;
    }
    if (statement.readAs !== 'cursor') {
      post({ type: 'exportEnded', outcome: 'failed', message: t('Only a query (SELECT, VALUES, TABLE or WITH … SELECT) can be exported as CSV; copy the rows of this one from the grid.') });
      return;
    }
    this.exporting = true;
    try {
      await exportToChosenFile(this.deps, {
        dialogTitle: t('Export the result of statement {0} as CSV', String(index + 1)),
        progressTitle: t('Exporting the result of statement {0}', String(index + 1)),
        defaultName: 'query.csv',
        logName: `a query of ${this.documentName}`,
        run: (out, onProgress) => this.runner.exportCsv(statement, out, ({ bytes }) => onProgress(bytes)),
        cancel: () => void this.runner.cancelExport(),
      });
    } finally {
      this.exporting = false;
    }
  }

  private async openValue(message: Extract<QueryResultsToHost, { type: 'openValue' }>): Promise<void> {
    const store = this.storeOf(message.runId, message.index);
    const [row] = store ? await store.read(message.row, 1) : [];
    const value = row?.[message.column];
    if (value === undefined) {
      return;
    }
    const column = this.shown?.columns[message.index]?.[message.column] ?? '';
    await this.deps.showValue(column, value ?? 'NULL');
  }
}

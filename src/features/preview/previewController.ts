import { exportToChosenFile } from '../csvExportFlow';
import type { Logger, Translate } from '../../core/logger';
import type { PreviewPage } from '../../postgres/preview/preview';
import { PAGE_STATEMENT_TIMEOUT_MS, ShapeChanged, type JumpedPage, type PreviewSession } from '../../postgres/preview/previewSession';
import type { Cursor } from '../../postgres/preview/previewSql';
import { Cancelled } from '../../postgres/preview/queryLane';
import { previewToHostSchema, type PreviewToWebview, type PreviewView } from '../../protocol/preview';
import { PREVIEW_STRINGS } from '../../protocol/previewStrings';
import { isTextType } from '../../core/spreadsheetSafe';
import { filterProblem, FILTER_VALUE_TEXTS, valueKindOf } from '../../core/preview/filterValue';
import type { TableShape } from '../../postgres/preview/preview';
import { LeaveQueue } from '../../postgres/budget/connectionGate';

/** What the controller reads through: a PreviewSession, or a stand-in in tests. */
export type PreviewReader = Pick<
  PreviewSession,
  'schema' | 'table' | 'shape' | 'page' | 'jump' | 'estimate' | 'count' | 'cancelCount' | 'wholeValue' | 'exportCsv' | 'cancelExport' | 'close'
>;

/** What the controller needs from outside; the panel glue passes VS Code's, tests pass their own. */
export interface PreviewDeps {
  post(message: PreviewToWebview): void;
  readonly t: Translate;
  readonly log: Logger;
  readonly locale: string;
  /** Turns a failure into words for the user. */
  describe(err: unknown): string;
  writeClipboard(text: string): Promise<void>;
  /** Opens a whole value in a read-only editor tab. */
  showValue(title: string, text: string, json: boolean): Promise<void>;
  /** Where to write the CSV; undefined when the user cancelled the dialog. */
  chooseExportFile(title: string, defaultName: string): Promise<string | undefined>;
  /** Runs the export under a progress notification; `onCancel` registers what its Cancel does. */
  withExportProgress<T>(title: string, run: (report: (message: string) => void, onCancel: (stop: () => void) => void) => Promise<T>): Promise<T>;
  /** Says the export is done (and offers to open the file). */
  announceExported(text: string, file: string): void;
  /** The setting openhexa.preview.neutralizeFormulas: text cells a spreadsheet would run as formulas get a leading ' in exports and copies. */
  neutralizeFormulas(): boolean;
}

function sqlState(err: unknown): string | undefined {
  const code = err instanceof Error && 'code' in err ? (err as { code: unknown }).code : undefined;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

function isStatementTimeout(err: unknown): boolean {
  return sqlState(err) === '57014' && err instanceof Error && /statement timeout/.test(err.message);
}

/**
 * Whether the same read may work if tried again: the server was unreachable,
 * restarting or out of connections (SQLSTATE classes 08, 53, 57P0x, 40; a
 * socket's error; the connection dropped; a wait for a slot given up). A
 * refusal of the read itself (a value, a privilege, a superuser login, a
 * timeout) repeats.
 */
export function mayWorkAgain(err: unknown): boolean {
  const state = sqlState(err);
  if (state !== undefined) {
    return /^(08|53|40|57P0)/.test(state);
  }
  if (err instanceof LeaveQueue) {
    return true;
  }
  const code = err instanceof Error && 'code' in err ? (err as { code: unknown }).code : undefined;
  return (typeof code === 'string' && /^E[A-Z]+$/.test(code)) || (err instanceof Error && /^Connection terminated/.test(err.message));
}

/** A filter whose value does not fit its column, found before any query. */
class FilterRefused extends Error {}

/** The server's words for a value of the wrong type: `invalid input syntax for type date: "abc"`. */
const BAD_INPUT = /for type ([\w .[\]"]+): "(.*)"$/s;

function plain(cursor: Cursor): { key: string[]; sortValue?: string | null; offset?: number } {
  return { ...cursor, key: [...cursor.key] };
}

/**
 * One table's preview, as messages in and out: pages, counts, whole values
 * and exports, each read through the member's own login by the reader, which
 * closes (cancelling what runs) when the panel goes.
 */
export class PreviewController {
  private reader: PreviewReader | undefined;
  private exporting = false;

  constructor(
    private readonly deps: PreviewDeps,
    reader: PreviewReader,
    private readonly workspaceName: string,
    private readonly title: string,
  ) {
    this.reader = reader;
  }

  /** The table's columns and the panel's strings; the webview then asks for its first page. */
  private async init(reader: PreviewReader): Promise<void> {
    const { post, t, log } = this.deps;
    try {
      const shape = await reader.shape();
      post({
        type: 'init',
        strings: Object.fromEntries(PREVIEW_STRINGS.map((s) => [s, t(s)])),
        locale: this.deps.locale,
        table: { schema: reader.schema, name: reader.table, workspace: this.workspaceName },
        columns: shape.columns.map((c) => ({ name: c.name, type: c.type, text: isTextType(c.paramType ?? c.type), kind: valueKindOf(c.paramType ?? c.type), nullable: c.nullable !== false })),
        keyKind: shape.keyKind,
        neutralizeFormulas: this.deps.neutralizeFormulas(),
      });
    } catch (err) {
      log.error(`Preview of ${this.title}`, err);
      post({ type: 'initError', message: this.describe(err), retry: mayWorkAgain(err), strings: Object.fromEntries(PREVIEW_STRINGS.map((s) => [s, t(s)])) });
    }
  }

  private describe(err: unknown): string {
    const { t } = this.deps;
    if (err instanceof FilterRefused) {
      return err.message;
    }
    if (isStatementTimeout(err)) {
      return t('The server stopped this read after {0} seconds. Add a filter, or sort on an indexed column.', String(PAGE_STATEMENT_TIMEOUT_MS / 1000));
    }
    if (sqlState(err)?.startsWith('22')) {
      // A filter's value the server could not read as the column's type: said in the user's words, with the server's type and value.
      const found = err instanceof Error ? BAD_INPUT.exec(err.message) : null;
      return found ? t(FILTER_VALUE_TEXTS.refused, found[2]!, found[1]!) : t(FILTER_VALUE_TEXTS.refusedUnnamed);
    }
    return this.deps.describe(err);
  }

  /** Refuses a view whose filter values do not fit their columns, in the user's language, before any query. */
  private checkView(shape: TableShape, view: PreviewView): void {
    for (const filter of view.filters) {
      const column = shape.columns.find((c) => c.name === filter.column);
      const problem = column && filterProblem(filter, valueKindOf(column.paramType ?? column.type), column.type);
      if (problem) {
        throw new FilterRefused(this.deps.t(problem.text, ...problem.args));
      }
    }
  }

  /** A message from the webview, checked against the protocol; anything else is ignored and logged. */
  async receive(raw: unknown): Promise<void> {
    const parsed = previewToHostSchema.safeParse(raw);
    const reader = this.reader;
    if (!parsed.success) {
      this.deps.log.warn('Preview panel: ignored a malformed message');
      return;
    }
    if (!reader) {
      return;
    }
    const { post, t, log } = this.deps;
    const message = parsed.data;
    switch (message.type) {
      case 'ready':
        await this.init(reader);
        return;
      case 'page':
      case 'jump':
        try {
          this.checkView(await reader.shape(), message.view);
          const page: PreviewPage & Partial<Pick<JumpedPage, 'how' | 'column'>> =
            message.type === 'page'
              ? await reader.page({ ...message.view, after: message.after, before: message.before, last: message.last, pageSize: message.pageSize })
              : await reader.jump({ view: message.view, fraction: message.fraction, position: message.position, landmark: message.landmark, pageSize: message.pageSize });
          post({
            type: 'page',
            requestId: message.requestId,
            rows: page.rows,
            truncated: page.truncated,
            at: page.at.map(plain),
            next: page.next && plain(page.next),
            atStart: page.atStart,
            atEnd: page.atEnd,
            ...(page.how ? { jumped: page.how } : {}),
            ...(page.column ? { jumpColumn: page.column } : {}),
          });
        } catch (err) {
          if (err instanceof ShapeChanged) {
            // The panel starts again on the table as it is now: its columns, then its first page.
            log.info(`Preview of ${this.title}: the table changed (${err.message}); reading its columns again`);
            await this.init(reader);
            post({ type: 'notice', text: t('The table changed since the preview read its columns: they were read again.'), error: false });
          } else if (!(err instanceof Cancelled)) {
            log.error(`Preview of ${this.title}: page`, err);
            post({ type: 'pageError', requestId: message.requestId, message: this.describe(err), retry: mayWorkAgain(err) });
          }
        }
        return;
      case 'estimate':
        void reader.cancelCount();
        await this.rowCount(message.viewId, message.view, () => reader.estimate(message.view));
        return;
      case 'count':
        await this.rowCount(message.viewId, message.view, async () => ({ rows: await reader.count(message.view), exact: true }));
        return;
      case 'openValue':
        await this.openValue(reader, message.view, message.column, message.at);
        return;
      case 'copy':
        await this.deps.writeClipboard(message.text);
        post({ type: 'notice', text: message.rows === 1 ? t('Copied 1 row as TSV.') : t('Copied {0} rows as TSV.', String(message.rows)), error: false });
        return;
      case 'export':
        await this.exportCsv(reader, message.view);
        return;
      case 'cancelExport':
        // The session keeps a Cancel that arrives before its export reached the server.
        if (this.exporting) {
          void reader.cancelExport();
        }
        return;
    }
  }

  /** A view's size. A view the page refused (a filter's value) gets no second message: the page's error says it. */
  private async rowCount(viewId: number, view: PreviewView, count: () => Promise<{ rows: number; exact: boolean }>): Promise<void> {
    try {
      this.checkView(await this.reader!.shape(), view);
      const { rows, exact } = await count();
      this.deps.post({ type: 'rowCount', viewId, rows, exact });
    } catch (err) {
      if (err instanceof FilterRefused || sqlState(err)?.startsWith('22')) {
        return;
      }
      if (!(err instanceof Cancelled)) {
        this.deps.post({ type: 'countError', viewId, message: this.describe(err) });
      }
    }
  }

  private async openValue(reader: PreviewReader, view: PreviewView, column: string, at: Cursor): Promise<void> {
    try {
      const value = await reader.wholeValue(view, column, at);
      const type = (await reader.shape()).columns.find((c) => c.name === column)?.type ?? '';
      await this.deps.showValue(`${reader.table}.${column}`, value ?? 'NULL', value !== null && /^jsonb?$/.test(type));
    } catch (err) {
      if (!(err instanceof Cancelled)) {
        this.deps.post({ type: 'notice', text: this.describe(err), error: true });
      }
    }
  }

  /** Streams to a part file renamed at the end, so a cancelled or failed export leaves no half file. */
  private async exportCsv(reader: PreviewReader, view: PreviewView): Promise<void> {
    if (this.exporting) {
      return;
    }
    const { post, t } = this.deps;
    this.exporting = true;
    try {
      try {
        this.checkView(await reader.shape(), view);
      } catch (err) {
        post({ type: 'exportEnded', outcome: 'failed', message: this.describe(err) });
        return;
      }
      await exportToChosenFile(this.deps, {
        dialogTitle: t('Export {0} as CSV', this.title),
        progressTitle: t('Exporting {0}', this.title),
        defaultName: `${reader.table}.csv`,
        logName: this.title,
        run: (out, onProgress) => reader.exportCsv(view, out, ({ bytes }) => onProgress(bytes), this.deps.neutralizeFormulas()),
        cancel: () => void reader.cancelExport(),
      });
    } finally {
      this.exporting = false;
    }
  }

  /** The panel closed: stop an export, cancel what runs, close the connections. */
  async dispose(): Promise<void> {
    const reader = this.reader;
    this.reader = undefined;
    await reader?.close();
  }
}

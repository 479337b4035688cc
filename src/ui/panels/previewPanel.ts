import * as path from 'node:path';
import * as vscode from 'vscode';
import { profileKey, type ServerProfile } from '../../core/serverProfile';
import { openPartFile } from '../../files/partFile';
import type { PreviewView } from '../../protocol/preview';
import { previewToHostSchema, previewToWebviewSchema, type PreviewToWebview } from '../../protocol/preview';
import { PREVIEW_STRINGS } from '../../protocol/previewStrings';
import { PAGE_STATEMENT_TIMEOUT_MS, PreviewSession } from '../../postgres/preview/previewSession';
import type { Cursor } from '../../postgres/preview/previewSql';
import { Cancelled } from '../../postgres/preview/queryLane';
import type { WorkspaceSummary } from '../../postgres/workspace/catalogCalls';
import type { TableInfo } from '../../postgres/workspace/tables';
import type { Log } from '../log';
import type { Sessions } from '../sessions';
import { userMessage } from '../userMessage';
import type { ValueDocuments } from '../valueDocuments';
import { localRoots, webviewHtml } from './webviewHtml';

const VIEW_TYPE = 'openhexa.preview';

function isStatementTimeout(err: unknown): boolean {
  return err instanceof Error && 'code' in err && (err as { code: unknown }).code === '57014' && /statement timeout/.test(err.message);
}

function plain(cursor: Cursor): { key: string[]; sortValue?: string | null; offset?: number } {
  return { ...cursor, key: [...cursor.key] };
}

/**
 * Controller of one table's preview panel. The webview asks for pages, counts,
 * values and exports; each is read through the member's own login by a
 * PreviewSession, which the panel closes (cancelling what runs) when it goes.
 */
export class PreviewPanel implements vscode.Disposable {
  private static readonly open = new Map<string, PreviewPanel>();
  private readonly disposables: vscode.Disposable[] = [];
  private session: PreviewSession | undefined;
  private exporting: vscode.CancellationTokenSource | undefined;

  static async show(extensionUri: vscode.Uri, sessions: Sessions, values: ValueDocuments, log: Log, profile: ServerProfile, workspace: WorkspaceSummary, table: Pick<TableInfo, 'schema' | 'name'>): Promise<PreviewPanel> {
    const key = `${profileKey(profile)}/${workspace.slug}/${table.schema}/${table.name}`;
    // Read before any check: no await between the check and the registration, so two quick clicks open one tab.
    const login = await sessions.login(profile, workspace.dbName);
    const existing = PreviewPanel.open.get(key);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const title = table.schema === 'public' ? table.name : `${table.schema}.${table.name}`;
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, vscode.l10n.t('Preview: {0}', title), vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: localRoots(extensionUri),
    });
    const controller = new PreviewPanel(panel, extensionUri, values, log, workspace, new PreviewSession(login, table.schema, table.name), key, title);
    PreviewPanel.open.set(key, controller);
    return controller;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly values: ValueDocuments,
    private readonly log: Log,
    private readonly workspace: WorkspaceSummary,
    session: PreviewSession,
    private readonly key: string,
    private readonly title: string,
  ) {
    this.session = session;
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'openhexa.svg');
    panel.webview.html = webviewHtml(panel.webview, extensionUri, 'preview', vscode.l10n.t('Preview: {0}', title));
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.onMessage(raw)),
    );
  }

  private post(message: PreviewToWebview): void {
    // An export or a page may finish after the tab was closed: nobody to tell.
    if (this.session) {
      void this.panel.webview.postMessage(previewToWebviewSchema.parse(message));
    }
  }

  private describe(err: unknown): string {
    if (isStatementTimeout(err)) {
      return vscode.l10n.t('The server stopped this read after {0} seconds. Add a filter, or sort on an indexed column.', String(PAGE_STATEMENT_TIMEOUT_MS / 1000));
    }
    return userMessage(err);
  }

  private async onMessage(raw: unknown): Promise<void> {
    const parsed = previewToHostSchema.safeParse(raw);
    const session = this.session;
    if (!parsed.success || !session) {
      if (!parsed.success) {
        this.log.warn('Preview panel: ignored a malformed message');
      }
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'ready':
        try {
          const shape = await session.shape();
          this.post({
            type: 'init',
            strings: Object.fromEntries(PREVIEW_STRINGS.map((s) => [s, vscode.l10n.t(s)])),
            locale: vscode.env.language,
            table: { schema: session.schema, name: session.table, workspace: this.workspace.name },
            columns: shape.columns,
            keyKind: shape.keyKind,
          });
        } catch (err) {
          this.log.error(`Preview of ${this.title}`, err);
          this.post({ type: 'initError', message: this.describe(err) });
        }
        return;
      case 'page':
        try {
          const page = await session.page({ ...message.view, after: message.after, pageSize: message.pageSize });
          this.post({ type: 'page', requestId: message.requestId, rows: page.rows, truncated: page.truncated, at: page.at.map(plain), next: page.next && plain(page.next) });
        } catch (err) {
          if (!(err instanceof Cancelled)) {
            this.log.error(`Preview of ${this.title}: page`, err);
            this.post({ type: 'pageError', requestId: message.requestId, message: this.describe(err) });
          }
        }
        return;
      case 'estimate':
        void session.cancelCount();
        await this.rowCount(message.viewId, () => session.estimate(message.view), false);
        return;
      case 'count':
        await this.rowCount(message.viewId, () => session.count(message.view), true);
        return;
      case 'openValue':
        await this.openValue(session, message.view, message.column, message.at);
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        this.post({ type: 'notice', text: message.rows === 1 ? vscode.l10n.t('Copied 1 row as TSV.') : vscode.l10n.t('Copied {0} rows as TSV.', String(message.rows)), error: false });
        return;
      case 'export':
        await this.exportCsv(session, message.view);
        return;
      case 'cancelExport':
        this.exporting?.cancel();
        return;
    }
  }

  private async rowCount(viewId: number, count: () => Promise<number>, exact: boolean): Promise<void> {
    try {
      this.post({ type: 'rowCount', viewId, rows: await count(), exact });
    } catch (err) {
      if (!(err instanceof Cancelled)) {
        this.post({ type: 'countError', viewId, message: this.describe(err) });
      }
    }
  }

  private async openValue(session: PreviewSession, view: PreviewView, column: string, at: Cursor): Promise<void> {
    try {
      const value = await session.wholeValue(view, column, at);
      const type = (await session.shape()).columns.find((c) => c.name === column)?.type ?? '';
      await this.values.show(`${session.table}.${column}`, value ?? 'NULL', value !== null && /^jsonb?$/.test(type));
    } catch (err) {
      if (!(err instanceof Cancelled)) {
        this.post({ type: 'notice', text: this.describe(err), error: true });
      }
    }
  }

  /** Streams to a part file renamed at the end, so a cancelled or failed export leaves no half file. */
  private async exportCsv(session: PreviewSession, view: PreviewView): Promise<void> {
    if (this.exporting) {
      return;
    }
    const defaultFolder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export {0} as CSV', this.title),
      defaultUri: defaultFolder ? vscode.Uri.joinPath(defaultFolder, `${session.table}.csv`) : undefined,
      filters: { CSV: ['csv'] },
    });
    if (!target) {
      this.post({ type: 'exportEnded', outcome: 'cancelled', message: '' });
      return;
    }
    const file = target.fsPath;
    const part = openPartFile(file);
    const cancel = new vscode.CancellationTokenSource();
    this.exporting = cancel;
    this.post({ type: 'exportProgress', bytes: 0 });
    try {
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting {0}', this.title), cancellable: true },
        async (progress, token) => {
          const stop = (): void => void session.cancelExport();
          token.onCancellationRequested(stop);
          cancel.token.onCancellationRequested(stop);
          let shown = 0;
          return session.exportCsv(view, part.stream, ({ bytes }) => {
            const mib = bytes / 2 ** 20;
            progress.report({ message: vscode.l10n.t('{0} MiB written', mib.toFixed(0)) });
            if (bytes - shown >= 4 * 2 ** 20) {
              shown = bytes;
              this.post({ type: 'exportProgress', bytes });
            }
          });
        },
      );
      await part.keep();
      const text = vscode.l10n.t('Exported {0} rows to {1}.', result.rows.toLocaleString(vscode.env.language), path.basename(file));
      this.log.info(`Exported ${result.rows} rows of ${this.title} to ${file}`);
      this.post({ type: 'exportEnded', outcome: 'done', message: text });
      const open = vscode.l10n.t('Open');
      void vscode.window.showInformationMessage(text, open).then((picked) => picked === open && vscode.commands.executeCommand('vscode.open', vscode.Uri.file(file)));
    } catch (err) {
      await part.discard();
      if (err instanceof Cancelled) {
        this.post({ type: 'exportEnded', outcome: 'cancelled', message: vscode.l10n.t('Export cancelled; no file was written.') });
      } else {
        this.log.error(`Export of ${this.title}`, err);
        this.post({ type: 'exportEnded', outcome: 'failed', message: vscode.l10n.t('The export failed and no file was written: {0}', this.describe(err)) });
      }
    } finally {
      cancel.dispose();
      this.exporting = undefined;
    }
  }

  dispose(): void {
    PreviewPanel.open.delete(this.key);
    this.exporting?.cancel();
    const session = this.session;
    this.session = undefined;
    void session?.close();
    for (const d of this.disposables.splice(0)) {
      d.dispose();
    }
  }

  /** Closes every open preview (deactivation): their queries are cancelled. */
  static disposeAll(): void {
    for (const preview of [...PreviewPanel.open.values()]) {
      preview.panel.dispose();
    }
  }
}

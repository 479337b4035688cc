import * as vscode from 'vscode';
import type { RunMode } from '../../core/query/runRules';
import { loadSqlParser } from '../../core/query/sqlParser';
import { splitStatements, statementAt } from '../../core/query/statements';
import { may } from '../../core/roles';
import type { ServerProfile } from '../../core/serverProfile';
import { savedQueryAddress } from '../../core/query/savedQueryAddress';
import type { RunOutcome } from '../../postgres/query/queryRun';
import { runRecord } from '../../postgres/query/runRecord';
import { keepInHistory } from './runHistory';
import { prepareRun, type Refusal } from '../../postgres/query/queryRunner';
import { makeResultsFolder, removeResultsFolder } from '../../postgres/query/resultStore';
import type { WorkspaceSummary } from '../../postgres/workspace/catalogCalls';
import { roleLabel } from '../../platform/format';
import type { Services } from '../../platform/services';
import { say } from '../../platform/say';
import { QueryDocuments, type QueryBinding } from './queryDocuments';
import { OutlineCache, registerQueryCompletion } from './queryCompletion';
import { registerQueryFormatting } from './queryFormatting';
import { QueryResultsPanel } from './queryResultsPanel';
import { queryTarget, runsWhere, type QueryTarget } from '../../sources/queryTargets';

/** How long each statement may run, from the setting (seconds; 0: no limit). */
export function statementTimeoutMs(): number {
  const seconds = vscode.workspace.getConfiguration('openhexa').get<number>('query.statementTimeoutSeconds', 10);
  return Math.max(0, Math.min(86_400, Number.isFinite(seconds) ? seconds : 10)) * 1000;
}

const RUNNING_KEY = 'openhexa.queryRunning';
/** The active editor's document is bound to a workspace (Ctrl+S on an untitled one offers a workspace query). */
const BOUND_KEY = 'openhexa.activeQueryBound';
const EXPLAIN = 'EXPLAIN (FORMAT JSON) ';
const EXPLAIN_ANALYZE = 'EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ';

/**
 * Data Studio in the editor: SQL documents bound to a workspace, their runs
 * (as the member's own login, read-only unless the document allows writes),
 * the results beside them, the parser's and the server's errors underlined,
 * and a status bar item that says where and how the document runs.
 */
export class QueryStudio implements vscode.Disposable {
  readonly documents: QueryDocuments;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('openhexa.query');
  private readonly status = vscode.window.createStatusBarItem('openhexa.queryStatus', vscode.StatusBarAlignment.Left, 50);
  /** Each document's results panel, and the workspace database it runs on. */
  private readonly panels = new Map<string, { readonly panel: QueryResultsPanel; readonly boundTo: string }>();
  private readonly running = new Set<string>();
  private folder: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private services!: Services;
  private outlines: OutlineCache | undefined;

  constructor(state: vscode.Memento, store: Services['store']) {
    this.documents = new QueryDocuments(state, store);
    this.status.name = vscode.l10n.t('OpenHEXA Query');
    this.status.command = 'openhexa.queryDocumentMenu';
    this.disposables.push(
      this.documents,
      registerQueryFormatting(this.documents),
      this.diagnostics,
      this.status,
      this.documents.onDidChange(() => this.showStatus()),
      vscode.window.onDidChangeActiveTextEditor(() => this.showStatus()),
      vscode.workspace.onDidOpenTextDocument(() => this.showStatus()),
      // An edit moves what the diagnostics point at: they go until the next run.
      vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length > 0 && this.diagnostics.delete(e.document.uri)),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.documents.closed(document.uri);
        this.diagnostics.delete(document.uri);
        this.panels.get(document.uri.toString())?.panel.dispose();
      }),
    );
  }

  /** The services, once made (they hold this). */
  attach(services: Services): void {
    this.services = services;
    this.outlines = new OutlineCache(services);
    const outlines = this.outlines;
    this.disposables.push(
      registerQueryCompletion(this.documents, outlines),
      // Refresh on a server, a workspace or its Database reads the outline again too.
      services.tree.onDidChangeTreeData((node) => {
        const nodes = node === undefined ? [] : Array.isArray(node) ? node : [node];
        if (nodes.length === 0 || nodes.some((n) => n.kind === 'server' || n.kind === 'workspace' || n.kind === 'database')) {
          outlines.clear();
        }
      }),
    );
    this.showStatus();
  }

  /** Opens a new SQL document bound to `workspace`, with `text` in it. */
  async newQuery(profile: ServerProfile, workspace: WorkspaceSummary, text: string): Promise<vscode.TextEditor> {
    this.services.sessions.ensureOwnSessionRole(profile, workspace);
    return this.openBound(text, (uri) => this.documents.bind(uri, profile, workspace));
  }

  /** Opens a new SQL document with `text`, bound by `bind` before it shows (a workspace of either kind: its source binds it). */
  async openBound(text: string, bind: (uri: vscode.Uri) => void): Promise<vscode.TextEditor> {
    const document = await vscode.workspace.openTextDocument({ language: 'sql', content: text });
    bind(document.uri);
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    const end = document.positionAt(text.length);
    editor.selection = new vscode.Selection(end, end);
    return editor;
  }

  /** Binds a document to a workspace (it stays bound across sessions when it is a file). */
  bind(document: vscode.TextDocument, profile: ServerProfile, workspace: WorkspaceSummary): QueryBinding {
    this.services.sessions.ensureOwnSessionRole(profile, workspace);
    return this.documents.bind(document.uri, profile, workspace);
  }

  /**
   * Runs the selection, else the statement under the cursor (`scope`
   * 'statement'), or the whole document: cut and judged first, so a refusal
   * sends nothing; then in the results panel beside the editor.
   */
  async run(editor: vscode.TextEditor, binding: QueryBinding, scope: 'statement' | 'document', explain?: 'plan' | 'analyze'): Promise<RunOutcome | undefined> {
    const { document } = editor;
    const key = document.uri.toString();
    if (this.running.has(key)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('A run of this document is in progress: wait for it, or cancel it.'));
      return undefined;
    }
    const allowed: RunMode = binding.allowWrites && may(binding.role, 'write') ? 'writes' : 'read-only';
    // Explain reads; Explain Analyze runs the statement (writes too, when allowed) and keeps nothing.
    const mode: RunMode = explain === 'plan' ? 'read-only' : allowed;
    await loadSqlParser();
    let text: string;
    let base: number;
    const selection = editor.selection;
    if (scope === 'document') {
      text = document.getText();
      base = 0;
    } else if (!selection.isEmpty) {
      text = document.getText(selection);
      base = document.offsetAt(selection.start);
    } else {
      const all = document.getText();
      const statement = statementAt(all, splitStatements(all), document.offsetAt(selection.active));
      if (!statement) {
        void vscode.window.showInformationMessage(vscode.l10n.t('There is no statement to run here.'));
        return undefined;
      }
      text = statement.text;
      base = statement.start;
    }
    const prepared = await prepareRun(text, mode, base);
    this.diagnostics.delete(document.uri);
    if (!prepared.ok) {
      this.showRefusals(document, prepared.refusals);
      return undefined;
    }
    if (prepared.statements.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('There is no statement to run here.'));
      return undefined;
    }
    let statements = prepared.statements;
    if (explain) {
      if (statements.length > 1) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Explain shows the plan of one statement: put the cursor in it, or select only it.'));
        return undefined;
      }
      const [statement] = statements;
      const prefix = explain === 'analyze' ? EXPLAIN_ANALYZE : EXPLAIN;
      // The prefix sits before the statement's start, so the server's positions still point into the document.
      // An EXPLAIN is not a plain query: its rows come through a portal, not a server cursor.
      statements = [{ ...statement!, text: `${prefix}${statement!.text}`, start: statement!.start - prefix.length, readAs: 'portal' }];
    }
    const target = await queryTarget(this.services, binding, mode);
    const panel = this.panelFor(document, binding, target);
    const started = Date.now();
    this.running.add(key);
    void vscode.commands.executeCommand('setContext', RUNNING_KEY, true);
    this.showStatus();
    try {
      this.folder ??= makeResultsFolder();
      const report = await panel.run(statements, { mode, statementTimeoutMs: statementTimeoutMs(), folder: this.folder, ...(explain ? { explain: true, rollback: true } : {}) });
      if (target.profile) {
        // (An OpenHEXA instance has no catalog of ours to keep the history in.)
        this.logRunOf(target.profile, binding, document.uri, explain ? statements[0]!.text : text, mode, report.outcome, Date.now() - started);
      }
      if (typeof report.outcome === 'object' && !(report.outcome instanceof Error)) {
        this.showFailures(document, report.statements, report.outcome);
        if (report.outcome.ended === 'committed') {
          this.outlines?.clear(); // A table made or dropped is offered (or not) at once.
        }
        return report.outcome;
      }
      return undefined;
    } finally {
      this.running.delete(key);
      void vscode.commands.executeCommand('setContext', RUNNING_KEY, this.running.size > 0);
      this.showStatus();
    }
  }

  /** A run that reached the server goes to the member's history, linked to its saved query when it is one of this workspace's. */
  private logRunOf(profile: ServerProfile, binding: QueryBinding, uri: vscode.Uri, sql: string, mode: RunMode, outcome: RunOutcome | 'cancelled' | Error, durationMs: number): void {
    const address = savedQueryAddress(uri);
    const savedQuery = address && address.server === binding.server && address.workspace === binding.slug ? address.query : undefined;
    const record = runRecord(outcome, { sql, mode, origin: 'console', durationMs, ...(savedQuery ? { savedQuery } : {}) });
    keepInHistory(this.services, profile, binding.slug, record);
  }

  /** Stops the run of a document. */
  async cancel(document: vscode.TextDocument): Promise<void> {
    await this.panels.get(document.uri.toString())?.panel.cancel();
  }

  isRunning(document: vscode.TextDocument): boolean {
    return this.running.has(document.uri.toString());
  }

  private panelFor(document: vscode.TextDocument, binding: QueryBinding, target: QueryTarget): QueryResultsPanel {
    const key = document.uri.toString();
    // On an instance the login changes with the mode (read-only or read/write credentials): a new runner then.
    const boundTo = `${binding.server}|${binding.dbName}|${target.login.user}`;
    const open = this.panels.get(key);
    if (open && open.boundTo === boundTo) {
      return open.panel;
    }
    open?.panel.dispose();
    const panel = new QueryResultsPanel(this.services, document, binding, target.write, this.services.sessions.queryRunner(target.login), () => this.panels.delete(key));
    this.panels.set(key, { panel, boundTo });
    return panel;
  }

  private showRefusals(document: vscode.TextDocument, refusals: readonly Refusal[]): void {
    this.diagnostics.set(
      document.uri,
      refusals.map((r) => this.diagnostic(document, r.at, r.statement.end, say(r.reason))),
    );
    const first = refusals[0]!;
    void vscode.window.showErrorMessage(vscode.l10n.t('Nothing was run: {0}', say(first.reason)));
  }

  private showFailures(document: vscode.TextDocument, statements: readonly { start: number; end: number }[], outcome: RunOutcome): void {
    const found: vscode.Diagnostic[] = [];
    outcome.results.forEach((result, i) => {
      const statement = statements[i];
      if (result.status === 'failed' && result.reason !== 'cancelled' && statement) {
        found.push(this.diagnostic(document, statement.start + (result.position ?? 0), statement.end, result.message));
      }
    });
    this.diagnostics.set(document.uri, found);
  }

  /** Underlines the word at `at` (or the statement's first line), with the message. */
  private diagnostic(document: vscode.TextDocument, at: number, end: number, message: string): vscode.Diagnostic {
    const start = document.positionAt(at);
    const word = document.getWordRangeAtPosition(start, /[^\s,;()]+/);
    const fallbackEnd = document.positionAt(Math.max(at + 1, Math.min(end, document.offsetAt(document.lineAt(start.line).range.end))));
    const diagnostic = new vscode.Diagnostic(word ?? new vscode.Range(start, fallbackEnd), message, vscode.DiagnosticSeverity.Error);
    diagnostic.source = 'OpenHEXA';
    return diagnostic;
  }

  /** The status bar item: shown for SQL documents, saying the workspace, the role and the mode, or offering to bind. */
  private showStatus(): void {
    const editor = vscode.window.activeTextEditor;
    void vscode.commands.executeCommand('setContext', BOUND_KEY, editor !== undefined && this.documents.get(editor.document.uri) !== undefined);
    // A notebook's SQL cells have their own item (the OpenHEXA SQL kernel's).
    if (!editor || editor.document.languageId !== 'sql' || editor.document.uri.scheme === 'vscode-notebook-cell') {
      this.status.hide();
      return;
    }
    const binding = this.documents.get(editor.document.uri);
    if (!binding) {
      this.status.text = `$(database) ${vscode.l10n.t('Run on an OpenHEXA workspace…')}`;
      this.status.tooltip = vscode.l10n.t('Bind this SQL document to a workspace, to run it there as your own login');
      this.status.backgroundColor = undefined;
    } else {
      const mode = binding.allowWrites ? vscode.l10n.t('Writes allowed') : vscode.l10n.t('Read-only');
      const spin = this.isRunning(editor.document) ? '$(loading~spin) ' : '';
      this.status.text = `${spin}$(database) ${binding.workspaceName} · ${roleLabel(binding.role)} · ${mode}`;
      this.status.tooltip = runsWhere(binding);
      this.status.backgroundColor = binding.allowWrites ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    }
    this.status.show();
  }

  dispose(): void {
    for (const { panel } of [...this.panels.values()]) {
      panel.dispose();
    }
    for (const d of this.disposables.splice(0)) {
      d.dispose();
    }
    if (this.folder) {
      removeResultsFolder(this.folder);
    }
  }
}

declare module '../../platform/services' {
  interface Services {
    /** SQL documents bound to workspaces, their runs and results (Data Studio). */
    readonly queries: QueryStudio;
  }
}

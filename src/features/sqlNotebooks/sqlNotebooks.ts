import * as vscode from 'vscode';
import { isOpenhexaSqlNotebook, notebookBinding, withNotebookBinding, type NotebookBinding } from '../../core/notebooks/sqlNotebookMetadata';
import type { RunMode } from '../../core/query/runRules';
import { loadSqlParser } from '../../core/query/sqlParser';
import { may } from '../../core/roles';
import type { ServerProfile } from '../../core/serverProfile';
import type { WorkspaceSummary } from '../../core/workspaceSummary';
import { Cancelled } from '../../postgres/preview/queryLane';
import type { RunOutcome } from '../../postgres/query/queryRun';
import { prepareRun, type QueryRunner } from '../../postgres/query/queryRunner';
import { makeResultsFolder, removeResultsFolder, type ResultStore } from '../../postgres/query/resultStore';
import { runRecord } from '../../postgres/query/runRecord';
import { serverOverview } from '../../postgres/workspace/catalogCalls';
import { resolveWorkspace } from '../../platform/commands/pickers';
import { roleLabel } from '../../platform/format';
import { say } from '../../platform/say';
import type { Services } from '../../platform/services';
import { userMessage } from '../../platform/userMessage';
import { statementTimeoutMs } from '../query/queryStudio';
import { keepInHistory } from '../query/runHistory';
import { cellOutputs, errorOutput } from './sqlCellOutputs';

export const SQL_CONTROLLER_ID = 'openhexa-sql';
const INSTANCES = new WeakMap<Services, SqlNotebooks>();

/** The window's SQL notebook controller (made when the extension activates). */
export function sqlNotebooksOf(services: Services): SqlNotebooks {
  let made = INSTANCES.get(services);
  if (!made) {
    made = new SqlNotebooks(services);
    INSTANCES.set(services, made);
  }
  return made;
}
export const SQL_RENDERER_ID = 'openhexa-sql-result';

/** Where a notebook's SQL cells run, as the member who opens it. */
interface Bound {
  readonly profile: ServerProfile;
  readonly workspace: WorkspaceSummary;
  /** Off when the notebook opens; asked for each time, never kept in the file. */
  allowWrites: boolean;
}

const serverOf = (profile: ServerProfile): string => `${profile.host}:${profile.port}`;

/**
 * SQL cells in .ipynb notebooks: the "OpenHEXA SQL" controller. A notebook
 * is bound to a workspace once (kept in its metadata, with no login and no
 * secret, so reopening it, or a teammate opening it, picks it again); each
 * cell runs as the console runs, as the member's own login, read-only unless
 * the notebook allows writes, with the timeout, stopped by the cell's stop
 * button; its output shows the first rows (the renderer's grid, with HTML
 * and plain-text fallbacks for GitHub and Jupyter).
 */
export class SqlNotebooks implements vscode.Disposable {
  private readonly controller = vscode.notebooks.createNotebookController(SQL_CONTROLLER_ID, 'jupyter-notebook', vscode.l10n.t('OpenHEXA SQL'));
  private readonly messaging = vscode.notebooks.createRendererMessaging(SQL_RENDERER_ID);
  private readonly status = vscode.window.createStatusBarItem('openhexa.notebookSqlStatus', vscode.StatusBarAlignment.Left, 49);
  private readonly bound = new Map<string, Bound>();
  private readonly runners = new Map<string, QueryRunner>();
  private readonly selected = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private order = 0;
  private folder: string | undefined;

  constructor(private readonly services: Services) {
    this.controller.supportedLanguages = ['sql'];
    this.controller.supportsExecutionOrder = true;
    this.controller.description = vscode.l10n.t('SQL on an OpenHEXA workspace, as your own login');
    this.controller.executeHandler = (cells, notebook) => this.execute(cells, notebook);
    this.status.name = vscode.l10n.t('OpenHEXA SQL notebook');
    this.status.command = 'openhexa.notebookSqlMenu';
    this.disposables.push(
      this.controller,
      this.status,
      this.controller.onDidChangeSelectedNotebooks(({ notebook, selected }) => {
        if (selected) {
          this.selected.add(notebook.uri.toString());
          // A notebook that names its workspace shows it at once, not at its first run.
          if (notebookBinding(notebook.metadata)) {
            this.bindingFor(notebook, false).catch((err: unknown) => this.services.log.warn(`The workspace of ${notebook.uri.path.split('/').pop() ?? 'a notebook'}: ${err instanceof Error ? err.message : String(err)}`));
          }
        } else {
          this.selected.delete(notebook.uri.toString());
        }
        this.showStatus();
      }),
      vscode.workspace.onDidOpenNotebookDocument((notebook) => this.prefer(notebook)),
      vscode.workspace.onDidCloseNotebookDocument((notebook) => void this.closed(notebook)),
      vscode.window.onDidChangeActiveNotebookEditor(() => this.showStatus()),
      this.messaging.onDidReceiveMessage(({ editor, message }) => void this.received(editor, message)),
    );
    for (const notebook of vscode.workspace.notebookDocuments) {
      this.prefer(notebook);
    }
  }

  /** A notebook that says it is an OpenHEXA SQL one prefers this controller (so reopening picks it). */
  private prefer(notebook: vscode.NotebookDocument): void {
    if (notebook.notebookType === 'jupyter-notebook' && isOpenhexaSqlNotebook(notebook.metadata)) {
      this.controller.updateNotebookAffinity(notebook, vscode.NotebookControllerAffinity.Preferred);
    }
  }

  private async closed(notebook: vscode.NotebookDocument): Promise<void> {
    const key = notebook.uri.toString();
    this.bound.delete(key);
    this.selected.delete(key);
    const runner = this.runners.get(key);
    this.runners.delete(key);
    await runner?.close().catch(() => undefined);
  }

  /** The active notebook, when it runs on this controller. */
  activeNotebook(): vscode.NotebookDocument | undefined {
    const notebook = vscode.window.activeNotebookEditor?.notebook;
    return notebook && this.selected.has(notebook.uri.toString()) ? notebook : undefined;
  }

  /** The workspace a notebook runs on: the one it was bound to here, the one its metadata names, or one the member picks (then kept in the metadata). */
  async bindingFor(notebook: vscode.NotebookDocument, pick: boolean): Promise<Bound | undefined> {
    const key = notebook.uri.toString();
    const known = this.bound.get(key);
    if (known && !pick) {
      return known;
    }
    const named = pick ? undefined : notebookBinding(notebook.metadata);
    const bound = named ? await this.resolveNamed(named) : await this.pickWorkspace(notebook);
    if (bound) {
      this.bound.set(key, bound);
      await this.runners.get(key)?.close().catch(() => undefined);
      this.runners.delete(key);
      this.services.sessions.ensureOwnSessionRole(bound.profile, bound.workspace);
      this.showStatus();
    }
    return bound;
  }

  private async resolveNamed(named: NotebookBinding): Promise<Bound> {
    const profile = this.services.store.read().profiles.find((p) => serverOf(p) === named.server && p.catalogDatabase === named.catalog);
    if (!profile) {
      throw new Error(vscode.l10n.t('This notebook runs on the workspace "{0}" of {1}: add that server in the OpenHEXA view, with your own login, to run it (or choose another workspace from its status bar item).', named.workspace, named.server));
    }
    const overview = await this.services.sessions.catalog(profile, (c) => serverOverview(c));
    const workspace = overview.workspaces.find((w) => w.slug === named.workspace);
    if (!workspace) {
      throw new Error(vscode.l10n.t('This notebook runs on the workspace "{0}" of {1}, and you are not a member of it. Ask one of its admins, or choose another workspace from its status bar item.', named.workspace, profile.label));
    }
    return { profile, workspace, allowWrites: false };
  }

  private async pickWorkspace(notebook: vscode.NotebookDocument): Promise<Bound | undefined> {
    const ref = await resolveWorkspace(this.services, undefined, vscode.l10n.t('Run the SQL cells of this notebook on a workspace'));
    if (!ref) {
      return undefined;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.set(notebook.uri, [vscode.NotebookEdit.updateNotebookMetadata(withNotebookBinding(notebook.metadata, { server: serverOf(ref.profile), catalog: ref.profile.catalogDatabase, workspace: ref.workspace.slug }))]);
    await vscode.workspace.applyEdit(edit);
    return { profile: ref.profile, workspace: ref.workspace, allowWrites: false };
  }

  /** Allow writes in a notebook (editors and admins), or back to read-only. */
  setWrites(notebook: vscode.NotebookDocument, allow: boolean): void {
    const bound = this.bound.get(notebook.uri.toString());
    if (bound && (!allow || may(bound.workspace.role, 'write'))) {
      bound.allowWrites = allow;
      this.showStatus();
    }
  }

  boundTo(notebook: vscode.NotebookDocument): Bound | undefined {
    return this.bound.get(notebook.uri.toString());
  }

  private async execute(cells: readonly vscode.NotebookCell[], notebook: vscode.NotebookDocument): Promise<void> {
    // In order, one at a time: a cell may read what the one before wrote.
    for (const cell of cells) {
      await this.runCell(cell, notebook);
    }
  }

  private async runCell(cell: vscode.NotebookCell, notebook: vscode.NotebookDocument): Promise<void> {
    const execution = this.controller.createNotebookCellExecution(cell);
    execution.executionOrder = ++this.order;
    execution.start(Date.now());
    const end = async (ok: boolean, outputs: vscode.NotebookCellOutput[]): Promise<void> => {
      await execution.replaceOutput(outputs);
      execution.end(ok, Date.now());
    };
    try {
      await execution.clearOutput();
      const bound = await this.bindingFor(notebook, false);
      if (!bound || execution.token.isCancellationRequested) {
        return await end(false, [errorOutput(vscode.l10n.t('Not run'), vscode.l10n.t('Choose the workspace this notebook runs on first.'))]);
      }
      const mode: RunMode = bound.allowWrites && may(bound.workspace.role, 'write') ? 'writes' : 'read-only';
      await loadSqlParser();
      const sql = cell.document.getText();
      const prepared = await prepareRun(sql, mode);
      if (!prepared.ok) {
        return await end(false, prepared.refusals.map((r) => errorOutput(vscode.l10n.t('Not run'), say(r.reason))));
      }
      if (prepared.statements.length === 0) {
        return await end(true, []);
      }
      const runner = await this.runnerFor(notebook, bound);
      const stores: ResultStore[] = [];
      const stop = execution.token.onCancellationRequested(() => void runner.cancel());
      const started = Date.now();
      let outcome: RunOutcome | 'cancelled' | Error;
      try {
        this.folder ??= makeResultsFolder();
        outcome = await runner.run(prepared.statements, { mode, statementTimeoutMs: statementTimeoutMs(), folder: this.folder }, { columns: (_i, _c, store) => void stores.push(store) });
      } catch (err) {
        outcome = err instanceof Cancelled ? 'cancelled' : err instanceof Error ? err : new Error(String(err));
      } finally {
        stop.dispose();
      }
      keepInHistory(this.services, bound.profile, bound.workspace.slug, runRecord(outcome, { sql, mode, origin: 'notebook', durationMs: Date.now() - started }));
      try {
        if (outcome === 'cancelled') {
          return await end(false, [errorOutput(vscode.l10n.t('Cancelled'), vscode.l10n.t('The server stopped the statement, and nothing was written.'))]);
        }
        if (outcome instanceof Error) {
          return await end(false, [errorOutput(vscode.l10n.t('Error'), userMessage(outcome))]);
        }
        const ok = outcome.results.every((r) => r.status === 'rows' || r.status === 'done');
        return await end(ok, await cellOutputs(outcome, bound.workspace.name, cell.index, mode === 'writes'));
      } finally {
        await Promise.all(stores.map((s) => s.dispose()));
      }
    } catch (err) {
      await end(false, [errorOutput(vscode.l10n.t('Error'), userMessage(err))]);
    }
  }

  private async runnerFor(notebook: vscode.NotebookDocument, bound: Bound): Promise<QueryRunner> {
    const key = notebook.uri.toString();
    let runner = this.runners.get(key);
    if (!runner) {
      runner = this.services.sessions.queryRunner(await this.services.sessions.login(bound.profile, bound.workspace.dbName));
      this.runners.set(key, runner);
    }
    return runner;
  }

  /** "Open in Results" in a cell's output: the cell's SQL in a query document of the same workspace, run there read-only for its whole result. */
  private async received(editor: vscode.NotebookEditor, message: unknown): Promise<void> {
    const cellIndex = typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'openInResults' ? (message as { cell?: unknown }).cell : undefined;
    if (typeof cellIndex !== 'number' || !Number.isInteger(cellIndex) || cellIndex < 0 || cellIndex >= editor.notebook.cellCount) {
      return;
    }
    try {
      const bound = await this.bindingFor(editor.notebook, false);
      if (!bound) {
        return;
      }
      const queryEditor = await this.services.queries.newQuery(bound.profile, bound.workspace, editor.notebook.cellAt(cellIndex).document.getText());
      const binding = this.services.queries.documents.get(queryEditor.document.uri);
      if (binding) {
        await this.services.queries.run(queryEditor, binding, 'document');
      }
    } catch (err) {
      void vscode.window.showErrorMessage(userMessage(err));
    }
  }

  private showStatus(): void {
    const notebook = this.activeNotebook();
    const bound = notebook && this.bound.get(notebook.uri.toString());
    if (!notebook) {
      this.status.hide();
      return;
    }
    if (!bound) {
      this.status.text = `$(database) ${vscode.l10n.t('OpenHEXA SQL: choose a workspace…')}`;
      this.status.tooltip = vscode.l10n.t('The workspace this notebook\'s SQL cells run on (chosen at the first run otherwise)');
      this.status.backgroundColor = undefined;
    } else {
      const mode = bound.allowWrites ? vscode.l10n.t('Writes allowed') : vscode.l10n.t('Read-only');
      this.status.text = `$(database) ${bound.workspace.name} · ${roleLabel(bound.workspace.role)} · ${mode}`;
      this.status.tooltip = vscode.l10n.t('The SQL cells of this notebook run on {0} as your own login. Click to change.', bound.workspace.name);
      this.status.backgroundColor = bound.allowWrites ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    }
    this.status.show();
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) {
      d.dispose();
    }
    for (const runner of this.runners.values()) {
      void runner.close().catch(() => undefined);
    }
    this.runners.clear();
    if (this.folder) {
      removeResultsFolder(this.folder);
    }
  }
}

import * as vscode from 'vscode';
import type { PreparedStatement } from '../../postgres/query/queryRunner';
import type { RunSettings } from '../../postgres/query/queryRun';
import { queryResultsToHostSchema, queryResultsToWebviewSchema, type QueryResultsToHost, type QueryResultsToWebview } from '../../protocol/queryResults';
import { exportDialogs, panelBasics } from '../../platform/panels/panelBasics';
import { PanelHost } from '../../platform/panels/panelHost';
import type { Services } from '../../platform/services';
import { may } from '../../core/roles';
import { createTableFromQuery } from '../../postgres/query/tableFromQuery';
import type { QueryBinding } from './queryDocuments';
import type { QueryTarget } from '../../sources/queryTargets';
import { QueryResultsController, type Runner, type RunReport } from './queryResultsController';

const SPEC = { viewType: 'openhexa.queryResults', app: 'queryResults', toHost: queryResultsToHostSchema, toWebview: queryResultsToWebviewSchema, beside: true };

/** A query document's results in VS Code: the controller's logic over a panel beside the editor. */
export class QueryResultsPanel {
  private readonly host: PanelHost<QueryResultsToHost, QueryResultsToWebview>;
  private readonly controller: QueryResultsController;
  /** Resolves true once the page is ready for a run, false if the panel closed first. */
  private readyNow!: (ready: boolean) => void;
  private readonly ready = new Promise<boolean>((resolve) => (this.readyNow = resolve));

  constructor(
    services: Services,
    private readonly document: vscode.TextDocument,
    binding: QueryBinding,
    /** Where Copy to New Table writes: the member's own login, or an instance's read/write credentials. */
    write: QueryTarget['write'],
    runner: Runner,
    onClose: () => void,
  ) {
    const name = document.uri.scheme === 'untitled' ? document.uri.path : vscode.workspace.asRelativePath(document.uri);
    this.host = new PanelHost(
      services.extensionUri,
      SPEC,
      vscode.l10n.t('Results: {0}', name.split('/').pop() ?? name),
      services.log,
      async (message) => {
        await this.controller.receive(message);
        if (message.type === 'ready') {
          this.readyNow(true);
        }
      },
      () => {
        // A run waiting for a page that will never load is not left waiting.
        this.readyNow(false);
        onClose();
        void this.controller.dispose();
      },
    );
    this.controller = new QueryResultsController(
      {
        ...panelBasics(services, (message: Parameters<typeof this.host.post>[0]) => this.host.post(message)),
        showValue: (column, text) => services.values.show(column || 'value', text, false),
        neutralizeFormulas: () => vscode.workspace.getConfiguration('openhexa').get<boolean>('preview.neutralizeFormulas', false),
        ...exportDialogs(),
        canWrite: () => may(binding.role, 'write'),
        askTableName: async (proposed) => {
          const name = await vscode.window.showInputBox({
            title: vscode.l10n.t('Copy to New Table'),
            prompt: vscode.l10n.t('The new table in the public schema of {0} (its rows are the query run again)', binding.workspaceName),
            value: proposed,
            validateInput: (v) => (v.trim() === '' ? vscode.l10n.t('A name is needed.') : Buffer.byteLength(v, 'utf8') > 63 ? vscode.l10n.t('At most 63 bytes: PostgreSQL would cut the rest.') : undefined),
          });
          return name === undefined ? undefined : { schema: 'public', name };
        },
        createTableFromQuery: async (query, table) => {
          const rows = await write((c) => createTableFromQuery(c, query, table));
          services.tree.refresh();
          return rows;
        },
        reveal: (statement) => {
          const range = new vscode.Range(this.document.positionAt(statement.start), this.document.positionAt(statement.end));
          // In the editor that shows the document, not in the results' group (where the click was).
          const shown = vscode.window.visibleTextEditors.find((e) => e.document === this.document);
          void vscode.window.showTextDocument(this.document, { selection: range, viewColumn: shown?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: true });
        },
      },
      runner,
      name,
      binding.workspaceName,
    );
  }

  /** Runs the statements once the panel's page is ready (a new panel loads first). */
  async run(statements: readonly PreparedStatement[], settings: RunSettings & { readonly explain?: boolean }): Promise<RunReport> {
    this.host.reveal();
    if (!(await this.ready)) {
      return { statements, outcome: 'cancelled' };
    }
    return this.controller.run(statements, settings, (offset) => this.document.positionAt(offset).line);
  }

  cancel(): Promise<void> {
    return this.controller.cancel();
  }

  reveal(): void {
    this.host.reveal();
  }

  dispose(): void {
    this.host.dispose();
  }
}

import * as vscode from 'vscode';
import type { WorkspaceSummary } from '../../postgres/workspace/catalogCalls';
import { previewToHostSchema, previewToWebviewSchema, type PreviewToHost, type PreviewToWebview } from '../../protocol/preview';
import { exportDialogs, panelBasics } from '../../platform/panels/panelBasics';
import { PanelHost, PanelRegistry } from '../../platform/panels/panelHost';
import type { Services } from '../../platform/services';
import type { SourceTable, WorkspaceSource } from '../../sources/workspaceSource';
import { PreviewController, type PreviewReader } from './previewController';

const SPEC = { viewType: 'openhexa.preview', app: 'preview', toHost: previewToHostSchema, toWebview: previewToWebviewSchema };

/** One table's preview in VS Code: the controller's logic over a panel, a PreviewSession, dialogs and notifications. */
export class PreviewPanel {
  private static readonly panels = new PanelRegistry<PreviewPanel>();
  private readonly host: PanelHost<PreviewToHost, PreviewToWebview>;
  private readonly controller: PreviewController;

  /**
   * The preview of a table of a workspace, whichever kind of server it is on
   * (the source says what reads it); a second click reveals the open tab.
   */
  static async open(services: Services, source: WorkspaceSource, table: SourceTable): Promise<PreviewPanel> {
    const key = `${source.key}/${table.schema}/${table.name}`;
    const open = PreviewPanel.panels.get(key);
    if (open) {
      open.reveal();
      return open;
    }
    const reader = await source.previewReader(table);
    // No await between the registry's check and the registration: two quick clicks open one tab (an unused reader holds nothing open).
    return PreviewPanel.panels.showOrCreate(key, () => new PreviewPanel(services, source.workspace, reader, key));
  }

  private constructor(services: Services, workspace: Pick<WorkspaceSummary, 'name'>, session: PreviewReader, key: string) {
    const title = session.schema === 'public' ? session.table : `${session.schema}.${session.table}`;
    this.host = new PanelHost(services.extensionUri, SPEC, vscode.l10n.t('Preview: {0}', title), services.log, (message) => this.controller.receive(message), () => {
      PreviewPanel.panels.forget(key);
      void this.controller.dispose();
    });
    this.controller = new PreviewController(
      {
        ...panelBasics(services, (message: Parameters<typeof this.host.post>[0]) => this.host.post(message)),
        showValue: (name, text, json) => services.values.show(name, text, json),
        ...exportDialogs(),
        neutralizeFormulas: () => vscode.workspace.getConfiguration('openhexa').get<boolean>('preview.neutralizeFormulas', false),
      },
      session,
      workspace.name,
      title,
    );
  }

  reveal(): void {
    this.host.reveal();
  }

  dispose(): void {
    this.host.dispose();
  }

  /** Closes every open preview (deactivation): their queries are cancelled. */
  static disposeAll(): void {
    PreviewPanel.panels.disposeAll();
  }
}

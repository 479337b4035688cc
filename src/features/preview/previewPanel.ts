import * as vscode from 'vscode';
import { profileKey, type ServerProfile } from '../../core/serverProfile';
import type { Login } from '../../postgres/connect';
import type { WorkspaceSummary } from '../../postgres/workspace/catalogCalls';
import type { TableInfo } from '../../postgres/workspace/tables';
import { previewToHostSchema, previewToWebviewSchema, type PreviewToHost, type PreviewToWebview } from '../../protocol/preview';
import { exportDialogs, panelBasics } from '../../platform/panels/panelBasics';
import { PanelHost, PanelRegistry } from '../../platform/panels/panelHost';
import type { Services } from '../../platform/services';
import { PreviewController, type PreviewReader } from './previewController';

const SPEC = { viewType: 'openhexa.preview', app: 'preview', toHost: previewToHostSchema, toWebview: previewToWebviewSchema };

/** One table's preview in VS Code: the controller's logic over a panel, a PreviewSession, dialogs and notifications. */
export class PreviewPanel {
  private static readonly panels = new PanelRegistry<PreviewPanel>();
  private readonly host: PanelHost<PreviewToHost, PreviewToWebview>;
  private readonly controller: PreviewController;

  static async show(services: Services, profile: ServerProfile, workspace: WorkspaceSummary, table: Pick<TableInfo, 'schema' | 'name'>): Promise<PreviewPanel> {
    const key = `${profileKey(profile)}/${workspace.slug}/${table.schema}/${table.name}`;
    // Read before the registry's check: no await between the check and the registration, so two quick clicks open one tab.
    const login = await services.sessions.login(profile, workspace.dbName);
    return PreviewPanel.panels.showOrCreate(key, () => new PreviewPanel(services, workspace, services.sessions.preview(login, table.schema, table.name), key));
  }

  /** A table reached with a login of its own (an OpenHEXA instance's read-only credentials), through the same pools and budget. */
  static showWithLogin(services: Services, key: string, workspace: Pick<WorkspaceSummary, 'name'>, login: Login, table: Pick<TableInfo, 'schema' | 'name'>): PreviewPanel {
    return PreviewPanel.panels.showOrCreate(key, () => new PreviewPanel(services, workspace, services.sessions.preview(login, table.schema, table.name), key));
  }

  /** A table read by another reader (OpenHEXA's API, for members without the database's credentials). */
  static showWithReader(services: Services, key: string, workspace: Pick<WorkspaceSummary, 'name'>, reader: PreviewReader): PreviewPanel {
    return PreviewPanel.panels.showOrCreate(key, () => new PreviewPanel(services, workspace, reader, key));
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

import * as vscode from 'vscode';
import type { ConnectionTypeId } from '../../../core/connections/types';
import { connectionFormToHostSchema, connectionFormToWebviewSchema, type ConnectionFormToHost, type ConnectionFormToWebview, type FormMode } from '../../../protocol/connectionForm';
import { userMessage } from '../../../platform/userMessage';
import { PanelHost, PanelRegistry } from '../../../platform/panels/panelHost';
import type { Services } from '../../../platform/services';
import type { WorkspaceSource } from '../../../sources/workspaceSource';
import { copyConnectionEnv } from '../copyConnectionEnv';
import { ConnectionFormController, type ConnectionFormDeps } from './connectionFormController';

const SPEC = { viewType: 'openhexa.connectionForm', app: 'connectionForm', toHost: connectionFormToHostSchema, toWebview: connectionFormToWebviewSchema };

export interface FormRequest {
  readonly mode: FormMode;
  /** The connection (edit, view). */
  readonly identifier?: string;
  readonly name?: string;
  readonly initialType?: ConnectionTypeId;
}

/** Where a form's connections live and how they are tested, from the workspace's source: all the controller needs but the panel itself. */
function formSource(services: Services, source: WorkspaceSource, request: FormRequest): Pick<ConnectionFormDeps, 'list' | 'fields' | 'values' | 'create' | 'update' | 'test' | 'copyEnv' | 'changeIdentifier'> {
  return {
    list: () => source.connections(),
    fields: (identifier) => source.connectionFields(identifier),
    values: (identifier, access) => source.connectionValues(identifier, access),
    create: (connection) => source.createConnection(connection),
    update: (identifier, edit) => source.updateConnection(identifier, edit),
    test: (type, values, signal) => source.testConnection(type, values, signal),
    copyEnv: (identifier) => copyConnectionEnv(services, source, { identifier, name: request.name ?? identifier }),
    changeIdentifier: (identifier) => source.changeConnectionIdentifier({ identifier, name: request.name ?? identifier }),
  };
}

/** The connection form in VS Code: the controller's logic over a panel, a source of connections, the testers and the clipboard. */
export class ConnectionFormPanel {
  private static readonly panels = new PanelRegistry<ConnectionFormPanel>();
  private readonly host: PanelHost<ConnectionFormToHost, ConnectionFormToWebview>;
  private readonly controller: ConnectionFormController;

  /**
   * The form on a workspace of either kind, as its rules allow: on a server,
   * viewers never get it, editors the read-only view, admins every mode; on
   * an instance, OpenHEXA's permissions say. One tab per connection and mode
   * (a second click reveals it); a new connection's form is one per workspace.
   */
  static show(services: Services, source: WorkspaceSource, request: FormRequest): ConnectionFormPanel {
    const refused = source.refusal(request.mode === 'view' ? 'viewConnection' : request.mode === 'create' ? 'createConnection' : 'editConnection', request.name ? { name: request.name } : undefined);
    if (refused) {
      throw new Error(refused);
    }
    const key = `${source.key}/${request.mode}/${request.identifier ?? ''}`;
    const canEdit = source.refusal('editConnection') === undefined;
    const edit = (identifier: string): unknown => ConnectionFormPanel.show(services, source, { mode: 'edit', identifier, ...(request.name ? { name: request.name } : {}) });
    return ConnectionFormPanel.panels.showOrCreate(key, () => new ConnectionFormPanel(services, key, source.workspace, request, formSource(services, source, request), canEdit, edit));
  }

  private constructor(services: Services, key: string, workspace: { readonly name: string; readonly slug: string }, request: FormRequest, source: ReturnType<typeof formSource>, canEdit: boolean, edit: (identifier: string) => unknown) {
    const { log } = services;
    const title =
      request.mode === 'create'
        ? vscode.l10n.t('New Connection: {0}', workspace.name)
        : request.mode === 'edit'
          ? vscode.l10n.t('Edit: {0}', request.name ?? request.identifier ?? '')
          : vscode.l10n.t('Connection: {0}', request.name ?? request.identifier ?? '');
    this.host = new PanelHost(services.extensionUri, SPEC, title, log, (message) => this.controller.receive(message), () => {
      ConnectionFormPanel.panels.forget(key);
      this.controller.dispose();
    });
    this.controller = new ConnectionFormController(
      {
        post: (message) => this.host.post(message),
        t: (text, ...args) => vscode.l10n.t(text, ...args),
        log,
        explain: userMessage,
        ...source,
        saved: ({ identifier, proposed, name, created }) => {
          services.tree.refresh();
          services.walkthrough.done('connection');
          void vscode.window.showInformationMessage(
            !created
              ? vscode.l10n.t('Saved "{0}".', name)
              : identifier === proposed
                ? vscode.l10n.t('Created "{0}" ({1}).', name, identifier)
                : vscode.l10n.t('Created "{0}" as {1}: the workspace already had {2}.', name, identifier, proposed),
          );
          this.dispose();
        },
        edit: (identifier) => {
          edit(identifier);
          this.dispose();
        },
        close: () => this.dispose(),
      },
      {
        mode: request.mode,
        workspace: { name: workspace.name, slug: workspace.slug },
        ...(request.identifier ? { identifier: request.identifier } : {}),
        ...(request.initialType ? { initialType: request.initialType } : {}),
        canEdit,
      },
    );
  }

  reveal(): void {
    this.host.reveal();
  }

  dispose(): void {
    this.host.dispose();
  }
}

import type { PoolClient } from 'pg';
import * as vscode from 'vscode';
import type { ConnectionTypeId } from '../../../core/connections/types';
import {
  connectionFields,
  connectionValues,
  createConnection,
  listConnections,
  updateConnection,
} from '../../../postgres/connections/connectionCalls';
import { connectionFormToHostSchema, connectionFormToWebviewSchema, type ConnectionFormToHost, type ConnectionFormToWebview, type FormMode } from '../../../protocol/connectionForm';
import type { WorkspaceRef } from '../../../platform/commands/pickers';
import { userMessage } from '../../../platform/userMessage';
import { PanelHost, PanelRegistry } from '../../../platform/panels/panelHost';
import type { Services } from '../../../platform/services';
import type { WorkspaceSource } from '../../../sources/workspaceSource';
import { testerFor } from '../../../testers';
import { askAndChangeIdentifier } from '../changeIdentifier';
import { ConnectionFormController, type ConnectionFormDeps } from './connectionFormController';

const SPEC = { viewType: 'openhexa.connectionForm', app: 'connectionForm', toHost: connectionFormToHostSchema, toWebview: connectionFormToWebviewSchema };

export interface FormRequest {
  readonly mode: FormMode;
  /** The connection (edit, view). */
  readonly identifier?: string;
  readonly name?: string;
  readonly initialType?: ConnectionTypeId;
}

/** Where a form's connections live and how they are tested: all the controller needs but the panel itself. */
export type FormSource = Pick<ConnectionFormDeps, 'list' | 'fields' | 'values' | 'create' | 'update' | 'test' | 'copyEnv' | 'changeIdentifier'>;

/** A server's catalog, through the member's own login; the product's testers, run on this computer. */
export function catalogFormSource(services: Services, ref: WorkspaceRef, request: FormRequest): FormSource {
  const { profile, workspace } = ref;
  const slug = workspace.slug;
  const catalog = <T>(run: (client: PoolClient) => Promise<T>): Promise<T> => services.sessions.catalog(profile, run);
  return {
    list: () => catalog((c) => listConnections(c, slug)),
    fields: (identifier) => catalog((c) => connectionFields(c, slug, identifier)),
    values: (identifier, access) => catalog((c) => connectionValues(c, slug, identifier, access)),
    create: (connection) => catalog((c) => createConnection(c, slug, connection)),
    update: (identifier, edit) => catalog((c) => updateConnection(c, slug, identifier, edit)),
    test: async (type, values, signal) => {
      const tester = testerFor(type);
      return tester ? tester(values, { signal }) : undefined;
    },
    // The command says what it copied, or what went wrong.
    copyEnv: async (identifier) => void (await vscode.commands.executeCommand('openhexa.copyConnectionEnv', { server: profile, slug, identifier })),
    changeIdentifier: (identifier) => askAndChangeIdentifier(services, ref, { identifier, name: request.name ?? identifier }),
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
    return ConnectionFormPanel.panels.showOrCreate(key, () => new ConnectionFormPanel(services, key, source.workspace, request, source.connectionForm(request), canEdit, edit));
  }

  private constructor(services: Services, key: string, workspace: { readonly name: string; readonly slug: string }, request: FormRequest, source: FormSource, canEdit: boolean, edit: (identifier: string) => unknown) {
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

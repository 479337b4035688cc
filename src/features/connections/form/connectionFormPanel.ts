import type { PoolClient } from 'pg';
import * as vscode from 'vscode';
import type { ConnectionTypeId } from '../../../core/connections/types';
import { may } from '../../../core/roles';
import { profileKey } from '../../../core/serverProfile';
import {
  connectionFields,
  connectionValues,
  createConnection,
  listConnections,
  updateConnection,
} from '../../../postgres/connections/connectionCalls';
import { connectionFormToHostSchema, connectionFormToWebviewSchema, type ConnectionFormToHost, type ConnectionFormToWebview, type FormMode } from '../../../protocol/connectionForm';
import type { WorkspaceRef } from '../../../platform/commands/pickers';
import { roleLabel } from '../../../platform/format';
import { userMessage } from '../../../platform/userMessage';
import { PanelHost, PanelRegistry } from '../../../platform/panels/panelHost';
import type { Services } from '../../../platform/services';
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

/** Says what a role may not do here, naming who can. */
function refuse(ref: WorkspaceRef, mode: FormMode): never {
  const role = roleLabel(ref.workspace.role);
  throw new Error(
    mode === 'view'
      ? vscode.l10n.t("As a {0} of \"{1}\" you see the workspace's connections but not their values. Ask a workspace admin for the Editor role.", role, ref.workspace.name)
      : vscode.l10n.t('As a {0} of "{1}" you cannot create or edit its connections: workspace admins do.', role, ref.workspace.name),
  );
}

/** Where a form's connections live and how they are tested: all the controller needs but the panel itself. */
export type FormSource = Pick<ConnectionFormDeps, 'list' | 'fields' | 'values' | 'create' | 'update' | 'test' | 'copyEnv' | 'changeIdentifier'>;

/** A server's catalog, through the member's own login; the product's testers, run on this computer. */
function catalogSource(services: Services, ref: WorkspaceRef, request: FormRequest): FormSource {
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

  /** Viewers never get the form; editors get the read-only view; admins every mode. */
  static show(services: Services, ref: WorkspaceRef, request: FormRequest): ConnectionFormPanel {
    const allowed = request.mode === 'view' ? may(ref.workspace.role, 'useConnection') : may(ref.workspace.role, 'manageConnections');
    if (!allowed) {
      refuse(ref, request.mode);
    }
    // One tab per connection and mode (a second click reveals it); a new connection's form is one per workspace.
    const key = `${profileKey(ref.profile)}/${ref.workspace.slug}/${request.mode}/${request.identifier ?? ''}`;
    return ConnectionFormPanel.open(services, key, ref.workspace, request, catalogSource(services, ref, request), may(ref.workspace.role, 'manageConnections'), (identifier) =>
      ConnectionFormPanel.show(services, ref, { mode: 'edit', identifier, ...(request.name ? { name: request.name } : {}) }),
    );
  }

  /**
   * The form over any source of connections (a server's catalog, an OpenHEXA
   * instance): `key` names its tab, `edit` opens the same connection for
   * editing, `canEdit` is what the source's rules allow the user.
   */
  static open(services: Services, key: string, workspace: { readonly name: string; readonly slug: string }, request: FormRequest, source: FormSource, canEdit: boolean, edit: (identifier: string) => void): ConnectionFormPanel {
    return ConnectionFormPanel.panels.showOrCreate(key, () => new ConnectionFormPanel(services, key, workspace, request, source, canEdit, edit));
  }

  private constructor(services: Services, key: string, workspace: { readonly name: string; readonly slug: string }, request: FormRequest, source: FormSource, canEdit: boolean, edit: (identifier: string) => void) {
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

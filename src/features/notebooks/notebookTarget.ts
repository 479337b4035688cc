import * as vscode from 'vscode';
import { may } from '../../core/roles';
import { listConnections, type ConnectionSummary } from '../../postgres/connections/connectionCalls';
import type { TableInfo } from '../../postgres/workspace/tables';
import { resolveWorkspace, type WorkspaceRef } from '../../platform/commands/pickers';
import type { Services } from '../../platform/services';
import { asConnectionNode } from '../connections/nodes/connectionNode';
import { connectionNamed } from '../connections/resolveConnection';

/** What a notebook command is about: the workspace database (or one of its tables), or one connection. */
export type NotebookTarget =
  | (WorkspaceRef & { readonly what: 'database'; readonly table?: { readonly schema: string; readonly name: string } })
  | (WorkspaceRef & { readonly what: 'connection'; readonly connection: ConnectionSummary });

function kindOf(arg: unknown): string | undefined {
  return arg && typeof arg === 'object' && typeof (arg as { kind?: unknown }).kind === 'string' ? (arg as { kind: string }).kind : undefined;
}

/** Refuses a viewer up front (the server would refuse the credentials anyway), saying what to ask for. */
export function requireCredentials(ref: WorkspaceRef): void {
  if (!may(ref.workspace.role, 'seeCredentials')) {
    throw new Error(vscode.l10n.t('Viewers of "{0}" cannot read its credentials or connections\' values, so notebooks cannot use them: ask an admin of the workspace for the editor role.', ref.workspace.name));
  }
}

/**
 * The target of a tree item (Database, table, connection), of
 * `{ server, slug, identifier | table, schema }`, or picked: the database
 * first, then each connection.
 */
export async function resolveNotebookTarget(services: Services, arg: unknown, title: string): Promise<NotebookTarget | undefined> {
  const connectionNode = asConnectionNode(arg);
  if (connectionNode) {
    return { profile: connectionNode.profile, workspace: connectionNode.workspace, what: 'connection', connection: connectionNode.connection };
  }
  const kind = kindOf(arg);
  const ref = await resolveWorkspace(services, arg, title);
  if (!ref) {
    return undefined;
  }
  if (kind === 'table') {
    const table = (arg as { table: TableInfo }).table;
    return { ...ref, what: 'database', table: { schema: table.schema, name: table.name } };
  }
  if (kind === 'database') {
    return { ...ref, what: 'database' };
  }
  const given = arg && typeof arg === 'object' ? (arg as { identifier?: unknown; table?: unknown; schema?: unknown }) : {};
  if (typeof given.table === 'string') {
    return { ...ref, what: 'database', table: { schema: typeof given.schema === 'string' ? given.schema : 'public', name: given.table } };
  }
  const connections = await services.sessions.catalog(ref.profile, (c) => listConnections(c, ref.workspace.slug));
  if (typeof given.identifier === 'string') {
    return { ...ref, what: 'connection', connection: connectionNamed(connections, ref.workspace.name, given.identifier) };
  }
  if (kind !== 'connections' && connections.length === 0) {
    return { ...ref, what: 'database' };
  }
  const picked = await vscode.window.showQuickPick(
    [
      ...(kind === 'connections' ? [] : [{ label: vscode.l10n.t('Workspace database'), description: ref.workspace.dbName, iconPath: new vscode.ThemeIcon('database'), target: { ...ref, what: 'database' as const } }]),
      ...connections.map((connection) => ({ label: connection.name, description: connection.identifier, iconPath: new vscode.ThemeIcon('plug'), target: { ...ref, what: 'connection' as const, connection } })),
    ],
    { title, placeHolder: vscode.l10n.t('Choose what the notebook reads') },
  );
  return picked?.target;
}

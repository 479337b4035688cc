import * as vscode from 'vscode';
import { listConnections, type ConnectionSummary } from '../../postgres/connections/connectionCalls';
import { resolveWorkspace, type WorkspaceRef } from '../../platform/commands/pickers';
import type { Services } from '../../platform/services';
import { asConnectionNode } from './nodes/connectionNode';

export interface ConnectionRef extends WorkspaceRef {
  readonly connection: ConnectionSummary;
}

/** A connection from its tree node, from `{ server, slug, identifier }`, or picked. */
export async function resolveConnection(services: Services, arg: unknown, title: string): Promise<ConnectionRef | undefined> {
  const node = asConnectionNode(arg);
  if (node) {
    return node;
  }
  const ref = await resolveWorkspace(services, arg, title);
  if (!ref) {
    return undefined;
  }
  const connections = await services.sessions.catalog(ref.profile, (c) => listConnections(c, ref.workspace.slug));
  const identifier = arg && typeof arg === 'object' ? (arg as { identifier?: unknown }).identifier : undefined;
  if (typeof identifier === 'string') {
    return { ...ref, connection: connectionNamed(connections, ref.workspace.name, identifier) };
  }
  if (connections.length === 0) {
    throw new Error(vscode.l10n.t('The workspace "{0}" has no connections yet.', ref.workspace.name));
  }
  const picked = await vscode.window.showQuickPick(
    connections.map((connection) => ({ label: connection.name, description: connection.identifier, connection })),
    { title, placeHolder: vscode.l10n.t('Choose a connection') },
  );
  return picked ? { ...ref, connection: picked.connection } : undefined;
}

/** The workspace's connection of this identifier, or an error that names both. */
export function connectionNamed(connections: readonly ConnectionSummary[], workspaceName: string, identifier: string): ConnectionSummary {
  const found = connections.find((c) => c.identifier === identifier);
  if (!found) {
    throw new Error(vscode.l10n.t('The workspace "{0}" has no connection "{1}".', workspaceName, identifier));
  }
  return found;
}

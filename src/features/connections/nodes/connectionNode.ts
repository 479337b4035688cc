import * as vscode from 'vscode';
import { labelled } from '../../../platform/format';
import { CONNECTION_TYPES } from '../../../core/connections/types';
import { may } from '../../../core/roles';
import { profileKey, type ServerProfile } from '../../../core/serverProfile';
import type { ConnectionSummary } from '../../../postgres/connections/connectionCalls';
import type { WorkspaceSummary } from '../../../postgres/workspace/catalogCalls';
import type { NodeDef } from '../../../platform/tree/nodeDef';
import { contextValue } from '../../../platform/tree/contextValues';

/** One connection: its type's icon, name, and type and identifier as description. */
export interface ConnectionNode {
  readonly kind: 'connection';
  readonly profile: ServerProfile;
  readonly workspace: WorkspaceSummary;
  readonly connection: ConnectionSummary;
}

const ICONS: Record<ConnectionSummary['type'], string> = { postgresql: 'database', dhis2: 'pulse', iaso: 'location', s3: 'archive', gcs: 'cloud', custom: 'symbol-key' };

/** A connection's icon in the tree, by its type, on either kind of server. */
export function connectionIcon(type: ConnectionSummary['type']): vscode.ThemeIcon {
  return new vscode.ThemeIcon(ICONS[type]);
}

export const connectionNode: NodeDef<ConnectionNode> = {
  kind: 'connection',
  item(node) {
    const { connection } = node;
    const item = new vscode.TreeItem(connection.name, vscode.TreeItemCollapsibleState.None);
    item.id = `connection:${profileKey(node.profile)}:${node.workspace.slug}:${connection.identifier}`;
    const type = CONNECTION_TYPES[connection.type].label;
    item.description = `${type} · ${connection.identifier}`;
    item.tooltip = [connection.name, labelled(vscode.l10n.t('Type'), type), labelled(vscode.l10n.t('Identifier'), connection.identifier), ...(connection.description ? ['', connection.description] : [])].join('\n');
    item.iconPath = connectionIcon(connection.type);
    // Menus match on the role: open, copy and test for editors and admins; edit and delete for admins.
    item.contextValue = contextValue.connection(node.workspace.role);
    if (may(node.workspace.role, 'useConnection')) {
      item.command = { command: 'openhexa.openConnection', title: vscode.l10n.t('Open Connection'), arguments: [node] };
    }
    return item;
  },
};

import * as vscode from 'vscode';
import { CONNECTION_TYPES } from '../../../core/connections/types';
import { labelled } from '../../../platform/format';
import { contextValue } from '../../../platform/tree/contextValues';
import type { NodeDef } from '../../../platform/tree/nodeDef';
import type { SourceConnection, WorkspaceSource } from '../../../sources/workspaceSource';

/** One connection: its type's icon, name, and type and identifier as description; its menu follows what the source's rules allow on it. */
export interface ConnectionNode {
  readonly kind: 'connection';
  readonly source: WorkspaceSource;
  readonly connection: SourceConnection;
}

const ICONS: Record<SourceConnection['type'], string> = { postgresql: 'database', dhis2: 'pulse', iaso: 'location', s3: 'archive', gcs: 'cloud', custom: 'symbol-key' };

export const connectionNode: NodeDef<ConnectionNode> = {
  kind: 'connection',
  item(node) {
    const { source, connection } = node;
    const item = new vscode.TreeItem(connection.name, vscode.TreeItemCollapsibleState.None);
    item.id = `connection:${source.key}:${connection.identifier}`;
    const type = CONNECTION_TYPES[connection.type].label;
    item.description = `${type} · ${connection.identifier}`;
    item.tooltip = [connection.name, labelled(vscode.l10n.t('Type'), type), labelled(vscode.l10n.t('Identifier'), connection.identifier), ...(connection.description ? ['', connection.description] : [])].join('\n');
    item.iconPath = new vscode.ThemeIcon(ICONS[connection.type]);
    const allows = (need: 'viewConnection' | 'editConnection' | 'deleteConnection' | 'changeIdentifier'): boolean => source.refusal(need, connection) === undefined;
    item.contextValue = contextValue.connection({ view: allows('viewConnection'), edit: allows('editConnection'), delete: allows('deleteConnection'), rename: allows('changeIdentifier') });
    if (allows('viewConnection')) {
      item.command = { command: 'openhexa.openConnection', title: vscode.l10n.t('Open Connection'), arguments: [node] };
    }
    return item;
  },
};

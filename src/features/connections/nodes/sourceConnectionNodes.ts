import * as vscode from 'vscode';
import { CONNECTION_TYPES } from '../../../core/connections/types';
import { labelled } from '../../../platform/format';
import { guard } from '../../../platform/tree/explain';
import { contextValue } from '../../../platform/tree/contextValues';
import type { NodeDef } from '../../../platform/tree/nodeDef';
import type { SourceConnection, ListedSource } from '../../../sources/workspaceSource';
import type { TreeNode } from '../../nodeKinds';
import { connectionIcon } from './connectionNode';

// A workspace's connections over its WorkspaceSource, whichever kind of
// server keeps them; menus follow what the source's rules allow, per
// connection where the kind has permissions of its own.

export interface SourceConnectionsNode {
  readonly kind: 'sourceConnections';
  readonly source: ListedSource;
}

export interface SourceConnectionNode {
  readonly kind: 'sourceConnection';
  readonly source: ListedSource;
  readonly connection: SourceConnection;
}

export const sourceConnectionsNode: NodeDef<SourceConnectionsNode> = {
  kind: 'sourceConnections',
  item({ source }) {
    const item = new vscode.TreeItem(vscode.l10n.t('Connections'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `sourceConnections:${source.key}`;
    item.iconPath = new vscode.ThemeIcon('plug');
    item.tooltip = vscode.l10n.t('Credentials of the external systems this workspace uses (PostgreSQL, DHIS2, IASO, S3, GCS, custom)');
    item.contextValue = contextValue.sourceConnections(source.refusal('createConnection') === undefined);
    return item;
  },
  children({ source }, ctx) {
    return guard(ctx, async (): Promise<TreeNode[]> => {
      // Listed without any value.
      const connections = await source.connections();
      if (connections.length > 0) {
        return connections.map((connection) => ({ kind: 'sourceConnection', source, connection }));
      }
      const tooltip = source.refusal('createConnection') === undefined ? vscode.l10n.t('Add one with New Connection (the + on this node): PostgreSQL, DHIS2, IASO, S3, GCS or custom.') : undefined;
      return [{ kind: 'message', text: vscode.l10n.t('No connections yet'), ...(tooltip ? { tooltip } : {}) }];
    });
  },
};

export const sourceConnectionNode: NodeDef<SourceConnectionNode> = {
  kind: 'sourceConnection',
  item(node) {
    const { source, connection } = node;
    const item = new vscode.TreeItem(connection.name, vscode.TreeItemCollapsibleState.None);
    item.id = `sourceConnection:${source.key}:${connection.identifier}`;
    const type = CONNECTION_TYPES[connection.type].label;
    item.description = `${type} · ${connection.identifier}`;
    item.tooltip = [connection.name, labelled(vscode.l10n.t('Type'), type), labelled(vscode.l10n.t('Identifier'), connection.identifier), ...(connection.description ? ['', connection.description] : [])].join('\n');
    item.iconPath = connectionIcon(connection.type);
    item.contextValue = contextValue.sourceConnection(source.refusal('editConnection', connection) === undefined);
    if (source.refusal('viewConnection', connection) === undefined) {
      item.command = { command: 'openhexa.openConnection', title: vscode.l10n.t('Open Connection'), arguments: [node] };
    }
    return item;
  },
};

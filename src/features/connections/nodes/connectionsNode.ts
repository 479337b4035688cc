import * as vscode from 'vscode';
import { guard } from '../../../platform/tree/explain';
import { contextValue } from '../../../platform/tree/contextValues';
import type { NodeDef } from '../../../platform/tree/nodeDef';
import type { WorkspaceSource } from '../../../sources/workspaceSource';
import type { TreeNode } from '../../nodeKinds';

/** A workspace's connections, whichever kind of server keeps them (every member sees the list; values as the source's rules allow). */
export interface ConnectionsNode {
  readonly kind: 'connections';
  readonly source: WorkspaceSource;
}

export const connectionsNode: NodeDef<ConnectionsNode> = {
  kind: 'connections',
  item({ source }) {
    const item = new vscode.TreeItem(vscode.l10n.t('Connections'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `connections:${source.key}`;
    item.iconPath = new vscode.ThemeIcon('plug');
    item.tooltip = vscode.l10n.t('Credentials of the external systems this workspace uses (PostgreSQL, DHIS2, IASO, S3, GCS, custom)');
    item.contextValue = contextValue.connections({ create: source.refusal('createConnection') === undefined, env: source.refusal('seeCredentials') === undefined });
    return item;
  },
  children({ source }, ctx) {
    return guard(ctx, async (): Promise<TreeNode[]> => {
      // Listed without any value, with each connection's own permissions where the kind has them.
      const connections = await source.connections();
      if (connections.length > 0) {
        return connections.map((connection) => ({ kind: 'connection', source, connection }));
      }
      const refused = source.refusal('createConnection');
      const tooltip = refused ?? vscode.l10n.t('Add one with New Connection (the + on this node): PostgreSQL, DHIS2, IASO, S3, GCS or custom.');
      return [{ kind: 'message', text: vscode.l10n.t('No connections yet'), tooltip }];
    });
  },
};

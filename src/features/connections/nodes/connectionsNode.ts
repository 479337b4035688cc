import * as vscode from 'vscode';
import { may } from '../../../core/roles';
import { profileKey, type ServerProfile } from '../../../core/serverProfile';
import { listConnections } from '../../../postgres/connections/connectionCalls';
import type { WorkspaceSummary } from '../../../postgres/workspace/catalogCalls';
import { guard } from '../../../platform/tree/explain';
import type { NodeDef } from '../../../platform/tree/nodeDef';
import type { TreeNode } from '../../nodeKinds';
import { contextValue } from '../../../platform/tree/contextValues';

/** The workspace's connections (every member sees the list; values are for editors and admins). */
export interface ConnectionsNode {
  readonly kind: 'connections';
  readonly profile: ServerProfile;
  readonly workspace: WorkspaceSummary;
}

export const connectionsNode: NodeDef<ConnectionsNode> = {
  kind: 'connections',
  item(node) {
    const item = new vscode.TreeItem(vscode.l10n.t('Connections'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `connections:${profileKey(node.profile)}:${node.workspace.slug}`;
    item.iconPath = new vscode.ThemeIcon('plug');
    item.tooltip = vscode.l10n.t('Credentials of the external systems this workspace uses (PostgreSQL, DHIS2, IASO, S3, GCS, custom)');
    item.contextValue = contextValue.connections(node.workspace.role);
    return item;
  },
  children({ profile, workspace }, ctx) {
    return guard(ctx, async (): Promise<TreeNode[]> => {
      const connections = await ctx.sessions.catalog(profile, (c) => listConnections(c, workspace.slug));
      if (connections.length > 0) {
        return connections.map((connection) => ({ kind: 'connection', profile, workspace, connection }));
      }
      const text = vscode.l10n.t('No connections yet');
      const tooltip = may(workspace.role, 'manageConnections')
        ? vscode.l10n.t('Add one with New Connection (the + on this node): PostgreSQL, DHIS2, IASO, S3, GCS or custom.')
        : vscode.l10n.t("The workspace's admins add connections; you will see them here.");
      return [{ kind: 'message', text, tooltip }];
    });
  },
};

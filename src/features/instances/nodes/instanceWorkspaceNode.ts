import * as vscode from 'vscode';
import type { InstanceWorkspace } from '../../../openhexa/instanceCalls';
import type { InstanceProfile } from '../../../platform/instances';
import { roleLabel } from '../../../platform/format';
import { contextValue } from '../../../platform/tree/contextValues';
import type { NodeDef } from '../../../platform/tree/nodeDef';
import type { TreeNode } from '../../nodeKinds';

/** A workspace of an OpenHEXA instance: its database, its connections, and its members for admins. */
export interface InstanceWorkspaceNode {
  readonly kind: 'instanceWorkspace';
  readonly profile: InstanceProfile;
  readonly workspace: InstanceWorkspace;
}

export const instanceWorkspaceNode: NodeDef<InstanceWorkspaceNode> = {
  kind: 'instanceWorkspace',
  item({ profile, workspace }) {
    const item = new vscode.TreeItem(workspace.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `instanceWorkspace:${profile.server}:${workspace.slug}`;
    item.description = roleLabel(workspace.role);
    item.tooltip = [workspace.name, vscode.l10n.t('Identifier: {0}', workspace.slug), vscode.l10n.t('Your role: {0}', roleLabel(workspace.role))].join('\n');
    item.iconPath = new vscode.ThemeIcon('folder-library');
    item.contextValue = contextValue.instanceWorkspace(workspace.role);
    return item;
  },
  children({ profile, workspace }) {
    const nodes: TreeNode[] = [
      { kind: 'instanceDatabase', profile, workspace },
      { kind: 'instanceConnections', profile, workspace },
    ];
    if (workspace.may.manageMembers) {
      nodes.push({ kind: 'instanceMembers', profile, workspace });
    }
    return Promise.resolve(nodes);
  },
};

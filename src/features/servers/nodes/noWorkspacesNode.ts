import * as vscode from 'vscode';
import type { ServerProfile } from '../../../core/serverProfile';
import type { NodeDef } from '../../../platform/tree/nodeDef';

/** The empty state of a server: create one (platform admins), or ask to be added. */
export interface NoWorkspacesNode {
  readonly kind: 'noWorkspaces';
  readonly profile: ServerProfile;
  readonly platformAdmin: boolean;
}

export const noWorkspacesNode: NodeDef<NoWorkspacesNode> = {
  kind: 'noWorkspaces',
  item(node) {
    const item = new vscode.TreeItem(
      node.platformAdmin ? vscode.l10n.t('No workspaces yet: create one…') : vscode.l10n.t('You are not a member of any workspace yet'),
      vscode.TreeItemCollapsibleState.None,
    );
    item.iconPath = new vscode.ThemeIcon(node.platformAdmin ? 'add' : 'info');
    if (node.platformAdmin) {
      item.command = { command: 'openhexa.createWorkspace', title: vscode.l10n.t('Create Workspace'), arguments: [node] };
    } else {
      item.tooltip = vscode.l10n.t('Ask a workspace admin to add your login ({0}) as a member.', node.profile.user);
    }
    return item;
  },
};

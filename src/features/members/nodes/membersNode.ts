import * as vscode from 'vscode';
import { profileKey, type ServerProfile } from '../../../core/serverProfile';
import { listMembers, type WorkspaceSummary } from '../../../postgres/workspace/catalogCalls';
import { guard } from '../../../platform/tree/explain';
import type { NodeDef } from '../../../platform/tree/nodeDef';
import type { TreeNode } from '../../nodeKinds';
import { contextValue } from '../../../platform/tree/contextValues';

/** The workspace's members (admins only): everyone with a role there, the current login included. */
export interface MembersNode {
  readonly kind: 'members';
  readonly profile: ServerProfile;
  readonly workspace: WorkspaceSummary;
  readonly platformAdmin: boolean;
}

export const membersNode: NodeDef<MembersNode> = {
  kind: 'members',
  item(node) {
    const item = new vscode.TreeItem(vscode.l10n.t('Members'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `members:${profileKey(node.profile)}:${node.workspace.slug}`;
    item.iconPath = new vscode.ThemeIcon('organization');
    item.contextValue = contextValue.members();
    return item;
  },
  children({ profile, workspace, platformAdmin }, ctx) {
    return guard(ctx, async () => {
      const members = await ctx.sessions.catalog(profile, (c) => listMembers(c, workspace.slug));
      const you = members.find((m) => m.login === profile.user);
      const nodes: TreeNode[] = members.map((member) => ({ kind: 'member', profile, workspace, member, you: member === you }));
      if (!you) {
        // A platform admin reaches every workspace without being a member: still say who "you" are.
        nodes.unshift({ kind: 'member', profile, workspace, member: { login: profile.user, role: workspace.role, since: undefined }, you: true, platformAdmin });
      }
      return nodes;
    });
  },
};

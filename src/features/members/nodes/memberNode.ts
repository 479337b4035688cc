import * as vscode from 'vscode';
import { profileKey, type ServerProfile } from '../../../core/serverProfile';
import type { Member, WorkspaceSummary } from '../../../postgres/workspace/catalogCalls';
import { roleLabel } from '../../../platform/format';
import type { NodeDef } from '../../../platform/tree/nodeDef';
import { contextValue } from '../../../platform/tree/contextValues';

/** A member and their role. The current login is marked, and has no actions on itself. */
export interface MemberNode {
  readonly kind: 'member';
  readonly profile: ServerProfile;
  readonly workspace: WorkspaceSummary;
  readonly member: Omit<Member, 'since'> & { readonly since: Date | undefined };
  readonly you: boolean;
  /** The current login reaches this workspace as a platform admin, not as a member. */
  readonly platformAdmin?: boolean;
}

export const memberNode: NodeDef<MemberNode> = {
  kind: 'member',
  item(node) {
    const item = new vscode.TreeItem(node.member.login, vscode.TreeItemCollapsibleState.None);
    item.id = `member:${profileKey(node.profile)}:${node.workspace.slug}:${node.member.login}`;
    const role = roleLabel(node.member.role);
    item.description = node.you ? (node.platformAdmin ? vscode.l10n.t('{0} · you, as platform admin', role) : vscode.l10n.t('{0} · you', role)) : role;
    item.iconPath = new vscode.ThemeIcon(node.you ? 'account' : 'person');
    // Members change others' roles; their own would lock them out of the actions they use.
    item.contextValue = contextValue.member(node.you);
    return item;
  },
};

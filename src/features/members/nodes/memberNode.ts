import * as vscode from 'vscode';
import { roleLabel } from '../../../platform/format';
import type { NodeDef } from '../../../platform/tree/nodeDef';
import { contextValue } from '../../../platform/tree/contextValues';
import type { SourceMember, WorkspaceSource } from '../../../sources/workspaceSource';

/** A member and their role. The current user is marked, and has no actions on themselves (they would lock themselves out). */
export interface MemberNode {
  readonly kind: 'member';
  readonly source: WorkspaceSource;
  readonly member: SourceMember;
}

export const memberNode: NodeDef<MemberNode> = {
  kind: 'member',
  item({ source, member }) {
    const item = new vscode.TreeItem(member.name, vscode.TreeItemCollapsibleState.None);
    // Named by what is unique where the workspace lives: an instance's display names may repeat, its emails do not.
    item.id = `member:${source.key}:${member.email ?? member.name}`;
    const role = roleLabel(member.role);
    item.description = member.you ? (member.platformAdmin ? vscode.l10n.t('{0} · you, as platform admin', role) : vscode.l10n.t('{0} · you', role)) : role;
    if (member.email) {
      item.tooltip = `${member.name} <${member.email}>`;
    }
    item.iconPath = new vscode.ThemeIcon(member.you ? 'account' : 'person');
    item.contextValue = contextValue.member(!member.you && source.refusal('manageMembers') === undefined);
    return item;
  },
};

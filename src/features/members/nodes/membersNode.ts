import * as vscode from 'vscode';
import { guard } from '../../../platform/tree/explain';
import type { NodeDef } from '../../../platform/tree/nodeDef';
import { contextValue } from '../../../platform/tree/contextValues';
import type { WorkspaceSource } from '../../../sources/workspaceSource';
import type { TreeNode } from '../../nodeKinds';

/** The workspace's members, the current user included, where the source lets the user list them; managed here where its rules allow. */
export interface MembersNode {
  readonly kind: 'members';
  readonly source: WorkspaceSource;
}

export const membersNode: NodeDef<MembersNode> = {
  kind: 'members',
  item({ source }) {
    const item = new vscode.TreeItem(vscode.l10n.t('Members'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `members:${source.key}`;
    item.iconPath = new vscode.ThemeIcon('organization');
    const refused = source.refusal('manageMembers');
    if (refused) {
      item.tooltip = refused;
    }
    item.contextValue = contextValue.members(refused === undefined);
    return item;
  },
  children({ source }, ctx) {
    return guard(ctx, async () => (await source.members()).map((member): TreeNode => ({ kind: 'member', source, member })));
  },
};

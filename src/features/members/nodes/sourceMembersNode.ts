import * as vscode from 'vscode';
import { roleLabel } from '../../../platform/format';
import { guard } from '../../../platform/tree/explain';
import type { NodeDef } from '../../../platform/tree/nodeDef';
import type { ListedSource } from '../../../sources/workspaceSource';
import type { TreeNode } from '../../nodeKinds';

/** A workspace's members over its WorkspaceSource, read-only here (they are managed where the workspace lives: an OpenHEXA instance's on its own pages). */
export interface SourceMembersNode {
  readonly kind: 'sourceMembers';
  readonly source: ListedSource;
}

export const sourceMembersNode: NodeDef<SourceMembersNode> = {
  kind: 'sourceMembers',
  item({ source }) {
    const item = new vscode.TreeItem(vscode.l10n.t('Members'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `sourceMembers:${source.key}`;
    item.iconPath = new vscode.ThemeIcon('organization');
    item.tooltip = vscode.l10n.t('Read-only here: members are managed at {0}', source.where);
    return item;
  },
  children({ source }, ctx) {
    return guard(ctx, async () =>
      (await source.members()).map(
        (m): TreeNode => ({
          kind: 'message',
          text: m.name,
          ...(m.email ? { tooltip: `${m.name} <${m.email}>` } : {}),
          icon: m.you ? 'account' : 'person',
          description: m.you ? vscode.l10n.t('{0} · you', roleLabel(m.role)) : roleLabel(m.role),
        }),
      ),
    );
  },
};

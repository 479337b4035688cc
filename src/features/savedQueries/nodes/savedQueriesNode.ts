import * as vscode from 'vscode';
import { profileKey, type ServerProfile } from '../../../core/serverProfile';
import { listSavedQueries } from '../../../postgres/savedQueries/savedQueryCalls';
import type { WorkspaceSummary } from '../../../postgres/workspace/catalogCalls';
import { contextValue } from '../../../platform/tree/contextValues';
import { guard } from '../../../platform/tree/explain';
import type { NodeDef } from '../../../platform/tree/nodeDef';
import type { TreeNode } from '../../nodeKinds';

/** The workspace's saved queries: the shared ones and the member's own. */
export interface SavedQueriesNode {
  readonly kind: 'savedQueries';
  readonly profile: ServerProfile;
  readonly workspace: WorkspaceSummary;
}

export const savedQueriesNode: NodeDef<SavedQueriesNode> = {
  kind: 'savedQueries',
  item(node) {
    const item = new vscode.TreeItem(vscode.l10n.t('Queries'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `savedQueries:${profileKey(node.profile)}:${node.workspace.slug}`;
    item.iconPath = new vscode.ThemeIcon('file-code');
    item.tooltip = vscode.l10n.t("Saved queries: the ones shared with the workspace, and your own private ones");
    item.contextValue = contextValue.savedQueries();
    return item;
  },
  children({ profile, workspace }, ctx) {
    return guard(ctx, async (): Promise<TreeNode[]> => {
      const queries = await ctx.sessions.catalog(profile, (c) => listSavedQueries(c, workspace.slug));
      if (queries.length > 0) {
        return queries.map((query) => ({ kind: 'savedQuery', profile, workspace, query }));
      }
      return [
        {
          kind: 'message',
          text: vscode.l10n.t('No saved queries yet'),
          tooltip: vscode.l10n.t('Write a query in a New Query document and save it (Ctrl+S): private to you, or shared with the workspace.'),
          command: { command: 'openhexa.newQuery', title: vscode.l10n.t('New Query'), arguments: [{ kind: 'savedQueries', profile, workspace }] },
        },
      ];
    });
  },
};

import * as vscode from 'vscode';
import { contextValue } from '../../../platform/tree/contextValues';
import { guard } from '../../../platform/tree/explain';
import type { NodeDef } from '../../../platform/tree/nodeDef';
import type { WorkspaceSource } from '../../../sources/workspaceSource';
import type { TreeNode } from '../../nodeKinds';

/** The workspace's saved queries: the shared ones and the member's own (where the source keeps them: a server's catalog). */
export interface SavedQueriesNode {
  readonly kind: 'savedQueries';
  readonly source: WorkspaceSource;
}

export const savedQueriesNode: NodeDef<SavedQueriesNode> = {
  kind: 'savedQueries',
  item({ source }) {
    const item = new vscode.TreeItem(vscode.l10n.t('Queries'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `savedQueries:${source.key}`;
    item.iconPath = new vscode.ThemeIcon('file-code');
    item.tooltip = vscode.l10n.t("Saved queries: the ones shared with the workspace, and your own private ones");
    item.contextValue = contextValue.savedQueries();
    return item;
  },
  children(node, ctx) {
    const { source } = node;
    return guard(ctx, async (): Promise<TreeNode[]> => {
      const queries = await source.savedQueries();
      if (queries.length > 0) {
        return queries.map((query) => ({ kind: 'savedQuery', source, query }));
      }
      return [
        {
          kind: 'message',
          text: vscode.l10n.t('No saved queries yet'),
          tooltip: vscode.l10n.t('Write a query in a New Query document and save it (Ctrl+S): private to you, or shared with the workspace.'),
          command: { command: 'openhexa.newQuery', title: vscode.l10n.t('New Query'), arguments: [node] },
        },
      ];
    });
  },
};

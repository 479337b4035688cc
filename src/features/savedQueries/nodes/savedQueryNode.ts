import * as vscode from 'vscode';
import type { SavedQuerySummary } from '../../../postgres/savedQueries/savedQueryCalls';
import { labelled } from '../../../platform/format';
import { contextValue } from '../../../platform/tree/contextValues';
import type { NodeDef } from '../../../platform/tree/nodeDef';
import type { WorkspaceSource } from '../../../sources/workspaceSource';

/** One saved query: opened on a click; run, renamed, shared or deleted from its menu as the member may. */
export interface SavedQueryNode {
  readonly kind: 'savedQuery';
  readonly source: WorkspaceSource;
  readonly query: SavedQuerySummary;
}

export const savedQueryNode: NodeDef<SavedQueryNode> = {
  kind: 'savedQuery',
  item(node) {
    const { query } = node;
    const item = new vscode.TreeItem(query.name, vscode.TreeItemCollapsibleState.None);
    item.id = `savedQuery:${node.source.key}:${query.slug}`;
    const shared = query.visibility === 'WORKSPACE';
    item.description = shared ? (query.isAuthor ? vscode.l10n.t('Shared') : vscode.l10n.t('Shared by {0}', query.author)) : vscode.l10n.t('Private');
    item.tooltip = [
      query.name,
      labelled(vscode.l10n.t('Visibility'), shared ? vscode.l10n.t('Shared with the workspace') : vscode.l10n.t('Private: only you see it')),
      labelled(vscode.l10n.t('Author'), query.author),
      labelled(vscode.l10n.t('Changed'), vscode.l10n.t('{0} by {1}', query.updatedAt.toLocaleString(), query.updatedBy)),
      labelled(vscode.l10n.t('Identifier'), query.slug),
      ...(query.description ? ['', query.description] : []),
      ...(query.canEdit ? [] : ['', vscode.l10n.t('Opens read-only: its author, editors and admins change it.')]),
    ].join('\n');
    item.iconPath = new vscode.ThemeIcon(shared ? 'organization' : 'lock');
    item.contextValue = contextValue.savedQuery(query.canEdit, query.isAuthor, query.visibility, node.source.workspace.role);
    item.command = { command: 'openhexa.openSavedQuery', title: vscode.l10n.t('Open Query'), arguments: [node] };
    return item;
  },
};

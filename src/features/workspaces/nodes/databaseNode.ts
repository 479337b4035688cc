import * as vscode from 'vscode';
import { guard } from '../../../platform/tree/explain';
import { contextValue } from '../../../platform/tree/contextValues';
import type { NodeDef } from '../../../platform/tree/nodeDef';
import type { WorkspaceSource } from '../../../sources/workspaceSource';
import type { TreeNode } from '../../nodeKinds';
import { tableLevel } from './tableLevel';

/** The workspace's database: its tables, views and materialized views (by schema when there are too many to list at once), read as the user. */
export interface DatabaseNode {
  readonly kind: 'database';
  readonly source: WorkspaceSource;
}

export const databaseNode: NodeDef<DatabaseNode> = {
  kind: 'database',
  item({ source }) {
    const item = new vscode.TreeItem(vscode.l10n.t('Database'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `database:${source.key}`;
    item.description = source.databaseName;
    item.iconPath = new vscode.ThemeIcon('database');
    item.contextValue = contextValue.database({ query: source.refusal('query') === undefined, credentials: source.refusal('seeCredentials') === undefined, write: source.refusal('writeTables') === undefined });
    return item;
  },
  children(node, ctx) {
    const { source } = node;
    return guard(ctx, async () => {
      const level = await source.browser.databaseLevel();
      // Write privileges an editor gave the readers, reported first (the product never gives them); the level is redrawn when the finding changes.
      const found = source.browser.readerWrites(() => ctx.refresh(node));
      const warning: TreeNode[] = found ? [{ kind: 'readerWrites', source, found }] : [];
      if ('schemas' in level) {
        return [...warning, ...level.schemas.map((schema): TreeNode => ({ kind: 'schema', source, schema }))];
      }
      return [...warning, ...tableLevel(ctx, source, undefined, level.page, node)];
    });
  },
};

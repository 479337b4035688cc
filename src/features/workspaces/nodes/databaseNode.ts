import * as vscode from 'vscode';
import { profileKey, type ServerProfile } from '../../../core/serverProfile';
import type { WorkspaceSummary } from '../../../postgres/workspace/catalogCalls';
import { listTables } from '../../../postgres/workspace/tables';
import { guard } from '../../../platform/tree/explain';
import type { NodeDef } from '../../../platform/tree/nodeDef';
import type { TreeNode } from '../../nodeKinds';

/** The workspace's database: its tables, views and materialized views, read as the login itself. */
export interface DatabaseNode {
  readonly kind: 'database';
  readonly profile: ServerProfile;
  readonly workspace: WorkspaceSummary;
}

export const databaseNode: NodeDef<DatabaseNode> = {
  kind: 'database',
  item(node) {
    const item = new vscode.TreeItem(vscode.l10n.t('Database'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `db:${profileKey(node.profile)}:${node.workspace.slug}`;
    item.description = node.workspace.dbName;
    item.iconPath = new vscode.ThemeIcon('database');
    item.contextValue = `database.${node.workspace.role}`;
    return item;
  },
  children({ profile, workspace }, ctx) {
    return guard(ctx, async () => {
      const tables = await ctx.sessions.browse(profile, workspace.dbName, (c) => listTables(c));
      if (tables.length === 0) {
        return [{ kind: 'message', text: vscode.l10n.t('No tables yet') }];
      }
      return tables.map((table): TreeNode => ({ kind: 'table', profile, workspace, table }));
    });
  },
};

import * as vscode from 'vscode';
import { profileKey, type ServerProfile } from '../../../core/serverProfile';
import type { WorkspaceSummary } from '../../../postgres/workspace/catalogCalls';
import { workspaceRoleNames } from '../../../core/workspaceNames';
import { noReaderWrites } from '../../../postgres/workspace/readerWrites';
import { databaseLevel, type Browse } from '../../../postgres/workspace/tables';
import { guard } from '../../../platform/tree/explain';
import type { NodeDef } from '../../../platform/tree/nodeDef';
import type { TreeNode } from '../../nodeKinds';
import { levelKey } from '../tableBrowsing';
import { tableLevel } from './tableLevel';
import { contextValue } from '../../../platform/tree/contextValues';

/** The workspace's database: its tables, views and materialized views (by schema when there are too many to list at once), read as the login itself. */
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
    item.contextValue = contextValue.database(node.workspace.role);
    return item;
  },
  children(node, ctx) {
    const { profile, workspace } = node;
    const key = levelKey(profile, workspace.dbName, undefined);
    // What this login creates there is the writer group's while it is an editor or admin (its own setting).
    ctx.sessions.ensureOwnSessionRole(profile, workspace);
    return guard(ctx, async () => {
      const browse: Browse = (work) => ctx.sessions.browse(profile, workspace.dbName, work);
      const level = await browse((c) => databaseLevel(c, ctx.browsing.limit(key)));
      // Write privileges an editor gave the readers, reported first (the product never gives them): checked
      // after the level shows, which is redrawn when the finding changes.
      ctx.browsing.checkReaderWrites(key, workspaceRoleNames(workspace.dbName), browse, () => ctx.refresh(node), (message) => ctx.log.warn(message));
      const found = ctx.browsing.readerWritesOf(key);
      const warning: TreeNode[] = !found || noReaderWrites(found) ? [] : [{ kind: 'readerWrites', profile, workspace, found }];
      if ('schemas' in level) {
        return [...warning, ...level.schemas.map((schema): TreeNode => ({ kind: 'schema', profile, workspace, schema }))];
      }
      return [...warning, ...(await tableLevel(ctx, profile, workspace, key, level.page, node, false))];
    });
  },
};

import * as vscode from 'vscode';
import { profileKey, type ServerProfile } from '../../../core/serverProfile';
import type { WorkspaceSummary } from '../../../postgres/workspace/catalogCalls';
import { schemaLevel, type SchemaInfo } from '../../../postgres/workspace/tables';
import { guard } from '../../../platform/tree/explain';
import type { NodeDef } from '../../../platform/tree/nodeDef';
import { levelKey } from '../tableBrowsing';
import { tableLevel } from './tableLevel';
import { contextValue } from '../../../platform/tree/contextValues';

/** A schema of the workspace database, shown when the database has several and too many relations to list at once. */
export interface SchemaNode {
  readonly kind: 'schema';
  readonly profile: ServerProfile;
  readonly workspace: WorkspaceSummary;
  readonly schema: SchemaInfo;
}

export const schemaNode: NodeDef<SchemaNode> = {
  kind: 'schema',
  item(node) {
    const { schema } = node;
    const item = new vscode.TreeItem(schema.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `schema:${profileKey(node.profile)}:${node.workspace.slug}:${schema.name}`;
    const count = new Intl.NumberFormat(vscode.env.language).format(schema.relations);
    item.description = schema.relations === 1 ? vscode.l10n.t('1 table') : vscode.l10n.t('{0} tables', count);
    item.tooltip = vscode.l10n.t('Schema {0}: {1} tables, views and materialized views', schema.name, count);
    item.iconPath = new vscode.ThemeIcon('symbol-namespace');
    item.contextValue = contextValue.schema(node.workspace.role);
    return item;
  },
  children(node, ctx) {
    const { profile, workspace, schema } = node;
    const level = levelKey(profile, workspace.dbName, schema.name);
    return guard(ctx, async () => {
      const page = await ctx.sessions.browse(profile, workspace.dbName, (c) => schemaLevel(c, schema, ctx.browsing.limit(level)));
      return tableLevel(ctx, profile, workspace, level, page, node, true);
    });
  },
};

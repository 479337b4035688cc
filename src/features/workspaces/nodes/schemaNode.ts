import * as vscode from 'vscode';
import type { SchemaInfo } from '../../../postgres/workspace/tables';
import { guard } from '../../../platform/tree/explain';
import type { NodeDef } from '../../../platform/tree/nodeDef';
import { contextValue } from '../../../platform/tree/contextValues';
import type { WorkspaceSource } from '../../../sources/workspaceSource';
import { tableLevel } from './tableLevel';

/** A schema of the workspace database, shown when the database has several and too many relations to list at once. */
export interface SchemaNode {
  readonly kind: 'schema';
  readonly source: WorkspaceSource;
  readonly schema: SchemaInfo;
}

export const schemaNode: NodeDef<SchemaNode> = {
  kind: 'schema',
  item({ source, schema }) {
    const item = new vscode.TreeItem(schema.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `schema:${source.key}:${schema.name}`;
    const count = new Intl.NumberFormat(vscode.env.language).format(schema.relations);
    item.description = schema.relations === 1 ? vscode.l10n.t('1 table') : vscode.l10n.t('{0} tables', count);
    item.tooltip = vscode.l10n.t('Schema {0}: {1} tables, views and materialized views', schema.name, count);
    item.iconPath = new vscode.ThemeIcon('symbol-namespace');
    item.contextValue = contextValue.schema(source.refusal('writeTables') === undefined);
    return item;
  },
  children(node, ctx) {
    const { source, schema } = node;
    return guard(ctx, async () => tableLevel(ctx, source, schema.name, await source.browser.schemaLevel(schema), node));
  },
};

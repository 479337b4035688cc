import * as vscode from 'vscode';
import { profileKey, type ServerProfile } from '../../../core/serverProfile';
import type { WorkspaceSummary } from '../../../postgres/workspace/catalogCalls';
import { listColumns, withMeasure, type TableInfo } from '../../../postgres/workspace/tables';
import { formatBytes, formatRows, tableKindLabel } from '../../../platform/format';
import { guard } from '../../../platform/tree/explain';
import type { NodeDef } from '../../../platform/tree/nodeDef';
import type { TreeNode } from '../../nodeKinds';
import { contextValue } from '../../../platform/tree/contextValues';

/** A table, view or materialized view, with its rows and size. */
export interface TableNode {
  readonly kind: 'table';
  readonly profile: ServerProfile;
  readonly workspace: WorkspaceSummary;
  /** As listed; its sizes and counts come from the tree's measures once taken. */
  readonly table: TableInfo;
  /** Under its schema's node: the label need not repeat the schema. */
  readonly underSchema?: boolean;
}

const ICONS: Record<TableInfo['kind'], string> = {
  table: 'table',
  'partitioned table': 'list-tree',
  view: 'eye',
  'materialized view': 'layers',
  'foreign table': 'link-external',
};

export const tableNode: NodeDef<TableNode> = {
  kind: 'table',
  item(node, ctx) {
    const measure = ctx.browsing.measureOf(node.profile, node.workspace.dbName, node.table.oid);
    const table = withMeasure(node.table, measure);
    const label = table.schema === 'public' || node.underSchema ? table.name : `${table.schema}.${table.name}`;
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `table:${profileKey(node.profile)}:${node.workspace.slug}:${table.schema}:${table.name}`;
    // Until its measure lands, a table never analyzed has no figure yet, and says it is being counted.
    const rows = table.rows === undefined && !measure && (table.kind !== 'view' || table.readable) ? vscode.l10n.t('counting…') : formatRows(table.rows, table.rowsExact, vscode.env.language);
    item.description = [rows, table.bytes === undefined ? undefined : formatBytes(table.bytes, vscode.env.language)].filter(Boolean).join(' · ');
    item.tooltip = [`${table.schema}.${table.name}`, tableKindLabel(table.kind), rows, table.readable ? undefined : vscode.l10n.t('Your login may not read this table.')]
      .filter(Boolean)
      .join('\n');
    item.iconPath = new vscode.ThemeIcon(ICONS[table.kind]);
    item.contextValue = contextValue.table(table.kind, node.workspace.role);
    return item;
  },
  children({ profile, workspace, table }, ctx) {
    return guard(ctx, async () => {
      const columns = await ctx.sessions.browse(profile, workspace.dbName, (c) => listColumns(c, table.schema, table.name));
      return columns.map((column): TreeNode => ({ kind: 'column', column }));
    });
  },
};

import * as vscode from 'vscode';
import { withMeasure } from '../../../postgres/workspace/tables';
import { formatBytes, formatRows, tableKindLabel } from '../../../platform/format';
import { guard } from '../../../platform/tree/explain';
import type { NodeDef } from '../../../platform/tree/nodeDef';
import { contextValue } from '../../../platform/tree/contextValues';
import type { BrowsedTable } from '../../../sources/sourceBrowser';
import type { WorkspaceSource } from '../../../sources/workspaceSource';
import type { TreeNode } from '../../nodeKinds';

/** A table, view or materialized view, with its rows and size where known; its columns below. */
export interface TableNode {
  readonly kind: 'table';
  readonly source: WorkspaceSource;
  /** As listed; its sizes and counts come from the source's measures once taken. */
  readonly table: BrowsedTable;
  /** Under its schema's node: the label need not repeat the schema. */
  readonly underSchema?: boolean;
}

const ICONS: Record<BrowsedTable['kind'], string> = {
  table: 'table',
  'partitioned table': 'list-tree',
  view: 'eye',
  'materialized view': 'layers',
  'foreign table': 'link-external',
};

export const tableNode: NodeDef<TableNode> = {
  kind: 'table',
  item(node) {
    const { source } = node;
    const measure = source.browser.measureOf(node.table);
    const table = withMeasure(node.table, measure);
    const label = table.schema === 'public' || node.underSchema ? table.name : `${table.schema}.${table.name}`;
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `table:${source.key}:${table.schema}:${table.name}`;
    // Until its measure lands, a table never analyzed has no figure yet, and says it is being counted.
    const rows = table.rows === undefined && !measure && table.oid !== undefined && (table.kind !== 'view' || table.readable) ? vscode.l10n.t('counting…') : formatRows(table.rows, table.rowsExact, vscode.env.language);
    item.description = [rows, table.bytes === undefined ? undefined : formatBytes(table.bytes, vscode.env.language)].filter(Boolean).join(' · ');
    item.tooltip = [`${table.schema}.${table.name}`, tableKindLabel(table.kind), rows, table.readable ? undefined : vscode.l10n.t('Your login may not read this table.')]
      .filter(Boolean)
      .join('\n');
    item.iconPath = new vscode.ThemeIcon(ICONS[table.kind]);
    const allows = (need: Parameters<WorkspaceSource['refusal']>[0]): boolean => source.refusal(need) === undefined;
    item.contextValue = contextValue.table(table.kind, { query: allows('query'), count: allows('countRows'), credentials: allows('seeCredentials'), write: allows('writeTables') });
    return item;
  },
  children({ source, table }, ctx) {
    return guard(ctx, async () => (await source.browser.columns(table)).map((column): TreeNode => ({ kind: 'column', id: `${source.key}:${table.schema}:${table.name}:${column.name}`, column })));
  },
};

import * as vscode from 'vscode';
import type { BrowsedColumn } from '../../../sources/sourceBrowser';
import type { NodeDef } from '../../../platform/tree/nodeDef';
import { contextValue } from '../../../platform/tree/contextValues';

/** A column: name, type, NOT NULL, and a key icon for the primary key (where the source says them). */
export interface ColumnNode {
  readonly kind: 'column';
  /** Names it across servers, workspaces and tables. */
  readonly id: string;
  readonly column: BrowsedColumn;
}

export const columnNode: NodeDef<ColumnNode> = {
  kind: 'column',
  item({ id, column }) {
    const item = new vscode.TreeItem(column.name, vscode.TreeItemCollapsibleState.None);
    item.id = `column:${id}`;
    item.description = `${column.type}${column.nullable === false ? ' NOT NULL' : ''}`;
    item.iconPath = new vscode.ThemeIcon(column.primaryKey ? 'key' : 'symbol-field');
    item.contextValue = contextValue.column();
    return item;
  },
};

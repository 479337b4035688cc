import * as vscode from 'vscode';
import type { ColumnInfo } from '../../../postgres/workspace/tables';
import type { NodeDef } from '../../../platform/tree/nodeDef';
import { contextValue } from '../../../platform/tree/contextValues';

/** A column: name, type, NOT NULL, and a key icon for the primary key. */
export interface ColumnNode {
  readonly kind: 'column';
  readonly column: ColumnInfo;
}

export const columnNode: NodeDef<ColumnNode> = {
  kind: 'column',
  item({ column }) {
    const item = new vscode.TreeItem(column.name, vscode.TreeItemCollapsibleState.None);
    item.description = `${column.type}${column.nullable ? '' : ' NOT NULL'}`;
    item.iconPath = new vscode.ThemeIcon(column.primaryKey ? 'key' : 'symbol-field');
    item.contextValue = contextValue.column();
    return item;
  },
};

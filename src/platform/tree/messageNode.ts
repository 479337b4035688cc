import * as vscode from 'vscode';
import type { NodeDef } from './nodeDef';

/** A line of text in the tree: an empty state, or a failure in place. */
export interface MessageNode {
  readonly kind: 'message';
  readonly text: string;
  readonly tooltip?: string;
  readonly description?: string;
  readonly error?: boolean;
  readonly icon?: string;
  /** What choosing the line does: an empty state that leads somewhere. */
  readonly command?: vscode.Command;
}

export const messageNode: NodeDef<MessageNode> = {
  kind: 'message',
  item(node) {
    const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
    item.tooltip = node.tooltip;
    item.description = node.description;
    item.iconPath = new vscode.ThemeIcon(node.icon ?? (node.error ? 'error' : 'info'), node.error ? new vscode.ThemeColor('errorForeground') : undefined);
    item.command = node.command;
    return item;
  },
};

import * as vscode from 'vscode';
import { profileKey, type ServerProfile } from '../../../core/serverProfile';
import type { NodeDef } from '../../../platform/tree/nodeDef';

/** A server that cannot be reached or read: why, and Retry. */
export interface ServerErrorNode {
  readonly kind: 'serverError';
  readonly profile: ServerProfile;
  readonly message: string;
  readonly detail: string;
}

export const serverErrorNode: NodeDef<ServerErrorNode> = {
  kind: 'serverError',
  item(node) {
    const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
    item.id = `error:${profileKey(node.profile)}`;
    item.description = vscode.l10n.t('Retry');
    item.tooltip = [node.message, node.detail].filter(Boolean).join('\n\n');
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    item.contextValue = 'serverError';
    item.command = { command: 'openhexa.retryServer', title: vscode.l10n.t('Retry'), arguments: [node] };
    return item;
  },
};

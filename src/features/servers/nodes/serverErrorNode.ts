import * as vscode from 'vscode';
import { profileKey, type ServerProfile } from '../../../core/serverProfile';
import type { NodeDef } from '../../../platform/tree/nodeDef';
import { contextValue } from '../../../platform/tree/contextValues';

/** A server that cannot be reached or read: why, and Retry. */
export interface ServerErrorNode {
  readonly kind: 'serverError';
  readonly profile: ServerProfile;
  readonly message: string;
  readonly detail: string;
  /** The profile would send the saved password under weaker TLS than it was saved with: the action confirms instead of retrying. */
  readonly weakerTls?: boolean;
}

export const serverErrorNode: NodeDef<ServerErrorNode> = {
  kind: 'serverError',
  item(node) {
    const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
    item.id = `error:${profileKey(node.profile)}`;
    item.tooltip = [node.message, node.detail].filter(Boolean).join('\n\n');
    if (node.weakerTls) {
      item.description = vscode.l10n.t('Confirm…');
      item.iconPath = new vscode.ThemeIcon('shield', new vscode.ThemeColor('errorForeground'));
      item.contextValue = contextValue.serverError(true);
      item.command = { command: 'openhexa.confirmWeakerTls', title: vscode.l10n.t('Confirm Weaker TLS'), arguments: [node] };
      return item;
    }
    item.description = vscode.l10n.t('Retry');
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    item.contextValue = contextValue.serverError(false);
    item.command = { command: 'openhexa.retryServer', title: vscode.l10n.t('Retry'), arguments: [node] };
    return item;
  },
};

import * as vscode from 'vscode';
import type { ServerProfile } from '../../../core/serverProfile';
import { superuserWarning } from '../../../platform/superuserWarning';
import type { NodeDef } from '../../../platform/tree/nodeDef';
import { contextValue } from '../../../platform/tree/contextValues';

/** First under a server whose login is a superuser: reading workspace data as it would run members' code with full power, so it reads none. */
export interface SuperuserWarningNode {
  readonly kind: 'superuserWarning';
  readonly profile: ServerProfile;
}

export const superuserWarningNode: NodeDef<SuperuserWarningNode> = {
  kind: 'superuserWarning',
  item() {
    const item = new vscode.TreeItem(vscode.l10n.t('This login is a superuser'), vscode.TreeItemCollapsibleState.None);
    item.description = vscode.l10n.t('workspace data is not read with it');
    item.tooltip = superuserWarning();
    item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    item.contextValue = contextValue.superuserWarning();
    return item;
  },
};

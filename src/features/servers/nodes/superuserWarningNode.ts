import * as vscode from 'vscode';
import type { ServerProfile } from '../../../core/serverProfile';
import { superuserWarning } from '../../../platform/superuserWarning';
import type { NodeDef } from '../../../platform/tree/nodeDef';

/** First under a server whose login is a superuser: browsing as it runs members' code with full power. */
export interface SuperuserWarningNode {
  readonly kind: 'superuserWarning';
  readonly profile: ServerProfile;
}

export const superuserWarningNode: NodeDef<SuperuserWarningNode> = {
  kind: 'superuserWarning',
  item() {
    const item = new vscode.TreeItem(vscode.l10n.t('This login is a superuser'), vscode.TreeItemCollapsibleState.None);
    item.description = vscode.l10n.t("browsing runs members' code with full power");
    item.tooltip = superuserWarning();
    item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    item.contextValue = 'superuserWarning';
    return item;
  },
};

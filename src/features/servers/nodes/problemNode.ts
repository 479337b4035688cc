import * as vscode from 'vscode';
import type { ProfileProblem } from '../../../core/serverProfile';
import type { NodeDef } from '../../../platform/tree/nodeDef';
import { contextValue } from '../../../platform/tree/contextValues';
import { say } from '../../../platform/say';

/** A bad entry of the "openhexa.servers" setting, shown instead of failing. */
export interface ProblemNode {
  readonly kind: 'problem';
  readonly problem: ProfileProblem;
}

export const problemNode: NodeDef<ProblemNode> = {
  kind: 'problem',
  item({ problem }) {
    const item = new vscode.TreeItem(problem.label ?? vscode.l10n.t('Server profile {0}', problem.index + 1), vscode.TreeItemCollapsibleState.None);
    item.description = say(problem.message);
    item.tooltip = vscode.l10n.t('This entry of the "openhexa.servers" setting is not valid: {0}', say(problem.message));
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    item.contextValue = contextValue.serverProblem();
    item.command = { command: 'workbench.action.openSettingsJson', title: vscode.l10n.t('Open Settings (JSON)') };
    return item;
  },
};

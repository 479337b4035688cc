import * as vscode from 'vscode';
import { may } from '../../../core/roles';
import { command } from '../../../platform/commands/command';
import { sqlNotebooksOf } from '../sqlNotebooks';

/** The OpenHEXA SQL notebook's status bar menu: run on another workspace, allow writes or go back to read-only. */
export const notebookSqlMenu = command('openhexa.notebookSqlMenu', [], async (services) => {
  const notebooks = sqlNotebooksOf(services);
  const notebook = notebooks.activeNotebook();
  if (!notebook) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a notebook and select its OpenHEXA SQL kernel first.'));
    return;
  }
  const bound = notebooks.boundTo(notebook);
  type Choice = vscode.QuickPickItem & { run: () => unknown };
  const choices: Choice[] = [{ label: `$(database) ${bound ? vscode.l10n.t('Run on another workspace…') : vscode.l10n.t('Choose a workspace…')}`, run: () => notebooks.bindingFor(notebook, true) }];
  if (bound && may(bound.workspace.role, 'write')) {
    choices.push(
      bound.allowWrites
        ? { label: `$(lock) ${vscode.l10n.t('Back to read-only')}`, detail: vscode.l10n.t('Each cell runs in a read-only transaction.'), run: () => notebooks.setWrites(notebook, false) }
        : {
            label: `$(edit) ${vscode.l10n.t('Allow writes')}`,
            detail: vscode.l10n.t('Each cell is one transaction: committed at its end, rolled back whole on an error. Until this notebook is closed; never kept in the file.'),
            run: () => notebooks.setWrites(notebook, true),
          },
    );
  }
  const picked = await vscode.window.showQuickPick(choices, { title: vscode.l10n.t('OpenHEXA SQL notebook') });
  await picked?.run();
});

import * as vscode from 'vscode';
import { command } from '../../../platform/commands/command';
import { progress } from '../../../platform/commands/pickers';
import { nodeArg } from '../../commandArgs';

/** The exact number of rows of a table in the tree, on demand (the tree counts only small tables by itself). */
export const countRows = command('openhexa.countRows', [nodeArg(['table'], 'a table in the OpenHEXA Workspaces view')], async (services, node) => {
  if (!node) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Choose Count Rows on a table in the OpenHEXA Workspaces view.'));
    return;
  }
  const { source, table } = node;
  const refused = source.refusal('countRows');
  if (refused) {
    throw new Error(refused);
  }
  await progress(vscode.l10n.t('Counting the rows of {0}…', table.name), () => source.browser.countRows(table));
  services.tree.refresh(node);
});

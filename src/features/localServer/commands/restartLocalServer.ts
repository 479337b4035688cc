import * as vscode from 'vscode';
import { command } from '../../../platform/commands/command';
import { progress } from '../../../platform/commands/pickers';

export const restartLocalServer = command('openhexa.restartLocalServer', [], async ({ localServer, tree }) => {
  await progress(vscode.l10n.t('Restarting the local PostgreSQL server…'), () => localServer.restart());
  tree.refresh();
});

import * as vscode from 'vscode';
import type { Command } from '../../../platform/commands/command';
import { progress } from '../../../platform/commands/pickers';

export const restartLocalServer: Command = {
  id: 'openhexa.restartLocalServer',
  run: async ({ localServer, tree }) => {
    await progress(vscode.l10n.t('Restarting the local PostgreSQL server…'), () => localServer.restart());
    tree.refresh();
  },
};

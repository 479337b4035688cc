import * as vscode from 'vscode';
import { command } from '../../../platform/commands/command';
import { progress } from '../../../platform/commands/pickers';

/** Starts (and the first time: catalog, Sandbox, sample data), then opens the tree down to the Sandbox's tables. */
export const startLocalServer = command('openhexa.startLocalServer', [], async ({ localServer, log, tree, view }) => {
  const clicked = Date.now();
  const result = await progress(vscode.l10n.t('Starting the local PostgreSQL server…'), () => localServer.startWithSandbox());
  log.info(`Local server running on 127.0.0.1:${result.port}`);
  if (result.createdSandbox) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The local server is running, with a Sandbox workspace full of sample data.'));
  }
  tree.refresh();
  const node = tree.serverNodeFor(localServer.profile());
  if (node) {
    await view.reveal(node, { expand: 3, focus: true, select: false });
  }
  log.info(`Start a Local Server: revealed in ${Date.now() - clicked} ms`);
});

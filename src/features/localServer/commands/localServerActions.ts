import * as vscode from 'vscode';
import { command } from '../../../platform/commands/command';

/** The status bar item's menu: what can be done with the local server now. */
export const localServerActions = command('openhexa.localServerActions', [], async ({ localServer }) => {
  const running = localServer.state === 'running';
  const actions = [
    ...(running ? [] : [{ label: `$(play) ${vscode.l10n.t('Start')}`, command: 'openhexa.startLocalServer' }]),
    ...(running ? [{ label: `$(debug-restart) ${vscode.l10n.t('Restart')}`, command: 'openhexa.restartLocalServer' }] : []),
    ...(running ? [{ label: `$(debug-stop) ${vscode.l10n.t('Stop')}`, command: 'openhexa.stopLocalServer' }] : []),
    { label: `$(output) ${vscode.l10n.t('Show Logs')}`, command: 'openhexa.showLogs' },
  ];
  const picked = await vscode.window.showQuickPick(actions, { title: vscode.l10n.t('OpenHEXA local server') });
  if (picked) {
    await vscode.commands.executeCommand(picked.command);
  }
});

import * as vscode from 'vscode';
import { command } from '../../../platform/commands/command';
import { profileOf, serverArg } from '../../commandArgs';
import { resolveServer } from '../../../platform/commands/pickers';

/** Removes a profile and its saved password, after a confirmation; the server itself is untouched. */
export const removeServer = command('openhexa.removeServer', [serverArg], async ({ store, sessions, log }, arg) => {
  const profile = await resolveServer(store, profileOf(arg), vscode.l10n.t('Remove Server'));
  if (!profile) {
    return;
  }
  const remove = vscode.l10n.t('Remove');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Remove the server "{0}" ({1}@{2}:{3}) and its saved password from VS Code?', profile.label, profile.user, profile.host, profile.port),
    { modal: true, detail: vscode.l10n.t('Nothing on the server itself is changed.') },
    remove,
  );
  if (answer !== remove) {
    return;
  }
  await store.remove(profile);
  await sessions.forget(profile);
  log.info(`Removed server profile "${profile.label}"`);
});

import * as vscode from 'vscode';
import type { Command } from '../../../platform/commands/command';
import { resolveServer } from '../../../platform/commands/pickers';

/** Removes a profile and its saved password, after a confirmation; the server itself is untouched. */
export const removeServer: Command = {
  id: 'openhexa.removeServer',
  run: async ({ store, sessions, log }, arg?: unknown) => {
    const profile = await resolveServer(store, arg, vscode.l10n.t('Remove Server'));
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
  },
};

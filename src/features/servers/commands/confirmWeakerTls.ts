import * as vscode from 'vscode';
import { parseServerProfiles, profileKey } from '../../../core/serverProfile';
import { effectiveTls } from '../../../core/tls/tlsSettings';
import { command } from '../../../platform/commands/command';
import { profileOf, serverArg } from '../../commandArgs';
import { resolveServer } from '../../../platform/commands/pickers';
import { hostPlace } from '../../../postgres/tls/loginTls';

/**
 * A profile that would send a saved password under weaker TLS than it was
 * saved with (a folder's settings repeating the login with sslmode=disable)
 * is used only once the user confirms it by name, in a modal that says what
 * the password was saved under and where the profile comes from.
 */
export const confirmWeakerTls = command('openhexa.confirmWeakerTls', [serverArg], async (services, arg) => {
  const title = vscode.l10n.t('Confirm Weaker TLS');
  const profile = await resolveServer(services.store, profileOf(arg), title);
  if (!profile) {
    return;
  }
  const floor = await services.store.passwordFloor(profile);
  const now = effectiveTls(profile, hostPlace());
  const key = profileKey(profile);
  const fromFolder = parseServerProfiles(vscode.workspace.getConfiguration('openhexa').inspect<unknown>('servers')?.workspaceValue).profiles.some((p) => profileKey(p) === key);
  const use = vscode.l10n.t('Send It with {0}', now.sslmode);
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Send your saved password for {0} with TLS mode {1}?', key, now.sslmode),
    {
      modal: true,
      detail: [
        vscode.l10n.t('You saved it with TLS mode {0}{1}. The profile "{2}" ({3}) asks for weaker TLS: whoever answers at {4}:{5} could read the password.', floor?.sslmode ?? '?', floor?.sslrootcert ? vscode.l10n.t(' and the CA file {0}', floor.sslrootcert) : '', profile.label, fromFolder ? vscode.l10n.t('from this folder\'s settings') : vscode.l10n.t('from your settings'), profile.host, String(profile.port)),
        vscode.l10n.t('Confirm only if you changed this profile yourself.'),
      ].join('\n\n'),
    },
    use,
  );
  if (answer !== use) {
    return;
  }
  await services.store.acceptTls(profile);
  services.log.info(`The saved password of ${key} may now be sent with sslmode=${now.sslmode} (confirmed by the user)`);
  await services.sessions.forget(profile);
  services.tree.refreshServer(profile);
});

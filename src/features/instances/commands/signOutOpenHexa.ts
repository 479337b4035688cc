import * as vscode from 'vscode';
import { command } from '../../../platform/commands/command';
import { instanceArg } from '../instanceArgs';
import { hostOf } from '../nodes/instanceNode';

/** Forgets an instance and its token on this computer (the token itself stays valid on OpenHEXA until revoked there). */
export const signOutOpenHexa = command('openhexa.signOutOpenHexa', [instanceArg], async (services, given) => {
  const instances = services.instances.list();
  const server =
    given ??
    (instances.length === 1
      ? instances[0]!.server
      : (await vscode.window.showQuickPick(instances.map((p) => ({ label: hostOf(p.server), description: p.email, server: p.server })), { title: vscode.l10n.t('Sign Out of OpenHEXA') }))?.server);
  if (!server) {
    return;
  }
  const signOut = vscode.l10n.t('Sign Out');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Sign out of OpenHEXA at {0} and forget its token on this computer?', hostOf(server)),
    { modal: true, detail: vscode.l10n.t('The token stays valid on OpenHEXA: revoke it there (Account settings › Access tokens) if it should no longer work.') },
    signOut,
  );
  if (answer === signOut) {
    await services.instances.remove(server);
    services.log.info(`Signed out of OpenHEXA at ${server}`);
  }
});

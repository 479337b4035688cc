import * as vscode from 'vscode';
import { initializeCatalog } from '../../../postgres/catalog/migrate';
import { command } from '../../../platform/commands/command';
import { profileOf, serverArg } from '../../commandArgs';
import { progress, resolveServer } from '../../../platform/commands/pickers';

/** Creates or migrates the catalog (and moves 0.1.0 workspaces to the group layout). */
export const initializeServer = command('openhexa.initializeServer', [serverArg], async ({ store, sessions, log, tree }, arg) => {
  const profile = await resolveServer(store, profileOf(arg), vscode.l10n.t('Initialize Server'));
  if (!profile) {
    return;
  }
  const login = await sessions.login(profile, 'postgres');
  const result = await progress(vscode.l10n.t('Initializing {0} for OpenHEXA…', profile.label), () => initializeCatalog(login, profile.catalogDatabase));
  log.info(
    `Initialized ${profile.label}: catalog "${profile.catalogDatabase}"${result.createdDatabase ? ' created' : ''}, migrations ${result.applied.join(', ') || 'none pending'}, workspaces moved to the group layout: ${result.upgraded.join(', ') || 'none'}`,
  );
  void vscode.window.showInformationMessage(
    result.upgraded.length > 0
      ? vscode.l10n.t('{0} is ready for OpenHEXA workspaces; {1} workspace(s) were moved to the new role layout.', profile.label, result.upgraded.length)
      : vscode.l10n.t('{0} is ready for OpenHEXA workspaces.', profile.label),
  );
  tree.refresh();
});

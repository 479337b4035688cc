import * as vscode from 'vscode';
import { command } from '../../../platform/commands/command';
import { resolveSource } from '../../../sources/resolveSource';
import { workspaceArg } from '../../commandArgs';
import { CredentialsPanel } from '../credentialsPanel';

/** The credentials panel of a workspace, on a server or an instance (editors and admins). */
export const showCredentials = command('openhexa.showCredentials', [workspaceArg({})], async (services, arg) => {
  const found = await resolveSource(services, arg, vscode.l10n.t('Show Database Credentials'), 'seeCredentials');
  if (found) {
    await CredentialsPanel.show(services, found.source);
    services.walkthrough.done('credentials');
  }
});

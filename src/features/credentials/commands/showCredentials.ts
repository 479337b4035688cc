import * as vscode from 'vscode';
import { command } from '../../../platform/commands/command';
import { resolveWorkspace } from '../../../platform/commands/pickers';
import { workspaceArg } from '../../commandArgs';
import { CredentialsPanel } from '../credentialsPanel';

/** The credentials panel of a workspace (editors and admins). */
export const showCredentials = command(
  'openhexa.showCredentials',
  [workspaceArg({})],
  async (services, arg) => {
    const ref = await resolveWorkspace(services, arg, vscode.l10n.t('Show Database Credentials'), 'seeCredentials');
    if (ref) {
      CredentialsPanel.show(services, ref.profile, ref.workspace);
      services.walkthrough.done('credentials');
    }
  },
);

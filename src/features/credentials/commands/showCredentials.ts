import * as vscode from 'vscode';
import type { Command } from '../../../platform/commands/command';
import { resolveWorkspace } from '../../../platform/commands/pickers';
import { CredentialsPanel } from '../credentialsPanel';

/** The credentials panel of a workspace (editors and admins). */
export const showCredentials: Command = {
  id: 'openhexa.showCredentials',
  run: async (services, arg?: unknown) => {
    const ref = await resolveWorkspace(services, arg, vscode.l10n.t('Show Database Credentials'));
    if (ref) {
      CredentialsPanel.show(services, ref.profile, ref.workspace);
      services.walkthrough.done('credentials');
    }
  },
};

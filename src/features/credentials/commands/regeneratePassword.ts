import * as vscode from 'vscode';
import { may } from '../../../core/roles';
import { regeneratePassword as regenerate } from '../../../postgres/workspace/catalogCalls';
import type { Command } from '../../../platform/commands/command';
import { resolveWorkspace } from '../../../platform/commands/pickers';
import { confirmRegeneration, CredentialsPanel } from '../credentialsPanel';

/** `(workspace, 'ro' | 'rw')`, after a confirmation that says what breaks (admins). */
export const regeneratePassword: Command = {
  id: 'openhexa.regeneratePassword',
  run: async (services, arg?: unknown, kindArg?: unknown) => {
    const ref = await resolveWorkspace(services, arg, vscode.l10n.t('Regenerate Password'));
    if (!ref) {
      return;
    }
    if (!may(ref.workspace.role, 'regeneratePassword')) {
      throw new Error(vscode.l10n.t('Only admins of "{0}" can regenerate its passwords.', ref.workspace.name));
    }
    const kind =
      kindArg === 'ro' || kindArg === 'rw'
        ? kindArg
        : (
            await vscode.window.showQuickPick(
              [
                { label: vscode.l10n.t('Read-only password'), description: vscode.l10n.t('used by BI tools'), credential: 'ro' as const },
                { label: vscode.l10n.t('Read/write password'), description: vscode.l10n.t('used by notebooks and pipelines'), credential: 'rw' as const },
              ],
              { title: vscode.l10n.t('Regenerate Password') },
            )
          )?.credential;
    if (!kind) {
      return;
    }
    const open = CredentialsPanel.forWorkspace(ref.profile, ref.workspace.slug);
    if (open) {
      await open.regenerate(kind);
      return;
    }
    if (!(await confirmRegeneration(ref.workspace, kind))) {
      return;
    }
    await services.sessions.catalog(ref.profile, (c) => regenerate(c, ref.workspace.slug, kind));
    services.log.info(`Regenerated the ${kind} password of workspace ${ref.workspace.slug}`);
    void vscode.window.showInformationMessage(vscode.l10n.t('New password set. Open the credentials to copy it.'));
  },
};

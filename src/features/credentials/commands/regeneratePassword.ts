import * as vscode from 'vscode';
import { z } from 'zod';
import { regeneratePassword as regenerate } from '../../../postgres/workspace/catalogCalls';
import { command } from '../../../platform/commands/command';
import { argOrPick, resolveWorkspace } from '../../../platform/commands/pickers';
import { workspaceArg } from '../../commandArgs';
import { confirmRegeneration, CredentialsPanel } from '../credentialsPanel';

/** `(workspace, 'ro' | 'rw')`, after a confirmation that says what breaks (admins). */
export const regeneratePassword = command(
  'openhexa.regeneratePassword',
  [workspaceArg({}), z.enum(['ro', 'rw']).describe("'ro' or 'rw'")],
  async (services, arg, kindArg) => {
    const ref = await resolveWorkspace(services, arg, vscode.l10n.t('Regenerate Password'), 'regeneratePassword');
    if (!ref) {
      return;
    }
    const kind = await argOrPick(
      kindArg,
      () => [
        { label: vscode.l10n.t('Read-only password'), description: vscode.l10n.t('used by BI tools'), value: 'ro' as const },
        { label: vscode.l10n.t('Read/write password'), description: vscode.l10n.t('used by notebooks and pipelines'), value: 'rw' as const },
      ],
      { title: vscode.l10n.t('Regenerate Password') },
    );
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
);

import * as vscode from 'vscode';
import { z } from 'zod';
import { command } from '../../../platform/commands/command';
import { argOrPick } from '../../../platform/commands/pickers';
import { resolveSource } from '../../../sources/resolveSource';
import { workspaceArg } from '../../commandArgs';
import { confirmRegeneration, CredentialsPanel } from '../credentialsPanel';

/** `(workspace, 'ro' | 'rw')`, after a confirmation that says what breaks (who may, by the rules where the workspace lives). */
export const regeneratePassword = command(
  'openhexa.regeneratePassword',
  [workspaceArg({}), z.enum(['ro', 'rw']).describe("'ro' or 'rw'")],
  async (services, arg, kindArg) => {
    const found = await resolveSource(services, arg, vscode.l10n.t('Regenerate Password'), 'regeneratePassword');
    if (!found) {
      return;
    }
    const { source } = found;
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
    const open = CredentialsPanel.forSource(source);
    if (open) {
      await open.regenerate(kind);
      return;
    }
    if (!(await confirmRegeneration(source.workspace, kind))) {
      return;
    }
    await (await source.credentials()).passwords.regeneratePassword(kind);
    services.log.info(`Regenerated the ${kind} password of workspace ${source.workspace.slug} (${source.where})`);
    void vscode.window.showInformationMessage(vscode.l10n.t('New password set. Open the credentials to copy it.'));
  },
);

import * as vscode from 'vscode';
import { restoreWorkspace as restore } from '../../../postgres/workspace/archive';
import { command } from '../../../platform/commands/command';
import { progress, resolveWorkspace } from '../../../platform/commands/pickers';
import { workspaceArg } from '../../commandArgs';

/** Restores an archived workspace (platform admins): its members back, new read/write and read-only passwords. */
export const restoreWorkspace = command('openhexa.restoreWorkspace', [workspaceArg({})], async (services, arg) => {
  const ref = await resolveWorkspace(services, arg, vscode.l10n.t('Restore Workspace'), 'platformAdmin');
  if (!ref) {
    return;
  }
  if (ref.workspace.status !== 'archived') {
    throw new Error(vscode.l10n.t('"{0}" is not archived.', ref.workspace.name));
  }
  await progress(vscode.l10n.t('Restoring "{0}"…', ref.workspace.name), () => services.sessions.catalog(ref.profile, (c) => restore(c, ref.workspace.slug)));
  services.log.info(`Restored workspace ${ref.workspace.slug} on ${ref.profile.label}`);
  services.tree.refresh();
  void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" is restored. Its read/write and read-only passwords are new: hand them out again (Show Database Credentials).', ref.workspace.name));
});

import * as vscode from 'vscode';
import { deleteWorkspace as remove } from '../../../postgres/workspace/provisioning';
import { command } from '../../../platform/commands/command';
import { workspaceArg } from '../../commandArgs';
import { progress, resolveWorkspace } from '../../../platform/commands/pickers';

/** Drops the workspace database and roles, after a confirmation that names the database (platform admins). */
export const deleteWorkspace = command('openhexa.deleteWorkspace', [workspaceArg({})], async (services, arg) => {
  const ref = await resolveWorkspace(services, arg, vscode.l10n.t('Delete Workspace'), 'platformAdmin');
  if (!ref) {
    return;
  }
  const del = vscode.l10n.t('Delete Workspace and Database');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Delete the workspace "{0}" and its database "{1}"?', ref.workspace.name, ref.workspace.dbName),
    { modal: true, detail: vscode.l10n.t('Every table and row in "{0}" is deleted, and its read/write and read-only logins stop working. This cannot be undone.', ref.workspace.dbName) },
    del,
  );
  if (answer !== del) {
    return;
  }
  const login = await services.sessions.login(ref.profile, ref.profile.catalogDatabase);
  await services.sessions.forget(ref.profile);
  await progress(vscode.l10n.t('Deleting "{0}"…', ref.workspace.name), () => remove(login, ref.profile.catalogDatabase, ref.workspace.slug));
  services.log.info(`Deleted workspace ${ref.workspace.slug} on ${ref.profile.label}`);
  services.tree.refresh();
});

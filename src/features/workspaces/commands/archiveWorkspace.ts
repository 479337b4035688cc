import * as vscode from 'vscode';
import { archiveWorkspace as archive } from '../../../postgres/workspace/archive';
import { command } from '../../../platform/commands/command';
import { progress, resolveWorkspace } from '../../../platform/commands/pickers';
import { workspaceArg } from '../../commandArgs';

/**
 * Archives a workspace (platform admins): its data and catalog rows kept,
 * both database passwords rotated, its logins and members refused and their
 * open sessions ended, the workspace hidden from members until restored.
 */
export const archiveWorkspace = command('openhexa.archiveWorkspace', [workspaceArg({})], async (services, arg) => {
  const ref = await resolveWorkspace(services, arg, vscode.l10n.t('Archive Workspace'), 'platformAdmin');
  if (!ref) {
    return;
  }
  if (ref.workspace.status !== 'ready') {
    throw new Error(vscode.l10n.t('"{0}" is not a ready workspace: only a ready workspace is archived.', ref.workspace.name));
  }
  const confirm = vscode.l10n.t('Archive Workspace');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Archive the workspace "{0}"?', ref.workspace.name),
    {
      modal: true,
      detail: vscode.l10n.t(
        'Its database "{0}" and its data are kept. Its read/write and read-only passwords change, so BI tools and notebooks holding them are cut off; its members can no longer connect or see it, and the sessions they have open there are ended. Restore Workspace brings it back with new passwords.',
        ref.workspace.dbName,
      ),
    },
    confirm,
  );
  if (answer !== confirm) {
    return;
  }
  const ended = await progress(vscode.l10n.t('Archiving "{0}"…', ref.workspace.name), () => services.sessions.catalog(ref.profile, (c) => archive(c, ref.workspace.slug)));
  services.log.info(`Archived workspace ${ref.workspace.slug} on ${ref.profile.label}: ${ended.closed} session(s) ended, ${ended.leftOpen} left open`);
  services.tree.refresh();
  void (ended.leftOpen > 0
    ? vscode.window.showWarningMessage(vscode.l10n.t('"{0}" is archived. {1} session(s) this login may not end stay open on its database until they disconnect; none can open again.', ref.workspace.name, String(ended.leftOpen)))
    : vscode.window.showInformationMessage(vscode.l10n.t('"{0}" is archived: its passwords changed and nobody can connect to it.', ref.workspace.name)));
});

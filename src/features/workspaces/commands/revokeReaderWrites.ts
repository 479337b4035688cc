import * as vscode from 'vscode';
import { workspaceRoleNames } from '../../../core/workspaceNames';
import { command } from '../../../platform/commands/command';
import { workspaceArg } from '../../commandArgs';
import { progress, resolveWorkspace } from '../../../platform/commands/pickers';
import { noReaderWrites, readerWrites, revokeReaderWrites as revoke } from '../../../postgres/workspace/readerWrites';

/**
 * Takes back the write privileges that viewers and the read-only login hold
 * (an editor granted them), after a confirmation that names them; editors
 * and admins, acting as the writer group that granted them.
 */
export const revokeReaderWrites = command('openhexa.revokeReaderWrites', [workspaceArg({})], async (services, arg) => {
  const title = vscode.l10n.t('Revoke Readers\' Write Privileges');
  const ref = await resolveWorkspace(services, arg, title, 'write');
  if (!ref) {
    return;
  }
  const roles = workspaceRoleNames(ref.workspace.dbName);
  const found = await services.sessions.browse(ref.profile, ref.workspace.dbName, (c) => readerWrites(c, roles));
  if (noReaderWrites(found)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Viewers and the read-only login of "{0}" can write nothing.', ref.workspace.name));
    return;
  }
  const names = [...found.tables.map((t) => `${t.schema}.${t.name}`), ...found.defaults.map((d) => (d.schema === null ? vscode.l10n.t('default privileges') : vscode.l10n.t('default privileges in {0}', d.schema)))];
  const revokeLabel = vscode.l10n.t('Revoke');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Take back INSERT, UPDATE, DELETE and TRUNCATE from the viewers, the read-only login and PUBLIC of "{0}"?', ref.workspace.name),
    { modal: true, detail: vscode.l10n.t('On: {0}. A BI tool or notebook that writes with the read-only login stops being able to; editors keep every privilege.', names.join(', ')) },
    revokeLabel,
  );
  if (answer !== revokeLabel) {
    return;
  }
  const left = await progress(vscode.l10n.t('Revoking…'), async () => {
    await services.sessions.write(ref.profile, ref.workspace.dbName, (c) => revoke(c, roles, found));
    return services.sessions.browse(ref.profile, ref.workspace.dbName, (c) => readerWrites(c, roles));
  });
  services.log.info(`Revoked readers' write privileges in ${ref.workspace.slug}: ${names.join(', ')}`);
  services.tree.refresh();
  void (noReaderWrites(left)
    ? vscode.window.showInformationMessage(vscode.l10n.t('Viewers and the read-only login of "{0}" can write nothing now.', ref.workspace.name))
    : vscode.window.showWarningMessage(
        vscode.l10n.t('Some write privileges stay: {0}. Their table is owned by a member\'s own login, which only that member (or a platform admin) can change.', left.tables.map((t) => `${t.schema}.${t.name}`).join(', ')),
      ));
});

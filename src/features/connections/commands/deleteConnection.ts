import * as vscode from 'vscode';
import { envPrefix } from '../../../core/connections/connectionEnvNames';
import { command } from '../../../platform/commands/command';
import { resolveSourceConnection, anyConnectionArg } from '../resolveConnection';

/** Deletes a connection after a confirmation that names its identifier (admins on a server; on an instance, as OpenHEXA allows). */
export const deleteConnection = command('openhexa.deleteConnection', [anyConnectionArg], async (services, arg) => {
  const found = await resolveSourceConnection(services, arg, vscode.l10n.t('Delete Connection'), 'deleteConnection');
  if (!found) {
    return;
  }
  const { source, connection } = found;
  const confirm = vscode.l10n.t('Delete');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Delete the connection "{0}" ({1}) from "{2}"?', connection.name, connection.identifier, source.workspace.name),
    {
      modal: true,
      detail: source.audited
        ? vscode.l10n.t('Notebooks and pipelines that read its variables ({0}_…) stop finding them. Its values are deleted; the audit log keeps who deleted it.', envPrefix(connection.identifier))
        : vscode.l10n.t('Notebooks and pipelines that read its variables ({0}_…) stop finding them. Its values are deleted.', envPrefix(connection.identifier)),
    },
    confirm,
  );
  if (answer !== confirm) {
    return;
  }
  await source.removeConnection(connection.identifier);
  services.log.info(`Deleted connection ${connection.identifier} from ${source.workspace.slug} on ${source.where}`);
  services.tree.refresh();
  void vscode.window.showInformationMessage(vscode.l10n.t('Deleted "{0}".', connection.name));
});

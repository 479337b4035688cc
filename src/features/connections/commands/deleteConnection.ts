import * as vscode from 'vscode';
import { envPrefix } from '../../../core/connections/connectionEnvNames';
import { deleteConnection as remove } from '../../../postgres/connections/connectionCalls';
import { command } from '../../../platform/commands/command';
import { connectionArg, resolveConnection } from '../resolveConnection';

/** Deletes a connection after a confirmation that names its identifier (admins). */
export const deleteConnection = command('openhexa.deleteConnection', [connectionArg({})], async (services, arg) => {
  const ref = await resolveConnection(services, arg, vscode.l10n.t('Delete Connection'), 'manageConnections');
  if (!ref) {
    return;
  }
  const { connection } = ref;
  const confirm = vscode.l10n.t('Delete');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Delete the connection "{0}" ({1}) from "{2}"?', connection.name, connection.identifier, ref.workspace.name),
    {
      modal: true,
      detail: vscode.l10n.t('Notebooks and pipelines that read its variables ({0}_…) stop finding them. Its values are deleted; the audit log keeps who deleted it.', envPrefix(connection.identifier)),
    },
    confirm,
  );
  if (answer !== confirm) {
    return;
  }
  await services.sessions.catalog(ref.profile, (c) => remove(c, ref.workspace.slug, connection.identifier));
  services.log.info(`Deleted connection ${connection.identifier} from ${ref.workspace.slug}`);
  services.tree.refresh();
});

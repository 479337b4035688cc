import * as vscode from 'vscode';
import { command } from '../../../platform/commands/command';
import { ConnectionFormPanel } from '../form/connectionFormPanel';
import { connectionArg, resolveConnection } from '../resolveConnection';

/** Opens a connection in the form to change its name, description and fields (admins). Secrets it does not touch are kept. */
export const editConnection = command('openhexa.editConnection', [connectionArg({})], async (services, arg) => {
  const ref = await resolveConnection(services, arg, vscode.l10n.t('Edit Connection'), 'manageConnections');
  if (ref) {
    ConnectionFormPanel.show(services, ref, { mode: 'edit', identifier: ref.connection.identifier, name: ref.connection.name });
  }
});

import * as vscode from 'vscode';
import { command } from '../../../platform/commands/command';
import { ConnectionFormPanel } from '../form/connectionFormPanel';
import { resolveSourceConnection, anyConnectionArg } from '../resolveConnection';

/** Opens a connection in the form to change its name, description and fields (admins on a server; on an instance, as OpenHEXA allows). Secrets it does not touch are kept. */
export const editConnection = command('openhexa.editConnection', [anyConnectionArg], async (services, arg) => {
  const found = await resolveSourceConnection(services, arg, vscode.l10n.t('Edit Connection'), 'editConnection');
  if (found) {
    ConnectionFormPanel.show(services, found.source, { mode: 'edit', identifier: found.connection.identifier, name: found.connection.name });
  }
});

import * as vscode from 'vscode';
import { command } from '../../../platform/commands/command';
import { ConnectionFormPanel } from '../form/connectionFormPanel';
import { connectionArg, resolveConnection } from '../resolveConnection';

/** A connection's fields, read-only, secrets masked until an audited Reveal (editors and admins). */
export const openConnection = command('openhexa.openConnection', [connectionArg({})], async (services, arg) => {
  const ref = await resolveConnection(services, arg, vscode.l10n.t('Open Connection'), 'useConnection');
  if (ref) {
    ConnectionFormPanel.show(services, ref, { mode: 'view', identifier: ref.connection.identifier, name: ref.connection.name });
  }
});

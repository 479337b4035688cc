import * as vscode from 'vscode';
import { command } from '../../../platform/commands/command';
import { ConnectionFormPanel } from '../form/connectionFormPanel';
import { resolveSourceConnection, anyConnectionArg } from '../resolveConnection';

/** A connection's fields, read-only, secrets masked until a Reveal (on a server: editors and admins, each reveal audited; on an instance: as OpenHEXA allows). */
export const openConnection = command('openhexa.openConnection', [anyConnectionArg], async (services, arg) => {
  const found = await resolveSourceConnection(services, arg, vscode.l10n.t('Open Connection'), 'viewConnection');
  if (found) {
    ConnectionFormPanel.show(services, found.source, { mode: 'view', identifier: found.connection.identifier, name: found.connection.name });
  }
});

import * as vscode from 'vscode';
import type { Command } from '../../../platform/commands/command';
import { ConnectionFormPanel } from '../form/connectionFormPanel';
import { resolveConnection } from '../resolveConnection';

/** Opens a connection in the form to change its name, description and fields (admins). Secrets it does not touch are kept. */
export const editConnection: Command = {
  id: 'openhexa.editConnection',
  run: async (services, arg?: unknown) => {
    const ref = await resolveConnection(services, arg, vscode.l10n.t('Edit Connection'));
    if (ref) {
      ConnectionFormPanel.show(services, ref, { mode: 'edit', identifier: ref.connection.identifier, name: ref.connection.name });
    }
  },
};

import * as vscode from 'vscode';
import type { Command } from '../../../platform/commands/command';
import { ConnectionFormPanel } from '../form/connectionFormPanel';
import { resolveConnection } from '../resolveConnection';

/** A connection's fields, read-only, secrets masked until an audited Reveal (editors and admins). */
export const openConnection: Command = {
  id: 'openhexa.openConnection',
  run: async (services, arg?: unknown) => {
    const ref = await resolveConnection(services, arg, vscode.l10n.t('Open Connection'));
    if (ref) {
      ConnectionFormPanel.show(services, ref, { mode: 'view', identifier: ref.connection.identifier, name: ref.connection.name });
    }
  },
};

import * as vscode from 'vscode';
import { may } from '../../../core/roles';
import type { Command } from '../../../platform/commands/command';
import { askAndChangeIdentifier } from '../changeIdentifier';
import { resolveConnection } from '../resolveConnection';

/** Changes a connection's identifier after a warning of what breaks (admins); `{ server, slug, identifier, newIdentifier }` skips the question. */
export const changeConnectionIdentifier: Command = {
  id: 'openhexa.changeConnectionIdentifier',
  run: async (services, arg?: unknown) => {
    const ref = await resolveConnection(services, arg, vscode.l10n.t('Change Connection Identifier'));
    if (!ref) {
      return undefined;
    }
    if (!may(ref.workspace.role, 'manageConnections')) {
      throw new Error(vscode.l10n.t('Only the admins of "{0}" change connection identifiers.', ref.workspace.name));
    }
    const given = arg && typeof arg === 'object' ? (arg as { newIdentifier?: unknown }).newIdentifier : undefined;
    return askAndChangeIdentifier(services, ref, ref.connection, typeof given === 'string' ? given : undefined);
  },
};

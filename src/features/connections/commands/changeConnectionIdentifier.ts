import * as vscode from 'vscode';
import { z } from 'zod';
import { command } from '../../../platform/commands/command';
import { givenValues } from '../../commandArgs';
import { askAndChangeIdentifier } from '../changeIdentifier';
import { connectionArg, resolveConnection } from '../resolveConnection';

/** Changes a connection's identifier after a warning of what breaks (admins); `{ server, slug, identifier, newIdentifier }` skips the question. */
export const changeConnectionIdentifier = command('openhexa.changeConnectionIdentifier', [connectionArg({ newIdentifier: z.string() })], async (services, arg) => {
  const ref = await resolveConnection(services, arg, vscode.l10n.t('Change Connection Identifier'), 'manageConnections');
  return ref && askAndChangeIdentifier(services, ref, ref.connection, givenValues(arg).newIdentifier);
});

import * as vscode from 'vscode';
import { z } from 'zod';
import { command } from '../../../platform/commands/command';
import { givenValues } from '../../commandArgs';
import { connectionArg, resolveSourceConnection } from '../resolveConnection';

/** Changes a connection's identifier after a warning of what breaks (a server's admins); `{ server, slug, identifier, newIdentifier }` skips the question. */
export const changeConnectionIdentifier = command('openhexa.changeConnectionIdentifier', [connectionArg({ newIdentifier: z.string() })], async (services, arg) => {
  const found = await resolveSourceConnection(services, arg, vscode.l10n.t('Change Connection Identifier'), 'changeIdentifier');
  return found && found.source.changeConnectionIdentifier(found.connection, givenValues(arg).newIdentifier);
});

import * as vscode from 'vscode';
import { z } from 'zod';
import { DATABASE_SETS } from '../../../core/notebooks/databaseEnv';
import { command } from '../../../platform/commands/command';
import { requireTrust } from '../../../platform/trust';
import { resolveSource } from '../../../sources/resolveSource';
import { givenValues, workspaceArg } from '../../commandArgs';
import { writeSourceEnv } from '../writeSourceEnv';

const writeEnvArg = workspaceArg(
  { identifier: z.string().min(1), target: z.enum(['all', 'database', 'connections']), set: z.enum(DATABASE_SETS) },
  'a workspace, its Database or Connections, a table or a connection in the OpenHEXA Workspaces view, or { server, slug, target | identifier, set }',
);

/** The workspace's variables (database, connections, or one connection) merged into the .env file notebooks load, on a server or an instance. Editors and admins. */
export const writeEnv = command('openhexa.writeEnv', [writeEnvArg], async (services, arg) => {
  const title = vscode.l10n.t('Write Variables to .env');
  // Before any question: in Restricted Mode nothing is written, whatever the answers.
  requireTrust(title);
  const found = await resolveSource(services, arg, title, 'seeCredentials');
  if (found) {
    await writeSourceEnv(services, found.source, found.place, givenValues(arg), title);
  }
});

import * as vscode from 'vscode';
import { z } from 'zod';
import { DATABASE_SETS } from '../../../core/notebooks/databaseEnv';
import { command } from '../../../platform/commands/command';
import { progress } from '../../../platform/commands/pickers';
import { requireTrust } from '../../../platform/trust';
import { resolveSource } from '../../../sources/resolveSource';
import { givenValues, workspaceArg } from '../../commandArgs';
import { openVariablesTerminal } from '../variablesTerminal';
import { pickDatabaseSet } from '../workspaceVariables';

/**
 * A terminal whose environment holds the workspace's variables (and libpq's
 * PG* for psql), on a server or an instance: for scripts and the SDK's
 * command line. Only this terminal gets them, and it is not restored after a
 * reload (its environment would be stored to restore it).
 */
export const openTerminal = command('openhexa.openTerminal', [workspaceArg({ set: z.enum(DATABASE_SETS) })], async (services, arg) => {
  const title = vscode.l10n.t('Open Terminal with Workspace Variables');
  // An untrusted folder's tasks and settings could read a terminal's environment.
  requireTrust(title);
  const found = await resolveSource(services, arg, title, 'seeCredentials');
  if (!found) {
    return;
  }
  const { source } = found;
  // Before any question: a source that refuses the credentials (an instance's viewer) says so now.
  const variables = await source.variables();
  const set = await pickDatabaseSet(givenValues(arg).set, title);
  if (!set) {
    return;
  }
  const sections = await progress(vscode.l10n.t('Reading the variables of "{0}"…', source.workspace.name), async () => variables.read(set, await source.connections()));
  openVariablesTerminal(services, source.workspace, sections, variables.tls, set);
});

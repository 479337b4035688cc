import { handedOutTls, tlsEnvironment } from '../../../core/tls/handedOutTls';
import * as vscode from 'vscode';
import { z } from 'zod';
import { DATABASE_SETS } from '../../../core/notebooks/databaseEnv';
import type { WorkspaceSection } from '../../../core/notebooks/workspaceEnvFile';
import { listConnections } from '../../../postgres/connections/connectionCalls';
import { command } from '../../../platform/commands/command';
import { progress, resolveWorkspace } from '../../../platform/commands/pickers';
import { requireTrust } from '../../../platform/trust';
import { givenValues, workspaceArg } from '../../commandArgs';
import { openVariablesTerminal } from '../variablesTerminal';
import { pickDatabaseSet, readConnectionSection, readDatabaseSection } from '../workspaceVariables';

/**
 * A terminal whose environment holds the workspace's variables (and libpq's
 * PG* for psql): for scripts and the SDK's command line. Only this terminal
 * gets them, and it is not restored after a reload (its environment would be
 * stored to restore it).
 */
export const openTerminal = command('openhexa.openTerminal', [workspaceArg({ set: z.enum(DATABASE_SETS) })], async (services, arg) => {
  const title = vscode.l10n.t('Open Terminal with Workspace Variables');
  // An untrusted folder's tasks and settings could read a terminal's environment.
  requireTrust(title);
  const ref = await resolveWorkspace(services, arg, title, 'seeCredentials');
  if (!ref) {
    return;
  }
  const set = await pickDatabaseSet(givenValues(arg).set, title);
  if (!set) {
    return;
  }
  const sections = await progress(vscode.l10n.t('Reading the variables of "{0}"…', ref.workspace.name), async () => {
    const read: WorkspaceSection[] = [await readDatabaseSection(services, ref, set)];
    for (const connection of await services.sessions.catalog(ref.profile, (c) => listConnections(c, ref.workspace.slug))) {
      read.push(await readConnectionSection(services, ref, connection));
    }
    return read;
  });
  openVariablesTerminal(services, ref.workspace, sections, tlsEnvironment(handedOutTls(services.sessions.tls(ref.profile), services.sessions.tlsSeen(ref.profile), true)), set);
});

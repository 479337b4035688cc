import { handedOutTls, tlsEnvironment } from '../../../core/tls/handedOutTls';
import * as vscode from 'vscode';
import { z } from 'zod';
import { DATABASE_SETS } from '../../../core/notebooks/databaseEnv';
import { terminalEnvironment, type WorkspaceSection } from '../../../core/notebooks/workspaceEnvFile';
import { listConnections } from '../../../postgres/connections/connectionCalls';
import { command } from '../../../platform/commands/command';
import { progress, resolveWorkspace } from '../../../platform/commands/pickers';
import { requireTrust } from '../../../platform/trust';
import { givenValues, workspaceArg } from '../../commandArgs';
import { refusalText } from '../refusals';
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
  const { env, refused } = terminalEnvironment(sections, tlsEnvironment(handedOutTls(services.sessions.tls(ref.profile), services.sessions.tlsSeen(ref.profile), true)));
  for (const refusal of refused) {
    services.log.warn(`Left ${refusal.key} of workspace ${ref.workspace.slug} out of the terminal: ${refusal.reason} (${refusal.variable})`);
    void vscode.window.showWarningMessage(refusalText(refusal));
  }
  const terminal = vscode.window.createTerminal({
    name: vscode.l10n.t('OpenHEXA: {0}', ref.workspace.name),
    env,
    iconPath: new vscode.ThemeIcon('database'),
    isTransient: true,
  });
  terminal.show();
  services.log.info(`Opened a terminal with the ${Object.keys(env).length} variables of workspace ${ref.workspace.slug} (${set} login)`);
});

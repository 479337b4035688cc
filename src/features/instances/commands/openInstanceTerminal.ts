import * as vscode from 'vscode';
import { workspaceCredentials } from '../../../openhexa/instanceCalls';
import { instanceConnections } from '../../../openhexa/instanceConnections';
import { instanceSections } from '../../../openhexa/instanceVariables';
import { command } from '../../../platform/commands/command';
import { progress } from '../../../platform/commands/pickers';
import { requireTrust } from '../../../platform/trust';
import { nodeArg } from '../../commandArgs';
import { pickDatabaseSet } from '../../notebooks/workspaceVariables';
import { openVariablesTerminal } from '../../notebooks/variablesTerminal';

const workspaceArg = nodeArg(['instanceWorkspace', 'instanceDatabase'], 'an OpenHEXA workspace or its Database, from the Workspaces view');

/**
 * A terminal with an instance's workspace variables, as on a PostgreSQL
 * server: WORKSPACE_DATABASE_* and PG* from the credentials OpenHEXA hands
 * to editors and admins, and every connection's variables.
 */
export const openInstanceTerminal = command('openhexa.openInstanceTerminal', [workspaceArg], async (services, node) => {
  const title = vscode.l10n.t('Open Terminal with Workspace Variables');
  // An untrusted folder's tasks and settings could read a terminal's environment.
  requireTrust(title);
  if (!node) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Choose a workspace under an OpenHEXA instance in the Workspaces view'));
    return;
  }
  const { profile, workspace } = node;
  const session = () => services.instances.session(profile.server);
  // OpenHEXA refuses viewers the credentials, and says so, before any question.
  const credentials = await workspaceCredentials(await session(), workspace.slug);
  const set = await pickDatabaseSet(undefined, title);
  if (!set) {
    return;
  }
  const sections = await progress(vscode.l10n.t('Reading the variables of "{0}"…', workspace.name), async () => {
    const store = instanceConnections(session, workspace.slug);
    return instanceSections(credentials, set, store, await store.list());
  });
  // No TLS files are handed out with an instance's credentials: libpq's own defaults apply.
  openVariablesTerminal(services, workspace, sections, {}, set);
});

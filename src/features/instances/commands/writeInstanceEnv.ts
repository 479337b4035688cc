import * as vscode from 'vscode';
import { workspaceCredentials } from '../../../openhexa/instanceCalls';
import { instanceConnections } from '../../../openhexa/instanceConnections';
import { instanceSections } from '../../../openhexa/instanceVariables';
import { argOrPick } from '../../../platform/commands/pickers';
import { command } from '../../../platform/commands/command';
import { requireTrust } from '../../../platform/trust';
import { nodeArg } from '../../commandArgs';
import { pickDatabaseSet, writeVariables } from '../../notebooks/workspaceVariables';

const workspaceArg = nodeArg(['instanceWorkspace', 'instanceDatabase', 'instanceConnections', 'instanceConnection'], 'an OpenHEXA workspace, its Database or Connections, or a connection, from the Workspaces view');

/**
 * WORKSPACE_DATABASE_* and the connections' variables of an instance's
 * workspace, merged into the .env file notebooks load, as on a PostgreSQL
 * server: the credentials and values OpenHEXA hands to editors and admins.
 */
export const writeInstanceEnv = command('openhexa.writeInstanceEnv', [workspaceArg], async (services, node) => {
  const title = vscode.l10n.t('Write Variables to .env');
  requireTrust(title);
  if (!node) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Choose it under an OpenHEXA instance in the Workspaces view'));
    return;
  }
  const { profile, workspace } = node;
  const session = () => services.instances.session(profile.server);
  // OpenHEXA refuses viewers the credentials and secrets, and says so, before any question.
  const credentials = await workspaceCredentials(await session(), workspace.slug);
  const store = instanceConnections(session, workspace.slug);
  const connections = await store.list();
  type Scope = 'all' | 'database' | 'connections' | { identifier: string };
  const scope: Scope | undefined =
    node.kind === 'instanceConnection'
      ? { identifier: node.connection.identifier }
      : node.kind === 'instanceDatabase'
        ? 'database'
        : await argOrPick<Scope>(
            undefined,
            () => [
              ...(node.kind === 'instanceConnections' ? [] : [{ label: vscode.l10n.t('The database and all connections'), value: 'all' as const }, { label: vscode.l10n.t('The workspace database'), value: 'database' as const }]),
              ...(connections.length > 0 ? [{ label: vscode.l10n.t('All connections'), description: String(connections.length), value: 'connections' as const }] : []),
              ...connections.map((c) => ({ label: c.name, description: c.identifier, value: { identifier: c.identifier } })),
            ],
            { title, placeHolder: vscode.l10n.t('What should .env hold?') },
          );
  if (!scope) {
    return;
  }
  const withDatabase = scope === 'all' || scope === 'database';
  const set = withDatabase ? await pickDatabaseSet(undefined, title) : undefined;
  if (withDatabase && !set) {
    return;
  }
  const chosen = typeof scope === 'object' ? connections.filter((c) => c.identifier === scope.identifier) : scope === 'database' ? [] : connections;
  await writeVariables(
    services,
    { slug: workspace.slug, name: workspace.name, host: credentials.ro.host, port: credentials.ro.port },
    connections.map((c) => c.identifier),
    () => instanceSections(credentials, set, store, chosen),
    title,
  );
});

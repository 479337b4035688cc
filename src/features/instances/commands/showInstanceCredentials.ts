import * as vscode from 'vscode';
import { regeneratePassword, workspaceCredentials } from '../../../openhexa/instanceCalls';
import { command } from '../../../platform/commands/command';
import { nodeArg } from '../../commandArgs';
import { CredentialsPanel } from '../../credentials/credentialsPanel';

const workspaceArg = nodeArg(['instanceWorkspace', 'instanceDatabase'], 'an OpenHEXA workspace or its Database, from the Workspaces view');

/**
 * The workspace database's two logins as OpenHEXA hands them to editors and
 * admins, in the product's credentials panel: passwords shown or copied only
 * when asked, regenerated where OpenHEXA allows it (its update_workspace).
 */
export const showInstanceCredentials = command('openhexa.showInstanceCredentials', [workspaceArg], async (services, node) => {
  if (!node) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Choose it under an OpenHEXA instance in the Workspaces view'));
    return;
  }
  const { profile, workspace } = node;
  const session = () => services.instances.session(profile.server);
  // The logins' names, host and port (OpenHEXA refuses viewers here, and says so).
  const first = await workspaceCredentials(await session(), workspace.slug);
  CredentialsPanel.open(
    services,
    `instance:${profile.server}/${workspace.slug}`,
    {
      fetchPassword: async (kind) => (await workspaceCredentials(await session(), workspace.slug))[kind].password,
      regeneratePassword: async (kind) => {
        await regeneratePassword(await session(), workspace.slug, kind);
        return (await workspaceCredentials(await session(), workspace.slug))[kind].password;
      },
    },
    {
      host: first.ro.host,
      port: first.ro.port,
      tls: {},
      workspace: { name: workspace.name, slug: workspace.slug, dbName: first.ro.dbName, role: workspace.role },
      usernames: { rw: first.rw.username, ro: first.ro.username },
      canRegenerate: workspace.may.update,
      audited: false,
    },
  );
});

import * as vscode from 'vscode';
import { OpenHexaError } from '../../../openhexa/graphqlClient';
import { workspaceCredentials } from '../../../openhexa/instanceCalls';
import { ApiTableReader } from '../../../openhexa/apiTableReader';
import { databaseLogin, databaseReachable } from '../../../openhexa/instanceLogins';
import { command } from '../../../platform/commands/command';
import { say } from '../../../platform/say';
import { PreviewPanel } from '../../preview/previewPanel';
import { instanceTableArg } from '../instanceArgs';

/**
 * Previews a table of an instance's workspace directly on its database,
 * with the read-only credentials OpenHEXA hands to editors and admins: the
 * product's keyset paging, sort, filters, counts and export, as on a
 * PostgreSQL server. Viewers, and members whose computer does not reach the
 * database, read through OpenHEXA's API instead (said in the panel).
 */
export const previewInstanceTable = command('openhexa.previewInstanceTable', [instanceTableArg], async (services, node) => {
  if (!node) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Choose a table of an OpenHEXA workspace in the Workspaces view'));
    return;
  }
  try {
    const session = () => services.instances.session(node.profile.server);
    const key = `instance:${node.profile.server}/${node.workspace.slug}/public/${node.table.name}`;
    const throughApi = (): void => void PreviewPanel.showWithReader(services, key, node.workspace, new ApiTableReader(session, node.workspace.slug, node.table));
    // OpenHEXA gives viewers no credentials: their preview goes through its API (the panel says it is slower).
    if (node.workspace.role === 'viewer') {
      return throughApi();
    }
    const { ro } = await workspaceCredentials(await session(), node.workspace.slug);
    const login = databaseLogin(ro);
    if (!(await databaseReachable(login))) {
      services.log.warn(`The database of ${node.workspace.slug} at ${ro.host}:${ro.port} does not answer from this computer: previewing ${node.table.name} through OpenHEXA's API`);
      void vscode.window.showInformationMessage(vscode.l10n.t("The workspace database at {0} does not answer from this computer: the preview reads through OpenHEXA's API, slower and without filters.", `${ro.host}:${ro.port}`));
      return throughApi();
    }
    PreviewPanel.showWithLogin(services, key, node.workspace, login, { schema: 'public', name: node.table.name });
  } catch (err) {
    const message = err instanceof OpenHexaError ? say(err.said) : err instanceof Error ? err.message : String(err);
    void vscode.window.showErrorMessage(message);
  }
});

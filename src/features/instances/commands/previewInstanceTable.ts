import * as vscode from 'vscode';
import { OpenHexaError } from '../../../openhexa/graphqlClient';
import { workspaceCredentials } from '../../../openhexa/instanceCalls';
import { databaseLogin } from '../../../openhexa/instanceLogins';
import { command } from '../../../platform/commands/command';
import { say } from '../../../platform/say';
import { PreviewPanel } from '../../preview/previewPanel';
import { instanceTableArg } from '../instanceArgs';

/**
 * Previews a table of an instance's workspace directly on its database,
 * with the read-only credentials OpenHEXA hands to editors and admins: the
 * product's keyset paging, sort, filters, counts and export, as on a
 * PostgreSQL server.
 */
export const previewInstanceTable = command('openhexa.previewInstanceTable', [instanceTableArg], async (services, node) => {
  if (!node) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Choose a table of an OpenHEXA workspace in the Workspaces view'));
    return;
  }
  try {
    const session = await services.instances.session(node.profile.server);
    const { ro } = await workspaceCredentials(session, node.workspace.slug);
    const key = `instance:${node.profile.server}/${node.workspace.slug}/public/${node.table.name}`;
    PreviewPanel.showWithLogin(services, key, node.workspace, databaseLogin(ro), { schema: 'public', name: node.table.name });
  } catch (err) {
    const message = err instanceof OpenHexaError ? say(err.said) : err instanceof Error ? err.message : String(err);
    void vscode.window.showErrorMessage(message);
  }
});

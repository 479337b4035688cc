import * as vscode from 'vscode';
import { qualifiedName } from '../../../core/identifiers';
import { command } from '../../../platform/commands/command';
import { nodeArg } from '../../commandArgs';
import { instanceTableArg } from '../instanceArgs';

const workspaceArg = nodeArg(['instanceWorkspace', 'instanceDatabase'], "an OpenHEXA workspace or its Database, from the Workspaces view");

/**
 * A SQL document bound to an instance's workspace: the query console runs
 * it on the workspace database itself, with the read-only credentials
 * OpenHEXA hands to editors and admins (the read/write ones once the
 * document allows writes).
 */
export const newInstanceQuery = command('openhexa.newInstanceQuery', [workspaceArg], async (services, node) => {
  if (!node) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Choose a workspace under an OpenHEXA instance in the Workspaces view'));
    return;
  }
  await services.queries.newInstanceQuery(node.profile.server, node.workspace, '');
});

/** A bound document that reads a table's first 100 rows of an instance's workspace, run at once. */
export const queryInstanceTable = command('openhexa.queryInstanceTable', [instanceTableArg], async (services, node) => {
  if (!node) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Choose a table of an OpenHEXA workspace in the Workspaces view'));
    return;
  }
  const editor = await services.queries.newInstanceQuery(node.profile.server, node.workspace, `SELECT * FROM ${qualifiedName('public', node.table.name)} LIMIT 100;\n`);
  editor.selection = new vscode.Selection(0, 0, 0, 0);
  const binding = services.queries.documents.get(editor.document.uri);
  if (binding) {
    await services.queries.run(editor, binding, 'statement');
  }
});

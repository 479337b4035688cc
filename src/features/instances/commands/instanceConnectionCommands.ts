import * as vscode from 'vscode';
import { envPrefix } from '../../../core/connections/connectionEnvNames';
import { instanceConnections } from '../../../openhexa/instanceConnections';
import { command } from '../../../platform/commands/command';
import { nodeArg } from '../../commandArgs';
import { showInstanceConnectionForm } from '../instanceConnectionForm';

const connectionsArg = nodeArg(['instanceConnections', 'instanceWorkspace'], "an OpenHEXA workspace or its Connections, from the Workspaces view");
const connectionArg = nodeArg(['instanceConnection'], "a connection of an OpenHEXA workspace, from the Workspaces view");

function chooseInTree(): void {
  void vscode.window.showInformationMessage(vscode.l10n.t('Choose it under an OpenHEXA instance in the Workspaces view'));
}

/** A new connection on the instance (OpenHEXA's createConnection permission: editors and admins). */
export const newInstanceConnection = command('openhexa.newInstanceConnection', [connectionsArg], (services, node) => {
  if (!node) {
    return chooseInTree();
  }
  if (!node.workspace.may.createConnection) {
    throw new Error(vscode.l10n.t('OpenHEXA does not let you create connections in "{0}": its editors and admins do.', node.workspace.name));
  }
  showInstanceConnectionForm(services, node, { mode: 'create' }, true);
});

/** The connection's values, read-only (those OpenHEXA lets update it: it answers them its secrets). */
export const openInstanceConnection = command('openhexa.openInstanceConnection', [connectionArg], (services, node) => {
  if (!node) {
    return chooseInTree();
  }
  if (!node.connection.may.update) {
    throw new Error(vscode.l10n.t('OpenHEXA shows the values of "{0}" to the editors and admins of "{1}".', node.connection.name, node.workspace.name));
  }
  showInstanceConnectionForm(services, node, { mode: 'view', identifier: node.connection.identifier, name: node.connection.name }, true);
});

export const editInstanceConnection = command('openhexa.editInstanceConnection', [connectionArg], (services, node) => {
  if (!node) {
    return chooseInTree();
  }
  if (!node.connection.may.update) {
    throw new Error(vscode.l10n.t('OpenHEXA does not let you edit "{0}": the editors and admins of "{1}" do.', node.connection.name, node.workspace.name));
  }
  showInstanceConnectionForm(services, node, { mode: 'edit', identifier: node.connection.identifier, name: node.connection.name }, true);
});

export const deleteInstanceConnection = command('openhexa.deleteInstanceConnection', [connectionArg], async (services, node) => {
  if (!node) {
    return chooseInTree();
  }
  const { connection, workspace, profile } = node;
  if (!connection.may.delete) {
    throw new Error(vscode.l10n.t('OpenHEXA does not let you delete "{0}": the editors and admins of "{1}" do.', connection.name, workspace.name));
  }
  const remove = vscode.l10n.t('Delete');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Delete the connection "{0}" from "{1}" on OpenHEXA?', connection.name, workspace.name),
    { modal: true, detail: vscode.l10n.t('Notebooks and pipelines that read its variables (the {0} prefix) stop finding them.', envPrefix(connection.identifier)) },
    remove,
  );
  if (answer !== remove) {
    return;
  }
  await instanceConnections(() => services.instances.session(profile.server), workspace.slug).remove(connection.identifier);
  services.log.info(`Deleted connection ${connection.identifier} of ${workspace.slug} on OpenHEXA at ${profile.server}`);
  services.tree.refresh();
  void vscode.window.showInformationMessage(vscode.l10n.t('Deleted "{0}".', connection.name));
});

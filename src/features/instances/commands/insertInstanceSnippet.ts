import * as vscode from 'vscode';
import { CONNECTION_TYPES } from '../../../core/connections/types';
import { connectionSnippet } from '../../../core/notebooks/connectionSnippet';
import { databaseSnippet } from '../../../core/notebooks/databaseSnippet';
import { instanceConnections } from '../../../openhexa/instanceConnections';
import { command } from '../../../platform/commands/command';
import type { Services } from '../../../platform/services';
import { nodeArg, type NodeOfKind } from '../../commandArgs';
import { insertSnippetOf, rDriver, type SnippetSubject } from '../../notebooks/snippetFlow';

const targetArg = nodeArg(['instanceDatabase', 'instanceTable', 'instanceConnection'], "an OpenHEXA workspace's Database, a table or a connection, from the Workspaces view");

/** What the snippet reads on an instance; missing variables are written as Write Variables to .env writes them there. */
function instanceSubject(services: Services, node: NodeOfKind<'instanceDatabase' | 'instanceTable' | 'instanceConnection'>): SnippetSubject {
  const { profile, workspace } = node;
  const base = { workspaceSlug: workspace.slug };
  if (node.kind === 'instanceConnection') {
    const { connection } = node;
    const type = CONNECTION_TYPES[connection.type];
    const store = instanceConnections(() => services.instances.session(profile.server), workspace.slug);
    return {
      ...base,
      what: 'connection',
      connection,
      about: `connection ${connection.identifier}`,
      // Only a custom connection's snippet needs its codes (OpenHEXA sends a secret's value only to who may update it: not needed here).
      code: async (flavour) => connectionSnippet(type, connection.identifier, type.fields.length > 0 ? [] : await store.fields(connection.identifier), flavour, rDriver()),
      writeVariables: () => vscode.commands.executeCommand('openhexa.writeInstanceEnv', node),
    };
  }
  const table = node.kind === 'instanceTable' ? { schema: 'public', name: node.table.name } : undefined;
  return {
    ...base,
    what: 'database',
    about: 'the workspace database',
    code: (flavour) => Promise.resolve(databaseSnippet(flavour, rDriver(), table)),
    writeVariables: () => vscode.commands.executeCommand('openhexa.writeInstanceEnv', { kind: 'instanceDatabase', profile, workspace }),
  };
}

/**
 * A notebook cell that reads an instance's workspace database, one of its
 * tables or a connection, from the variables .env holds (no value in the
 * cell), as on a PostgreSQL server; the same code runs in OpenHEXA's own
 * notebooks with the SDK.
 */
export const insertInstanceSnippet = command('openhexa.insertInstanceSnippet', [targetArg], async (services, node) => {
  if (!node) {
    void vscode.window.showInformationMessage(vscode.l10n.t("Choose an OpenHEXA workspace's Database, a table or a connection in the Workspaces view"));
    return;
  }
  await insertSnippetOf(services, instanceSubject(services, node), undefined);
});

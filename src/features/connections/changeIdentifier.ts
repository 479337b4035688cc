import * as vscode from 'vscode';
import { C } from '../../core/connections/connectionMessages';
import { connectionEnvNames, envPrefix, firstReserved } from '../../core/connections/connectionEnvNames';
import { identifierMixProblem, identifierProblem } from '../../core/connections/identifier';
import { CONNECTION_TYPES } from '../../core/connections/types';
import { changeConnectionIdentifier, connectionFields, listConnections, type ConnectionSummary } from '../../postgres/connections/connectionCalls';
import type { WorkspaceRef } from '../../platform/commands/pickers';
import type { Services } from '../../platform/services';
import { say } from '../../platform/say';

/**
 * Asks an admin for a connection's new identifier, warns what breaks, and
 * changes it. The new identifier, or undefined when the admin gave up.
 */
export async function askAndChangeIdentifier(services: Services, ref: WorkspaceRef, connection: Pick<ConnectionSummary, 'identifier' | 'name'>, given?: string): Promise<string | undefined> {
  const all = await services.sessions.catalog(ref.profile, (c) => listConnections(c, ref.workspace.slug));
  const others = all.map((c) => c.identifier).filter((id) => id !== connection.identifier);
  // The variables the new identifier would make, with this connection's own fields.
  const type = CONNECTION_TYPES[all.find((c) => c.identifier === connection.identifier)?.type ?? 'custom'];
  const codes = type.id === 'custom' ? (await services.sessions.catalog(ref.profile, (c) => connectionFields(c, ref.workspace.slug, connection.identifier))).map((f) => f.code) : [];
  const problemWith = (value: string): string | undefined => {
    if (value === connection.identifier) {
      return vscode.l10n.t('This is the current identifier');
    }
    if (others.includes(value)) {
      return vscode.l10n.t('The workspace already has a connection "{0}".', value);
    }
    const problem = identifierProblem(value);
    if (problem) {
      return say(problem);
    }
    const reserved = firstReserved(connectionEnvNames(type, value, codes));
    if (reserved) {
      return vscode.l10n.t(C.identifierReservedEnv, reserved.name, say(reserved.readBy));
    }
    const mixes = identifierMixProblem(value, all.filter((c) => c.identifier !== connection.identifier));
    return mixes ? say(mixes) : undefined;
  };
  let next = given;
  if (next === undefined) {
    next = await vscode.window.showInputBox({
      title: vscode.l10n.t('Change the identifier of "{0}"', connection.name),
      value: connection.identifier,
      prompt: vscode.l10n.t('Environment variables are named after it ({0}_…).', envPrefix(connection.identifier)),
      validateInput: problemWith,
    });
    if (next === undefined) {
      return undefined;
    }
  } else {
    const problem = problemWith(next);
    if (problem) {
      throw new Error(problem);
    }
  }
  const change = vscode.l10n.t('Change Identifier');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Change the identifier of "{0}" from {1} to {2}?', connection.name, connection.identifier, next),
    {
      modal: true,
      detail: vscode.l10n.t(
        'Its environment variables become {0}_… instead of {1}_…: notebooks, pipelines and .env files that use the old identifier or variables stop finding the connection until they are updated.',
        envPrefix(next),
        envPrefix(connection.identifier),
      ),
    },
    change,
  );
  if (answer !== change) {
    return undefined;
  }
  await services.sessions.catalog(ref.profile, (c) => changeConnectionIdentifier(c, ref.workspace.slug, connection.identifier, next));
  services.log.info(`Changed the identifier of connection ${connection.identifier} to ${next} (${ref.workspace.slug})`);
  services.tree.refresh();
  void vscode.window.showInformationMessage(vscode.l10n.t('The connection "{0}" is now {1}: update the notebooks and .env files that used {2}.', connection.name, next, connection.identifier));
  return next;
}

import * as vscode from 'vscode';
import type { DatabaseSet } from '../../core/notebooks/databaseEnv';
import type { ConnectionSummary } from '../../postgres/connections/connectionCalls';
import { argOrPick } from '../../platform/commands/pickers';
import type { Services } from '../../platform/services';
import type { SourcePlace, WorkspaceSource } from '../../sources/workspaceSource';
import { connectionNamed } from '../connections/resolveConnection';
import { pickDatabaseSet, writeVariables } from './workspaceVariables';

type Scope = 'all' | 'database' | 'connections' | { identifier: string };

/** What a script may say instead of being asked. */
export interface EnvChoices {
  readonly identifier?: string;
  readonly target?: 'all' | 'database' | 'connections';
  readonly set?: DatabaseSet;
}

function pickScope(place: SourcePlace, given: EnvChoices, title: string, connections: readonly ConnectionSummary[]): Promise<Scope | undefined> {
  if (place.at === 'connection') {
    return Promise.resolve({ identifier: place.connection.identifier });
  }
  if (place.at === 'database' || place.at === 'table' || place.at === 'query') {
    return Promise.resolve('database');
  }
  const onlyConnections = place.at === 'connections';
  return argOrPick<Scope>(
    given.identifier !== undefined ? { identifier: given.identifier } : given.target,
    () => [
      ...(onlyConnections ? [] : [{ label: vscode.l10n.t('The database and all connections'), value: 'all' as const }, { label: vscode.l10n.t('The workspace database'), value: 'database' as const }]),
      ...(connections.length > 0 ? [{ label: vscode.l10n.t('All connections'), description: String(connections.length), value: 'connections' as const }] : []),
      ...connections.map((c) => ({ label: c.name, description: c.identifier, value: { identifier: c.identifier } })),
    ],
    { title, placeHolder: vscode.l10n.t('What should .env hold?') },
  );
}

/**
 * The workspace's variables (database, connections, or one connection, as
 * the place says or the user picks) merged into the .env file notebooks
 * load, from whichever kind of server keeps them.
 */
export async function writeSourceEnv(services: Services, source: WorkspaceSource, place: SourcePlace, given: EnvChoices, title: string): Promise<void> {
  // Before any question: a source that refuses the credentials (an instance's viewer) says so now.
  const variables = await source.variables();
  const connections = await source.connections();
  const scope = await pickScope(place, given, title, connections);
  if (!scope) {
    return;
  }
  const withDatabase = scope === 'all' || scope === 'database';
  const set = withDatabase ? await pickDatabaseSet(given.set, title) : undefined;
  if (withDatabase && !set) {
    return;
  }
  const chosen = typeof scope === 'object' ? [connectionNamed(connections, source.workspace.name, scope.identifier)] : scope === 'database' ? [] : connections;
  await writeVariables(
    services,
    variables.owner,
    connections.map((c) => c.identifier),
    () => variables.read(set, chosen),
    title,
  );
}

import * as vscode from 'vscode';
import { z } from 'zod';
import type { WorkspaceSection } from '../../../core/notebooks/workspaceEnvFile';
import { listConnections } from '../../../postgres/connections/connectionCalls';
import { DATABASE_SETS } from '../../../core/notebooks/databaseEnv';
import { command } from '../../../platform/commands/command';
import { argOrPick, resolveWorkspace } from '../../../platform/commands/pickers';
import { requireTrust } from '../../../platform/trust';
import { givenValues, isTreeNode, workspaceArg } from '../../commandArgs';
import { connectionNamed } from '../../connections/resolveConnection';
import { ownerOf, pickDatabaseSet, readConnectionSection, readDatabaseSection, writeVariables } from '../workspaceVariables';

type Scope = 'all' | 'database' | 'connections' | { identifier: string };

const writeEnvArg = workspaceArg(
  { identifier: z.string().min(1), target: z.enum(['all', 'database', 'connections']), set: z.enum(DATABASE_SETS) },
  'a workspace, its Database or Connections, a table or a connection in the OpenHEXA Workspaces view, or { server, slug, target | identifier, set }',
);
type WriteEnvArg = z.output<typeof writeEnvArg>;

async function pickScope(arg: WriteEnvArg | undefined, title: string, names: readonly { identifier: string; name: string }[]): Promise<Scope | undefined> {
  const node = arg && isTreeNode(arg) ? arg : undefined;
  if (node?.kind === 'connection') {
    return { identifier: node.connection.identifier };
  }
  if (node?.kind === 'database' || node?.kind === 'table') {
    return 'database';
  }
  const given = givenValues(arg);
  const onlyConnections = node?.kind === 'connections';
  return argOrPick<Scope>(
    given.identifier !== undefined ? { identifier: given.identifier } : given.target,
    () => [
      ...(onlyConnections ? [] : [{ label: vscode.l10n.t('The database and all connections'), value: 'all' as const }, { label: vscode.l10n.t('The workspace database'), value: 'database' as const }]),
      ...(names.length > 0 ? [{ label: vscode.l10n.t('All connections'), description: String(names.length), value: 'connections' as const }] : []),
      ...names.map((c) => ({ label: c.name, description: c.identifier, value: { identifier: c.identifier } })),
    ],
    { title, placeHolder: vscode.l10n.t('What should .env hold?') },
  );
}

/** The workspace's variables (database, connections, or one connection) merged into the .env file notebooks load. Editors and admins. */
export const writeEnv = command('openhexa.writeEnv', [writeEnvArg], async (services, arg) => {
  const title = vscode.l10n.t('Write Variables to .env');
  // Before any question: in Restricted Mode nothing is written, whatever the answers.
  requireTrust(title);
  const ref = await resolveWorkspace(services, arg, title, 'seeCredentials');
  if (!ref) {
    return;
  }
  const connections = await services.sessions.catalog(ref.profile, (c) => listConnections(c, ref.workspace.slug));
  const scope = await pickScope(arg, title, connections);
  if (!scope) {
    return;
  }
  const withDatabase = scope === 'all' || scope === 'database';
  const set = withDatabase ? await pickDatabaseSet(givenValues(arg).set, title) : undefined;
  if (withDatabase && !set) {
    return;
  }
  const chosen = typeof scope === 'object' ? [connectionNamed(connections, ref.workspace.name, scope.identifier)] : scope === 'database' ? [] : connections;
  await writeVariables(
    services,
    ownerOf(ref),
    connections.map((c) => c.identifier),
    async () => {
      const read: WorkspaceSection[] = set ? [await readDatabaseSection(services, ref, set)] : [];
      for (const connection of chosen) {
        read.push(await readConnectionSection(services, ref, connection));
      }
      return read;
    },
    title,
  );
});

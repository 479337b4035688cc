import * as vscode from 'vscode';
import type { WorkspaceSection } from '../../../core/notebooks/workspaceEnvFile';
import { listConnections } from '../../../postgres/connections/connectionCalls';
import type { Command } from '../../../platform/commands/command';
import { resolveWorkspace } from '../../../platform/commands/pickers';
import { asConnectionNode } from '../../connections/nodes/connectionNode';
import { connectionNamed } from '../../connections/resolveConnection';
import { requireTrust } from '../../../platform/trust';
import { requireCredentials } from '../notebookTarget';
import { pickDatabaseSet, readConnectionSection, readDatabaseSection, writeVariables } from '../workspaceVariables';

type Scope = 'all' | 'database' | 'connections' | { identifier: string };

const kindOf = (arg: unknown): unknown => (arg && typeof arg === 'object' ? (arg as { kind?: unknown }).kind : undefined);

async function pickScope(arg: unknown, title: string, names: readonly { identifier: string; name: string }[]): Promise<Scope | undefined> {
  const given = arg && typeof arg === 'object' ? (arg as { target?: unknown; identifier?: unknown }) : {};
  if (typeof given.identifier === 'string') {
    return { identifier: given.identifier };
  }
  if (given.target === 'all' || given.target === 'database' || given.target === 'connections') {
    return given.target;
  }
  const kind = kindOf(arg);
  if (kind === 'database' || kind === 'table') {
    return 'database';
  }
  const picked = await vscode.window.showQuickPick(
    [
      ...(kind === 'connections' ? [] : [{ label: vscode.l10n.t('The database and all connections'), scope: 'all' as Scope }, { label: vscode.l10n.t('The workspace database'), scope: 'database' as Scope }]),
      ...(names.length > 0 ? [{ label: vscode.l10n.t('All connections'), description: String(names.length), scope: 'connections' as Scope }] : []),
      ...names.map((c) => ({ label: c.name, description: c.identifier, scope: { identifier: c.identifier } as Scope })),
    ],
    { title, placeHolder: vscode.l10n.t('What should .env hold?') },
  );
  return picked?.scope;
}

/** The workspace's variables (database, connections, or one connection) merged into the .env file notebooks load. Editors and admins. */
export const writeEnv: Command = {
  id: 'openhexa.writeEnv',
  run: async (services, arg?: unknown) => {
    const title = vscode.l10n.t('Write Variables to .env');
    // Before any question: in Restricted Mode nothing is written, whatever the answers.
    requireTrust(title);
    const node = asConnectionNode(arg);
    const ref = node ?? (await resolveWorkspace(services, arg, title));
    if (!ref) {
      return;
    }
    requireCredentials(ref);
    const connections = await services.sessions.catalog(ref.profile, (c) => listConnections(c, ref.workspace.slug));
    const scope = node ? { identifier: node.connection.identifier } : await pickScope(arg, title, connections);
    if (!scope) {
      return;
    }
    const withDatabase = scope === 'all' || scope === 'database';
    const set = withDatabase ? await pickDatabaseSet(arg && typeof arg === 'object' ? (arg as { set?: unknown }).set : undefined, title) : undefined;
    if (withDatabase && !set) {
      return;
    }
    const chosen = typeof scope === 'object' ? [connectionNamed(connections, ref.workspace.name, scope.identifier)] : scope === 'database' ? [] : connections;
    await writeVariables(
      services,
      ref,
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
  },
};

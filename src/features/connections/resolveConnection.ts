import * as vscode from 'vscode';
import { z } from 'zod';
import type { ConnectionSummary } from '../../postgres/connections/connectionCalls';
import { argOrPick } from '../../platform/commands/pickers';
import type { Services } from '../../platform/services';
import { resolveSource } from '../../sources/resolveSource';
import type { SourceNeed, WorkspaceSource } from '../../sources/workspaceSource';
import { workspaceArg } from '../commandArgs';

/** A connection named by a script: `{ server, slug, identifier, ...extra }` (each picked when left out), or a node of its workspace. */
export function connectionArg<E extends z.ZodRawShape>(extra: E) {
  return workspaceArg({ identifier: z.string().min(1), ...extra }, 'a connection (or a node of its workspace) in the OpenHEXA Workspaces view, or { server, slug, identifier }');
}

/** The connection a script named, or the one the user picks among the workspace's (none: said). */
async function chooseConnection<C extends ConnectionSummary>(connections: readonly C[], workspaceName: string, identifier: string | undefined, title: string): Promise<C | undefined> {
  if (identifier !== undefined) {
    return connectionNamed(connections, workspaceName, identifier);
  }
  if (connections.length === 0) {
    throw new Error(vscode.l10n.t('The workspace "{0}" has no connections yet.', workspaceName));
  }
  return argOrPick(undefined, () => connections.map((c) => ({ label: c.name, description: c.identifier, value: c })), { title, placeHolder: vscode.l10n.t('Choose a connection') });
}

/** The workspace's connection of this identifier, or an error that names both. */
export function connectionNamed<C extends ConnectionSummary>(connections: readonly C[], workspaceName: string, identifier: string): C {
  const found = connections.find((c) => c.identifier === identifier);
  if (!found) {
    throw new Error(vscode.l10n.t('The workspace "{0}" has no connection "{1}".', workspaceName, identifier));
  }
  return found;
}

/** A connection, on either kind of server: its node, or `{ server, slug, identifier }`. */
export const anyConnectionArg = connectionArg({});

/** A connection (with its workspace as a source) from its node, from `{ server, slug, identifier }`, or picked; refused up front when the rules there do not allow the need. */
export async function resolveSourceConnection(
  services: Services,
  arg: z.output<typeof anyConnectionArg> | undefined,
  title: string,
  need: SourceNeed,
): Promise<{ source: WorkspaceSource; connection: ConnectionSummary } | undefined> {
  const found = await resolveSource(services, arg, title, need);
  if (!found) {
    return undefined;
  }
  const { source, place } = found;
  if (place.at === 'connection') {
    return { source, connection: place.connection };
  }
  const identifier = arg && 'identifier' in arg && typeof arg.identifier === 'string' ? arg.identifier : undefined;
  const connection = await chooseConnection(await source.connections(), source.workspace.name, identifier, title);
  return connection ? { source, connection } : undefined;
}

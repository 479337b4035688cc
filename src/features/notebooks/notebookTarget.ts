import * as vscode from 'vscode';
import { z } from 'zod';
import type { ConnectionSummary } from '../../postgres/connections/connectionCalls';
import { argOrPick } from '../../platform/commands/pickers';
import type { Services } from '../../platform/services';
import { resolveSource } from '../../sources/resolveSource';
import type { WorkspaceSource } from '../../sources/workspaceSource';
import { givenValues, workspaceArg } from '../commandArgs';
import { connectionNamed } from '../connections/resolveConnection';

/** What a notebook command reads: the workspace database (or one of its tables, or a saved query run on it), or one connection. */
export type NotebookSubject =
  | { readonly what: 'database'; readonly table?: { readonly schema: string; readonly name: string } }
  | { readonly what: 'query'; readonly query: { readonly slug: string; readonly name: string } }
  | { readonly what: 'connection'; readonly connection: ConnectionSummary };

/** The workspace (on either kind of server) and what the notebook reads there. */
export interface NotebookTarget {
  readonly source: WorkspaceSource;
  readonly subject: NotebookSubject;
}

/** A notebook target: a node (Database, table, connection, Connections, workspace) of a server or an instance, or `{ server, slug, identifier | table, schema, ...extra }`. */
export function notebookTargetArg<E extends z.ZodRawShape>(extra: E) {
  return workspaceArg(
    { identifier: z.string().min(1), table: z.string().min(1), schema: z.string().min(1), ...extra },
    'a workspace, its Database, a table, a saved query or a connection in the OpenHEXA Workspaces view, or { server, slug, identifier } or { server, slug, table, schema }',
  );
}
type NotebookTargetArg = z.output<ReturnType<typeof notebookTargetArg>>;

/**
 * The target of a tree item (Database, table, connection), of
 * `{ server, slug, identifier | table, schema }`, or picked: the database
 * first, then each connection. Viewers are refused before any step: the
 * server would refuse them the credentials anyway.
 */
export async function resolveNotebookTarget(services: Services, arg: NotebookTargetArg | undefined, title: string): Promise<NotebookTarget | undefined> {
  const found = await resolveSource(services, arg, title, 'seeCredentials');
  if (!found) {
    return undefined;
  }
  const { source, place } = found;
  const at = (subject: NotebookSubject): NotebookTarget => ({ source, subject });
  switch (place.at) {
    case 'connection':
      return at({ what: 'connection', connection: place.connection });
    case 'table':
      return at({ what: 'database', table: place.table });
    case 'database':
      return at({ what: 'database' });
    case 'query':
      return at({ what: 'query', query: place.query });
    case 'workspace':
    case 'connections':
      break;
  }
  const given = givenValues(arg);
  if (given.table !== undefined) {
    return at({ what: 'database', table: { schema: given.schema ?? 'public', name: given.table } });
  }
  const connections = await source.connections();
  if (given.identifier !== undefined) {
    return at({ what: 'connection', connection: connectionNamed(connections, source.workspace.name, given.identifier) });
  }
  const onlyConnections = place.at === 'connections';
  if (!onlyConnections && connections.length === 0) {
    return at({ what: 'database' });
  }
  return argOrPick<NotebookTarget>(
    undefined,
    () => [
      ...(onlyConnections ? [] : [{ label: vscode.l10n.t('Workspace database'), iconPath: new vscode.ThemeIcon('database'), value: at({ what: 'database' }) }]),
      ...connections.map((connection) => ({ label: connection.name, description: connection.identifier, iconPath: new vscode.ThemeIcon('plug'), value: at({ what: 'connection', connection }) })),
    ],
    { title, placeHolder: vscode.l10n.t('Choose what the notebook reads') },
  );
}

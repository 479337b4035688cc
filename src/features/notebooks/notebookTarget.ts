import * as vscode from 'vscode';
import { z } from 'zod';
import { listConnections, type ConnectionSummary } from '../../postgres/connections/connectionCalls';
import { argOrPick, resolveWorkspace, type WorkspaceRef } from '../../platform/commands/pickers';
import type { Services } from '../../platform/services';
import { givenValues, isTreeNode, workspaceArg } from '../commandArgs';
import { connectionNamed } from '../connections/resolveConnection';

/** What a notebook command is about: the workspace database (or one of its tables, or a saved query run on it), or one connection. */
export type NotebookTarget =
  | (WorkspaceRef & { readonly what: 'database'; readonly table?: { readonly schema: string; readonly name: string } })
  | (WorkspaceRef & { readonly what: 'query'; readonly query: { readonly slug: string; readonly name: string } })
  | (WorkspaceRef & { readonly what: 'connection'; readonly connection: ConnectionSummary });

/** A notebook target: a node (Database, table, connection, Connections, workspace), or `{ server, slug, identifier | table, schema, ...extra }`. */
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
  const ref = await resolveWorkspace(services, arg, title, 'seeCredentials');
  if (!ref) {
    return undefined;
  }
  const node = arg && isTreeNode(arg) ? arg : undefined;
  if (node?.kind === 'connection') {
    return { ...ref, what: 'connection', connection: node.connection };
  }
  if (node?.kind === 'table') {
    return { ...ref, what: 'database', table: { schema: node.table.schema, name: node.table.name } };
  }
  if (node?.kind === 'database') {
    return { ...ref, what: 'database' };
  }
  if (node?.kind === 'savedQuery') {
    return { ...ref, what: 'query', query: { slug: node.query.slug, name: node.query.name } };
  }
  const given = givenValues(arg);
  if (given.table !== undefined) {
    return { ...ref, what: 'database', table: { schema: given.schema ?? 'public', name: given.table } };
  }
  const connections = await services.sessions.catalog(ref.profile, (c) => listConnections(c, ref.workspace.slug));
  if (given.identifier !== undefined) {
    return { ...ref, what: 'connection', connection: connectionNamed(connections, ref.workspace.name, given.identifier) };
  }
  const onlyConnections = node?.kind === 'connections';
  if (!onlyConnections && connections.length === 0) {
    return { ...ref, what: 'database' };
  }
  return argOrPick<NotebookTarget>(
    undefined,
    () => [
      ...(onlyConnections ? [] : [{ label: vscode.l10n.t('Workspace database'), description: ref.workspace.dbName, iconPath: new vscode.ThemeIcon('database'), value: { ...ref, what: 'database' as const } }]),
      ...connections.map((connection) => ({ label: connection.name, description: connection.identifier, iconPath: new vscode.ThemeIcon('plug'), value: { ...ref, what: 'connection' as const, connection } })),
    ],
    { title, placeHolder: vscode.l10n.t('Choose what the notebook reads') },
  );
}

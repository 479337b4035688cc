import { resolveWorkspace, type WorkspaceByName, type WorkspaceRef } from '../platform/commands/pickers';
import type { Services } from '../platform/services';
import { isTreeNode, type NodeWithWorkspace } from '../features/commandArgs';
import { catalogNeed, catalogSource } from './catalogSource';
import type { SourceNeed, SourcePlace, WorkspaceSource } from './workspaceSource';

// A command's argument becomes a WorkspaceSource and the place it points at:
// a row of a workspace (each carries its source, whichever kind of server
// keeps it), or a server's names from a script (its catalog), so the
// command itself never learns which kind of server it works on.

function isRow(arg: unknown): arg is NodeWithWorkspace {
  return isTreeNode(arg) && 'source' in arg;
}

/** The source and the place a command was pointed at. */
export interface SourceTarget {
  readonly source: WorkspaceSource;
  readonly place: SourcePlace;
}

function sourcePlace(node: NodeWithWorkspace): SourcePlace {
  switch (node.kind) {
    case 'database':
    case 'schema':
    case 'readerWrites':
      return { at: 'database' };
    case 'connections':
      return { at: 'connections' };
    case 'table':
      return { at: 'table', table: { schema: node.table.schema, name: node.table.name } };
    case 'connection':
      return { at: 'connection', connection: node.connection };
    case 'savedQuery':
      return { at: 'query', query: { slug: node.query.slug, name: node.query.name } };
    default:
      return { at: 'workspace' };
  }
}

/**
 * The workspace a command was given (a row of either kind, or names on a
 * server, picked when left out) as a source, refused up front when its
 * rules do not allow `need`.
 */
export async function resolveSource(services: Services, arg: NodeWithWorkspace | WorkspaceRef | WorkspaceByName | undefined, title: string, need: SourceNeed): Promise<SourceTarget | undefined> {
  if (isRow(arg)) {
    const refused = arg.source.refusal(need, arg.kind === 'connection' ? arg.connection : undefined);
    if (refused) {
      throw new Error(refused);
    }
    return { source: arg.source, place: sourcePlace(arg) };
  }
  const ref = await resolveWorkspace(services, arg, title, catalogNeed(need));
  return ref ? { source: catalogSource(services, ref), place: { at: 'workspace' } } : undefined;
}

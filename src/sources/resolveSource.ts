import { z } from 'zod';
import { resolveWorkspace, type WorkspaceByName, type WorkspaceRef } from '../platform/commands/pickers';
import type { Services } from '../platform/services';
import { isTreeNode, nodeArg, type NodeOfKind } from '../features/commandArgs';
import { catalogNeed, catalogSource } from './catalogSource';
import type { SourceNeed, SourcePlace, WorkspaceSource } from './workspaceSource';

// A command's argument becomes a WorkspaceSource and the place it points at:
// a row of a workspace (each carries its source, whichever kind of server
// keeps it), or a server's names from a script (its catalog), so the
// command itself never learns which kind of server it works on.

const SOURCE_KINDS = ['workspace', 'database', 'schema', 'table', 'readerWrites', 'connections', 'connection', 'members', 'member', 'savedQueries', 'savedQuery'] as const;
type SourceNode = NodeOfKind<(typeof SOURCE_KINDS)[number]>;

const sourceNode = nodeArg(SOURCE_KINDS, 'a node of a workspace in the Workspaces view');

function isSourceNode(arg: unknown): arg is SourceNode {
  return isTreeNode(arg) && (SOURCE_KINDS as readonly string[]).includes(arg.kind);
}

/** A command's argument on either kind: what `schema` takes (a server's node, or names), or a row that carries its source. */
export function sourceArg<S extends z.ZodTypeAny>(schema: S) {
  return z.union([sourceNode, schema]).describe(schema.description ?? 'a node of the OpenHEXA Workspaces view');
}

/** The source and the place a command was pointed at. */
export interface SourceTarget {
  readonly source: WorkspaceSource;
  readonly place: SourcePlace;
}

function sourcePlace(node: SourceNode): SourcePlace {
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
export async function resolveSource(services: Services, arg: SourceNode | WorkspaceRef | WorkspaceByName | undefined, title: string, need: SourceNeed): Promise<SourceTarget | undefined> {
  if (isSourceNode(arg)) {
    const refused = arg.source.refusal(need, arg.kind === 'connection' ? arg.connection : undefined);
    if (refused) {
      throw new Error(refused);
    }
    return { source: arg.source, place: sourcePlace(arg) };
  }
  const ref = await resolveWorkspace(services, arg, title, catalogNeed(need));
  return ref ? { source: catalogSource(services, ref), place: { at: 'workspace' } } : undefined;
}

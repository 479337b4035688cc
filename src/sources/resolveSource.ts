import { z } from 'zod';
import { resolveWorkspace, type WorkspaceByName, type WorkspaceRef } from '../platform/commands/pickers';
import type { Services } from '../platform/services';
import { isTreeNode, nodeArg, type NodeOfKind } from '../features/commandArgs';
import type { TreeNode } from '../features/nodeKinds';
import { catalogNeed, catalogSource } from './catalogSource';
import type { SourceNeed, SourcePlace, WorkspaceSource } from './workspaceSource';

// A command's argument becomes a WorkspaceSource and the place it points at:
// a row that carries its source (any kind's), or a server's own row or
// names (its catalog), so the command itself never learns which kind of
// server it works on.

const SOURCE_KINDS = ['workspace', 'database', 'schema', 'table', 'readerWrites', 'connections', 'connection', 'members', 'member'] as const;
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
    default:
      return { at: 'workspace' };
  }
}

/** The place a server's own row names (a saved query), or the workspace for names given by a script. */
function catalogPlace(arg: unknown): SourcePlace {
  const node: TreeNode | undefined = isTreeNode(arg) ? arg : undefined;
  return node?.kind === 'savedQuery' ? { at: 'query', query: { slug: node.query.slug, name: node.query.name } } : { at: 'workspace' };
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
  return ref ? { source: catalogSource(services, ref), place: catalogPlace(arg) } : undefined;
}

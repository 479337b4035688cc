import { z } from 'zod';
import type { ConnectionSummary } from '../postgres/connections/connectionCalls';
import type { InstanceConnection } from '../openhexa/instanceCalls';
import { resolveWorkspace, type WorkspaceByName, type WorkspaceRef } from '../platform/commands/pickers';
import type { Services } from '../platform/services';
import { isTreeNode, nodeArg, type NodeOfKind } from '../features/commandArgs';
import type { TreeNode } from '../features/nodeKinds';
import { catalogNeed, catalogSource } from './catalogSource';
import { instanceSource } from './instanceSource';
import type { SourceNeed, SourcePlace, WorkspaceSource } from './workspaceSource';

// The one module that knows both kinds' tree nodes: a command's argument
// becomes a WorkspaceSource and the place it points at, so the command
// itself never learns which kind of server it works on.

const INSTANCE_KINDS = ['instanceWorkspace', 'instanceDatabase', 'instanceTable', 'instanceConnections', 'instanceConnection'] as const;
type InstanceNode = NodeOfKind<(typeof INSTANCE_KINDS)[number]>;

const instanceNode = nodeArg(INSTANCE_KINDS, "a node of an OpenHEXA instance's workspace in the Workspaces view");

function isInstanceNode(arg: unknown): arg is InstanceNode {
  return isTreeNode(arg) && (INSTANCE_KINDS as readonly string[]).includes(arg.kind);
}

/** A command's argument on either kind: what `schema` takes (a server's node, or names), or a node of an instance's workspace. */
export function sourceArg<S extends z.ZodTypeAny>(schema: S) {
  return z.union([instanceNode, schema]).describe(schema.description ?? 'a node of the OpenHEXA Workspaces view');
}

/** The source and the place a command was pointed at. */
export interface SourceTarget {
  readonly source: WorkspaceSource;
  readonly place: SourcePlace;
}

function summaryOf(connection: InstanceConnection): ConnectionSummary {
  return { identifier: connection.identifier, name: connection.name, type: connection.type, description: connection.description, updatedAt: connection.updatedAt ?? new Date(0) };
}

function instancePlace(node: InstanceNode): SourcePlace {
  switch (node.kind) {
    case 'instanceWorkspace':
      return { at: 'workspace' };
    case 'instanceDatabase':
      return { at: 'database' };
    case 'instanceConnections':
      return { at: 'connections' };
    case 'instanceTable':
      return { at: 'table', table: { schema: 'public', name: node.table.name } };
    case 'instanceConnection':
      return { at: 'connection', connection: summaryOf(node.connection) };
  }
}

function catalogPlace(arg: unknown): SourcePlace {
  const node: TreeNode | undefined = isTreeNode(arg) ? arg : undefined;
  switch (node?.kind) {
    case 'database':
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
 * The workspace a command was given (a node of either kind, or names on a
 * server, picked when left out) as a source, refused up front when its
 * rules do not allow `need`.
 */
export async function resolveSource(services: Services, arg: InstanceNode | WorkspaceRef | WorkspaceByName | undefined, title: string, need: SourceNeed): Promise<SourceTarget | undefined> {
  if (isInstanceNode(arg)) {
    const source = instanceSource(services, arg.profile, arg.workspace, arg.kind === 'instanceTable' ? arg.table : undefined);
    const refused = source.refusal(need, arg.kind === 'instanceConnection' ? arg.connection : undefined);
    if (refused) {
      throw new Error(refused);
    }
    return { source, place: instancePlace(arg) };
  }
  const ref = await resolveWorkspace(services, arg, title, catalogNeed(need));
  return ref ? { source: catalogSource(services, ref), place: catalogPlace(arg) } : undefined;
}

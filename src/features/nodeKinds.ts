import type { NodeDef } from '../platform/tree/nodeDef';
import type { TreeNode } from '../platform/tree/nodeRegistry';
import { messageNode } from '../platform/tree/messageNode';
import { connectionNodes } from './connections/nodes';
import { instanceNodes } from './instances/nodes';
import { localServerNodes } from './localServer/nodes';
import { memberNodes } from './members/nodes';
import { savedQueryNodes } from './savedQueries/nodes';
import { serverNodes } from './servers/nodes';
import { workspaceNodes } from './workspaces/nodes';

/**
 * Every kind of node in the Workspaces view, keyed by kind. TreeNode is
 * derived from it, so a new kind is one module plus one line in its
 * feature's list, and the compiler checks every kind has a definition.
 */
export const NODE_KINDS = { ...serverNodes, ...localServerNodes, ...workspaceNodes, ...memberNodes, ...connectionNodes, ...savedQueryNodes, ...instanceNodes, message: messageNode } as const;

// The node type comes from item()'s parameter: inferring it from the whole NodeDef would loop through children().
type NodeOf<D> = D extends { item(node: infer N, ...rest: never[]): unknown } ? N : never;

declare module '../platform/tree/nodeRegistry' {
  interface NodeRegistry {
    readonly node: NodeOf<(typeof NODE_KINDS)[keyof typeof NODE_KINDS]>;
  }
}

export type { TreeNode } from '../platform/tree/nodeRegistry';
export type NodeKinds = { readonly [K in TreeNode['kind']]: NodeDef<Extract<TreeNode, { kind: K }>> };

// Each key names the kind of the node it defines.
NODE_KINDS satisfies NodeKinds;

import type { NodeDef } from '../platform/tree/nodeDef';
import { messageNode } from '../platform/tree/messageNode';
import { connectionNodes } from './connections';
import { localServerNodes } from './localServer';
import { memberNodes } from './members';
import { serverNodes } from './servers';
import { workspaceNodes } from './workspaces';

/**
 * Every kind of node in the Workspaces view, keyed by kind. TreeNode is
 * derived from it, so a new kind is one module plus one line in its
 * feature's list, and the compiler checks every kind has a definition.
 */
export const NODE_KINDS = { ...serverNodes, ...localServerNodes, ...workspaceNodes, ...memberNodes, ...connectionNodes, message: messageNode } as const;

// The node type comes from item()'s parameter: inferring it from the whole NodeDef would loop through children().
type NodeOf<D> = D extends { item(node: infer N, ...rest: never[]): unknown } ? N : never;
export type TreeNode = NodeOf<(typeof NODE_KINDS)[keyof typeof NODE_KINDS]>;
export type NodeKinds = { readonly [K in TreeNode['kind']]: NodeDef<Extract<TreeNode, { kind: K }>> };

// Each key names the kind of the node it defines.
NODE_KINDS satisfies NodeKinds;

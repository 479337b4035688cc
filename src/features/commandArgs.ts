import { z } from 'zod';
import { serverProfileSchema, type ServerProfile } from '../core/serverProfile';
import { NODE_KINDS, type TreeNode } from './nodeKinds';

// The schemas commands declare for their arguments: a node of the Workspaces
// view (kept as is: the tree knows its elements by identity), or the plain
// values a script, a keybinding or another command passes.

export function isTreeNode(value: unknown): value is TreeNode {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string' && Object.hasOwn(NODE_KINDS, (value as { kind: string }).kind);
}

export type NodeOfKind<K extends TreeNode['kind']> = Extract<TreeNode, { kind: K }>;
/** A node inside a workspace: every such row carries its workspace's source. */
export type NodeWithWorkspace = Extract<TreeNode, { readonly source: unknown }>;
type NodeWithProfile = Extract<TreeNode, { readonly profile: ServerProfile }>;

/** A node of one of these kinds. */
export function nodeArg<K extends TreeNode['kind']>(kinds: readonly K[], description: string): z.ZodType<NodeOfKind<K>> {
  return z.custom<NodeOfKind<K>>((v) => isTreeNode(v) && (kinds as readonly string[]).includes(v.kind)).describe(description);
}

/** An OpenHEXA instance's own row carries an instance, not a server profile: the server commands take it not. */
const anyNodeWithProfile = z.custom<NodeWithProfile>((v) => isTreeNode(v) && v.kind !== 'instance' && 'profile' in v);

/** A server: any node under it, or a server profile (as in openhexa.servers). */
export const serverArg = z.union([anyNodeWithProfile, serverProfileSchema]).describe('a node of the OpenHEXA Workspaces view, or a server profile');

export function profileOf(arg: z.output<typeof serverArg> | undefined): ServerProfile | undefined {
  return arg === undefined ? undefined : isTreeNode(arg) ? arg.profile : arg;
}

const byName = { server: serverProfileSchema.optional(), slug: z.string().min(1).optional() };

const anyNodeWithWorkspace = z.custom<NodeWithWorkspace>((v) => isTreeNode(v) && 'source' in v);

/**
 * A workspace: any node inside it, or `{ server, slug, ...extra }` where each
 * is optional and picked when left out. Unknown keys are refused, so a
 * misspelt one is said, not ignored.
 */
export function workspaceArg<E extends z.ZodRawShape>(extra: E, description = 'a node of a workspace in the OpenHEXA Workspaces view, or { server, slug }') {
  return z.union([anyNodeWithWorkspace, z.object({ ...byName, ...extra }).partial().strict()]).describe(description);
}

/** The values of a workspace argument given by name (none when it was a node). */
export function givenValues<T extends object>(arg: TreeNode | T | undefined): Partial<T> {
  return arg === undefined || isTreeNode(arg) ? {} : arg;
}

/** Any node of the Workspaces view. */
export const treeNode = z.custom<TreeNode>(isTreeNode).describe('a node of the OpenHEXA Workspaces view');

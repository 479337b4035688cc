/**
 * The node types of the Workspaces view, as the features define them. The
 * platform's tree, commands and services are written against this registry
 * and import no feature: features/nodeKinds.ts fills it in (declaration
 * merging), from the node kinds each feature lists.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface NodeRegistry {}

/** Any node of the Workspaces view. */
export type TreeNode = NodeRegistry extends { readonly node: infer N extends { readonly kind: string } } ? N : never;

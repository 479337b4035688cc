import type { Command } from '../../../platform/commands/command';
import type { TreeNode } from '../../nodeKinds';

/** Reloads the tree, or one node of it (a workspace's context menu). */
export const refresh: Command = {
  id: 'openhexa.refresh',
  run: ({ tree }, node?: unknown) => tree.refresh(node && typeof node === 'object' && 'kind' in node ? (node as TreeNode) : undefined),
};

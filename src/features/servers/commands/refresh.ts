import { command } from '../../../platform/commands/command';
import { treeNode } from '../../commandArgs';

/** Reloads the tree, or one node of it (a workspace's context menu). */
export const refresh = command('openhexa.refresh', [treeNode], ({ tree }, node) => tree.refresh(node));

import type { Command } from '../../../platform/commands/command';
import type { TreeNode } from '../../nodeKinds';

/** "Show more…" in the tree: the level lists LEVEL_PAGE more relations. */
export const showMore: Command = {
  id: 'openhexa.showMore',
  run: (services, arg?: unknown) => {
    const node = arg as TreeNode | undefined;
    if (node?.kind !== 'more') {
      return;
    }
    services.tree.context.browsing.showMore(node.level);
    services.tree.refresh(node.parent);
  },
};

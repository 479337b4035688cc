import { command } from '../../../platform/commands/command';
import { nodeArg } from '../../commandArgs';

/** "Show more…" in the tree: the level lists LEVEL_PAGE more relations. */
export const showMore = command('openhexa.showMore', [nodeArg(['more'], '"Show more…" in the OpenHEXA Workspaces view')], (services, node) => {
  if (node) {
    services.tree.context.browsing.showMore(node.level);
    services.tree.refresh(node.parent);
  }
});

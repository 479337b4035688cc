import { command } from '../../../platform/commands/command';
import { nodeArg } from '../../commandArgs';

/** "Show more…" in the tree: the level lists more relations. */
export const showMore = command('openhexa.showMore', [nodeArg(['more'], '"Show more…" in the OpenHEXA Workspaces view')], (services, node) => {
  if (node) {
    const { parent } = node;
    parent.source.browser.showMore(parent.kind === 'schema' ? parent.schema.name : undefined);
    services.tree.refresh(parent);
  }
});

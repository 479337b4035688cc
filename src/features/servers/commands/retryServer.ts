import type { Command } from '../../../platform/commands/command';
import { hasProfile } from '../../../platform/commands/pickers';

/** Retry on a server's error node: reloads that server only. */
export const retryServer: Command = {
  id: 'openhexa.retryServer',
  run: ({ tree }, node?: unknown) => (hasProfile(node) ? tree.refreshServer(node.profile) : tree.refresh()),
};

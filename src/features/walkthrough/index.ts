import type { Feature } from '../feature';
import { openWalkthrough } from './commands/openWalkthrough';

/**
 * Ticks the walkthrough's steps whenever they happen: a server once one is
 * set up, a workspace once one shows in the tree. Opening a preview or the
 * credentials (and creating a workspace) tick theirs in their commands.
 */
export const walkthrough: Feature = {
  commands: [openWalkthrough],
  activate(context, { tree, store, walkthrough: progress }) {
    progress.restore();
    const serverSetUp = (): void => {
      if (store.read().profiles.length > 0) {
        progress.done('server');
      }
    };
    serverSetUp();
    context.subscriptions.push(
      store.onDidChange(serverSetUp),
      tree.onDidLoadChildren(({ children }) => {
        if (children.some((child) => child.kind === 'workspace')) {
          progress.done('workspace');
        }
      }),
    );
  },
};

import * as vscode from 'vscode';
import { SANDBOX } from '../../localServer/localCatalog';
import type { Feature } from '../feature';
import { openWalkthrough } from './commands/openWalkthrough';
import { WALKTHROUGH_ID } from './walkthroughProgress';

/** Set once the walkthrough was opened on the extension's first run. */
const OPENED_ON_FIRST_RUN = 'openhexa.walkthrough.openedOnFirstRun';

/**
 * Opens the walkthrough on the extension's first run (as VS Code does for an
 * extension installed from the Marketplace, and under the same setting, or
 * `openhexa.walkthrough.openOnFirstRun`), and
 * ticks its steps whenever they happen: a server once one is set up, a
 * workspace once one of the user's own shows (the local server's Sandbox,
 * made for them, does not count). Opening a preview or the credentials (and
 * creating a workspace) tick theirs in their commands.
 */
export const walkthrough: Feature = {
  commands: [openWalkthrough],
  activate(context, { tree, store, walkthrough: progress }) {
    progress.restore();
    if (!context.globalState.get<boolean>(OPENED_ON_FIRST_RUN)) {
      void context.globalState.update(OPENED_ON_FIRST_RUN, true);
      // VS Code's own switch where the extension host sees it (code-server's does not), and ours.
      const wanted = vscode.workspace.getConfiguration('workbench.welcomePage').get<boolean>('walkthroughs.openOnInstall', true) && vscode.workspace.getConfiguration('openhexa').get<boolean>('walkthrough.openOnFirstRun', true);
      if (wanted) {
        void vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#${WALKTHROUGH_ID}`, false);
      }
    }
    const serverSetUp = (): void => {
      if (store.read().profiles.length > 0) {
        progress.done('server');
      }
    };
    serverSetUp();
    context.subscriptions.push(
      store.onDidChange(serverSetUp),
      tree.onDidLoadChildren(({ children }) => {
        if (children.some((child) => child.kind === 'workspace' && !(child.source.catalog?.profile.local === true && child.source.workspace.name === SANDBOX))) {
          progress.done('workspace');
        }
      }),
    );
  },
};

import type { Feature } from '../feature';
import { loadSampleData } from './commands/loadSampleData';
import { localServerActions } from './commands/localServerActions';
import { restartLocalServer } from './commands/restartLocalServer';
import { startLocalServer } from './commands/startLocalServer';
import { stopLocalServer } from './commands/stopLocalServer';
import { startWhenShown } from './startWhenShown';

/** The one-click local server: lifecycle, status bar, Sandbox, sample data. */
export const localServer: Feature = {
  commands: [startLocalServer, stopLocalServer, restartLocalServer, localServerActions, loadSampleData],
  activate(context, { view, localServer: service, store, log, tree }) {
    context.subscriptions.push(
      startWhenShown(view, service, store, log),
      // Every state shows in the tree (starting, running, stopped, crashed, a failed start).
      service.onDidChangeState(() => tree.refresh()),
    );
  },
};

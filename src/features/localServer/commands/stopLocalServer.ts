import { command } from '../../../platform/commands/command';

export const stopLocalServer = command('openhexa.stopLocalServer', [], async ({ localServer, tree }) => {
  await localServer.stop();
  tree.refresh();
});

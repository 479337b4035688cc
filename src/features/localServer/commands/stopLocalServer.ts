import type { Command } from '../../../platform/commands/command';

export const stopLocalServer: Command = {
  id: 'openhexa.stopLocalServer',
  run: async ({ localServer, tree }) => {
    await localServer.stop();
    tree.refresh();
  },
};

import type { Command } from '../../../platform/commands/command';

export const showLogs: Command = {
  id: 'openhexa.showLogs',
  run: ({ log }) => log.show(),
};

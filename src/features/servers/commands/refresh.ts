import type { Command } from '../../../platform/commands/command';

export const refresh: Command = {
  id: 'openhexa.refresh',
  run: ({ tree }) => tree.refresh(),
};

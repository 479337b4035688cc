import { command } from '../../../platform/commands/command';

export const showLogs = command('openhexa.showLogs', [], ({ log }) => log.show());

import type { Feature } from '../feature';
import { confirmWeakerTls } from './commands/confirmWeakerTls';
import { connectServer } from './commands/connectServer';
import { initializeServer } from './commands/initializeServer';
import { refresh } from './commands/refresh';
import { removeServer } from './commands/removeServer';
import { retryServer } from './commands/retryServer';
import { showLogs } from './commands/showLogs';

/** Server profiles: connect, initialize, retry; the tree's server level. */
export const servers: Feature = {
  commands: [refresh, connectServer, removeServer, initializeServer, retryServer, confirmWeakerTls, showLogs],
};

import type { Feature } from '../feature';
import { confirmWeakerTls } from './commands/confirmWeakerTls';
import { connectServer } from './commands/connectServer';
import { initializeServer } from './commands/initializeServer';
import { refresh } from './commands/refresh';
import { removeServer } from './commands/removeServer';
import { retryServer } from './commands/retryServer';
import { showLogs } from './commands/showLogs';
import { needsInitNode } from './nodes/needsInitNode';
import { noWorkspacesNode } from './nodes/noWorkspacesNode';
import { problemNode } from './nodes/problemNode';
import { serverErrorNode } from './nodes/serverErrorNode';
import { serverNode } from './nodes/serverNode';
import { superuserWarningNode } from './nodes/superuserWarningNode';

/** Server profiles: connect, initialize, retry; the tree's server level. */
export const servers: Feature = {
  commands: [refresh, connectServer, removeServer, initializeServer, retryServer, confirmWeakerTls, showLogs],
};

export const serverNodes = {
  server: serverNode,
  problem: problemNode,
  serverError: serverErrorNode,
  needsInit: needsInitNode,
  noWorkspaces: noWorkspacesNode,
  superuserWarning: superuserWarningNode,
} as const;

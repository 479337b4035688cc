import type { Feature } from '../feature';
import { connectOpenHexa } from './commands/connectOpenHexa';
import { deleteInstanceConnection, editInstanceConnection, newInstanceConnection, openInstanceConnection } from './commands/instanceConnectionCommands';
import { insertInstanceSnippet } from './commands/insertInstanceSnippet';
import { newInstanceQuery, queryInstanceTable } from './commands/instanceQueryCommands';
import { openInstanceTerminal } from './commands/openInstanceTerminal';
import { previewInstanceTable } from './commands/previewInstanceTable';
import { showInstanceCredentials } from './commands/showInstanceCredentials';
import { signOutOpenHexa } from './commands/signOutOpenHexa';
import { writeInstanceEnv } from './commands/writeInstanceEnv';

/** OpenHEXA instances: sign in with a token, their workspaces in the tree, previews straight on the workspace database. */
export const instances: Feature = {
  commands: [connectOpenHexa, signOutOpenHexa, previewInstanceTable, newInstanceConnection, openInstanceConnection, editInstanceConnection, deleteInstanceConnection, showInstanceCredentials, writeInstanceEnv, newInstanceQuery, queryInstanceTable, openInstanceTerminal, insertInstanceSnippet],
};

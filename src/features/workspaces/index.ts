import type { Feature } from '../feature';
import { createWorkspace } from './commands/createWorkspace';
import { archiveWorkspace } from './commands/archiveWorkspace';
import { countRows } from './commands/countRows';
import { deleteTable } from './commands/deleteTable';
import { deleteWorkspace } from './commands/deleteWorkspace';
import { restoreWorkspace } from './commands/restoreWorkspace';
import { revokeReaderWrites } from './commands/revokeReaderWrites';
import { showMore } from './commands/showMore';

/** Workspaces and their databases: create, delete; the tree's workspace, database, schema, table and column levels. */
export const workspaces: Feature = {
  commands: [createWorkspace, deleteWorkspace, showMore, countRows, revokeReaderWrites, deleteTable, archiveWorkspace, restoreWorkspace],
};

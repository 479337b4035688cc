import type { Feature } from '../feature';
import { createWorkspace } from './commands/createWorkspace';
import { countRows } from './commands/countRows';
import { deleteWorkspace } from './commands/deleteWorkspace';
import { revokeReaderWrites } from './commands/revokeReaderWrites';
import { showMore } from './commands/showMore';
import { columnNode } from './nodes/columnNode';
import { databaseNode } from './nodes/databaseNode';
import { moreNode } from './nodes/moreNode';
import { readerWritesNode } from './nodes/readerWritesNode';
import { schemaNode } from './nodes/schemaNode';
import { tableNode } from './nodes/tableNode';
import { workspaceNode } from './nodes/workspaceNode';

/** Workspaces and their databases: create, delete; the tree's workspace, database, schema, table and column levels. */
export const workspaces: Feature = {
  commands: [createWorkspace, deleteWorkspace, showMore, countRows, revokeReaderWrites],
};

export const workspaceNodes = { workspace: workspaceNode, database: databaseNode, schema: schemaNode, table: tableNode, more: moreNode, column: columnNode, readerWrites: readerWritesNode } as const;

import type { Feature } from '../feature';
import { createWorkspace } from './commands/createWorkspace';
import { deleteWorkspace } from './commands/deleteWorkspace';
import { columnNode } from './nodes/columnNode';
import { databaseNode } from './nodes/databaseNode';
import { tableNode } from './nodes/tableNode';
import { workspaceNode } from './nodes/workspaceNode';

/** Workspaces and their databases: create, delete; the tree's workspace, database, table and column levels. */
export const workspaces: Feature = {
  commands: [createWorkspace, deleteWorkspace],
};

export const workspaceNodes = { workspace: workspaceNode, database: databaseNode, table: tableNode, column: columnNode } as const;

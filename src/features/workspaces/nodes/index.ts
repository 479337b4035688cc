import { columnNode } from './columnNode';
import { databaseNode } from './databaseNode';
import { moreNode } from './moreNode';
import { readerWritesNode } from './readerWritesNode';
import { schemaNode } from './schemaNode';
import { tableNode } from './tableNode';
import { sourceColumnNode, sourceDatabaseNode, sourceTableNode, sourceWorkspaceNode } from './sourceWorkspaceNodes';
import { workspaceNode } from './workspaceNode';

/** The node kinds this feature adds to the Workspaces view. */
export const workspaceNodes = { workspace: workspaceNode, database: databaseNode, schema: schemaNode, table: tableNode, more: moreNode, column: columnNode, readerWrites: readerWritesNode,
  sourceWorkspace: sourceWorkspaceNode,
  sourceDatabase: sourceDatabaseNode,
  sourceTable: sourceTableNode,
  sourceColumn: sourceColumnNode,
} as const;

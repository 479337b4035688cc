import { columnNode } from './columnNode';
import { databaseNode } from './databaseNode';
import { moreNode } from './moreNode';
import { readerWritesNode } from './readerWritesNode';
import { schemaNode } from './schemaNode';
import { tableNode } from './tableNode';
import { workspaceNode } from './workspaceNode';

/** The node kinds this feature adds to the Workspaces view. */
export const workspaceNodes = { workspace: workspaceNode, database: databaseNode, schema: schemaNode, table: tableNode, more: moreNode, column: columnNode, readerWrites: readerWritesNode } as const;

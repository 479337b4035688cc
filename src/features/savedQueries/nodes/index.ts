import { savedQueriesNode } from './savedQueriesNode';
import { savedQueryNode } from './savedQueryNode';

/** The node kinds this feature adds to the Workspaces view. */
export const savedQueryNodes = { savedQueries: savedQueriesNode, savedQuery: savedQueryNode } as const;

import { connectionNode } from './connectionNode';
import { connectionsNode } from './connectionsNode';

/** The node kinds this feature adds to the Workspaces view. */
export const connectionNodes = { connections: connectionsNode, connection: connectionNode } as const;

import { connectionNode } from './connectionNode';
import { connectionsNode } from './connectionsNode';
import { sourceConnectionNode, sourceConnectionsNode } from './sourceConnectionNodes';

/** The node kinds this feature adds to the Workspaces view. */
export const connectionNodes = { connections: connectionsNode, connection: connectionNode, sourceConnections: sourceConnectionsNode, sourceConnection: sourceConnectionNode } as const;

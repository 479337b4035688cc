import { instanceConnectionNode, instanceConnectionsNode, instanceMembersNode } from './instanceConnectionsNode';
import { instanceColumnNode, instanceDatabaseNode, instanceTableNode } from './instanceDatabaseNode';
import { instanceNode } from './instanceNode';
import { instanceWorkspaceNode } from './instanceWorkspaceNode';

/** The node kinds of an OpenHEXA instance in the Workspaces view. */
export const instanceNodes = {
  instance: instanceNode,
  instanceWorkspace: instanceWorkspaceNode,
  instanceDatabase: instanceDatabaseNode,
  instanceTable: instanceTableNode,
  instanceColumn: instanceColumnNode,
  instanceConnections: instanceConnectionsNode,
  instanceConnection: instanceConnectionNode,
  instanceMembers: instanceMembersNode,
} as const;

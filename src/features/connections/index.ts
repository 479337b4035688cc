import type { Feature } from '../feature';
import { copyConnectionEnv } from './commands/copyConnectionEnv';
import { deleteConnection } from './commands/deleteConnection';
import { testConnection } from './commands/testConnection';
import { connectionNode } from './nodes/connectionNode';
import { connectionsNode } from './nodes/connectionsNode';

/** A workspace's connections: the list for every member, values for editors and admins, deletion for admins. */
export const connections: Feature = {
  commands: [copyConnectionEnv, testConnection, deleteConnection],
};

export const connectionNodes = { connections: connectionsNode, connection: connectionNode } as const;

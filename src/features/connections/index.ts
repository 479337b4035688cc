import type { Feature } from '../feature';
import { changeConnectionIdentifier } from './commands/changeConnectionIdentifier';
import { copyConnectionEnv } from './commands/copyConnectionEnv';
import { deleteConnection } from './commands/deleteConnection';
import { editConnection } from './commands/editConnection';
import { newConnection } from './commands/newConnection';
import { openConnection } from './commands/openConnection';
import { testConnection } from './commands/testConnection';

/** A workspace's connections: the list for every member, values for editors and admins, the form for admins. */
export const connections: Feature = {
  commands: [newConnection, openConnection, editConnection, changeConnectionIdentifier, copyConnectionEnv, testConnection, deleteConnection],
};

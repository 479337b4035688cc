import type { Feature } from '../feature';
import { connectOpenHexa } from './commands/connectOpenHexa';
import { signOutOpenHexa } from './commands/signOutOpenHexa';

/**
 * OpenHEXA instances: sign in with a token and out again. Their workspaces
 * show in the tree, and every command on them is the server's own, through
 * the instance's WorkspaceSource (src/sources).
 */
export const instances: Feature = {
  commands: [connectOpenHexa, signOutOpenHexa],
};

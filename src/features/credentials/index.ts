import type { Feature } from '../feature';
import { regeneratePassword } from './commands/regeneratePassword';
import { showCredentials } from './commands/showCredentials';

/** The database credentials panel: reveal, copy, regenerate (editors and admins). */
export const credentials: Feature = {
  commands: [showCredentials, regeneratePassword],
};

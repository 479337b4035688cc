import { z } from 'zod';
import { instanceProfileSchema } from '../../platform/instances';

/** An instance row of the tree, or the instance's address from a script. */
export const instanceArg = z
  .union([z.object({ kind: z.literal('instance'), profile: instanceProfileSchema }).transform((n) => n.profile.server), z.string().url()])
  .describe('an OpenHEXA instance from the Workspaces view, or its API address');

import { z } from 'zod';
import { WORKSPACE_ROLES } from '../../core/roles';
import { instanceProfileSchema } from '../../platform/instances';

/** An instance row of the tree, or the instance's address from a script. */
export const instanceArg = z
  .union([z.object({ kind: z.literal('instance'), profile: instanceProfileSchema }).transform((n) => n.profile.server), z.string().url()])
  .describe('an OpenHEXA instance from the Workspaces view, or its API address');

const workspace = z.object({
  slug: z.string(),
  name: z.string(),
  role: z.enum(WORKSPACE_ROLES),
  may: z.object({ update: z.boolean(), manageMembers: z.boolean(), createConnection: z.boolean(), deleteDatabaseTable: z.boolean() }),
});

/** A table of an instance's workspace, as its tree row carries it. */
export const instanceTableArg = z
  .object({
    kind: z.literal('instanceTable'),
    profile: instanceProfileSchema,
    workspace,
    table: z.object({ name: z.string(), count: z.number().nullable(), columns: z.array(z.object({ name: z.string(), type: z.string() })) }),
  })
  .describe("a table of an OpenHEXA instance's workspace, from the Workspaces view");

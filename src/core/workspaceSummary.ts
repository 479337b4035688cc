import { z } from 'zod';
import { WORKSPACE_ROLES } from './roles';

/** A workspace as the calling login sees it, with its role there (what the catalog lists, and what tree nodes carry). */
export const workspaceSummarySchema = z.object({
  slug: z.string(),
  name: z.string(),
  dbName: z.string(),
  role: z.enum(WORKSPACE_ROLES),
  /** archived: kept, but its logins and members refused (platform admins see it, to restore it). */
  status: z.enum(['provisioning', 'ready', 'archived']),
});
export type WorkspaceSummary = z.infer<typeof workspaceSummarySchema>;

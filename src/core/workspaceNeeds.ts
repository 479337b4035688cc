import { may, type Action, type WorkspaceRole } from './roles';
import type { WorkspaceSummary } from './workspaceSummary';

/** What a command needs of the user in a workspace: an action their role allows, or being a platform admin (deleting a workspace). */
export type WorkspaceNeed = Action | 'platformAdmin';

export function mayDo(role: WorkspaceRole, platformAdmin: boolean, need: WorkspaceNeed): boolean {
  return need === 'platformAdmin' ? platformAdmin : may(role, need);
}

/** The workspaces a picker offers for a command: only those where it is allowed (an archived one only to platform admins' own commands: restore, delete). */
export function allowedWorkspaces(workspaces: readonly WorkspaceSummary[], platformAdmin: boolean, need: WorkspaceNeed): WorkspaceSummary[] {
  return workspaces.filter((w) => mayDo(w.role, platformAdmin, need) && (w.status !== 'archived' || need === 'platformAdmin'));
}

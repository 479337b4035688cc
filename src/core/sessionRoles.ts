import type { WorkspaceRole } from './roles';
import { workspaceRoleNames } from './workspaceNames';

/**
 * Which logins' sessions in a workspace database act as its writer group, so
 * that what they create is the group's: the read/write login, the platform
 * admins, editors and admins. Each has `role = '<db>_writer'` as its own
 * setting in that database. No setting for the whole database: every login
 * that connects would apply it, and a viewer's or the read-only login's
 * session would start with `WARNING: permission denied to set role`.
 */
export interface SessionRoleState {
  /** Each login's `role` setting in the database. */
  readonly perLogin: ReadonlyMap<string, string>;
  /** The database's own `role` setting (what 0.1.0 and 0.2.0 used), if any. */
  readonly database: string | undefined;
}

export interface SessionRoleChanges {
  readonly set: readonly string[];
  readonly reset: readonly string[];
  readonly resetDatabase: boolean;
}

/** Whether a member of this role acts as the writer group. */
export function actsAsWriter(role: WorkspaceRole): boolean {
  return role === 'editor' || role === 'admin';
}

/**
 * What to change so that exactly the writers act as the writer group:
 * `members` are the workspace's memberships, `platformAdmins` the logins of
 * the platform admins' group.
 */
export function sessionRoleChanges(dbName: string, members: readonly { login: string; role: WorkspaceRole }[], platformAdmins: readonly string[], state: SessionRoleState): SessionRoleChanges {
  const roles = workspaceRoleNames(dbName);
  const writers = new Set([roles.rw, ...platformAdmins, ...members.filter((m) => actsAsWriter(m.role)).map((m) => m.login)]);
  const others = new Set([roles.ro, ...members.filter((m) => !actsAsWriter(m.role)).map((m) => m.login)].filter((l) => !writers.has(l)));
  return {
    set: [...writers].filter((login) => state.perLogin.get(login) !== roles.writer),
    reset: [...others].filter((login) => state.perLogin.has(login)),
    resetDatabase: state.database !== undefined,
  };
}

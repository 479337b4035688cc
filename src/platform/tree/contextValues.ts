import type { WorkspaceRole } from '../../core/roles';

/**
 * contextValue of a workspace item. Menus match on it in package.json: the
 * role (e.g. /^workspace\.(editor|admin)(\.|$)/), and `.platformAdmin` when
 * the login may delete workspaces, which no workspace role allows.
 */
export function workspaceContext(role: WorkspaceRole, platformAdmin: boolean): string {
  return `workspace.${role}${platformAdmin ? '.platformAdmin' : ''}`;
}

/** Workspace roles and what each may do (docs/architecture.md §2). PostgreSQL enforces; this mirrors it in the UI. */
export const WORKSPACE_ROLES = ['viewer', 'editor', 'admin'] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

export type Action =
  | 'browse'
  | 'seeCredentials'
  | 'write'
  | 'regeneratePassword'
  | 'listConnections'
  | 'useConnection'
  | 'manageConnections'
  | 'manageMembers';

const ALLOWED: Record<WorkspaceRole, readonly Action[]> = {
  viewer: ['browse', 'listConnections'],
  editor: ['browse', 'listConnections', 'seeCredentials', 'write', 'useConnection'],
  admin: ['browse', 'listConnections', 'seeCredentials', 'write', 'useConnection', 'regeneratePassword', 'manageConnections', 'manageMembers'],
};

export function may(role: WorkspaceRole | undefined, action: Action): boolean {
  return role !== undefined && ALLOWED[role].includes(action);
}

export function isWorkspaceRole(value: unknown): value is WorkspaceRole {
  return typeof value === 'string' && (WORKSPACE_ROLES as readonly string[]).includes(value);
}

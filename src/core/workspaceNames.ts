/** Workspace slugs and the names of the PostgreSQL objects that follow from them. */

export const MAX_WORKSPACE_NAME = 80;
export const MAX_SLUG = 40;
/** Prefix of workspace databases and roles: keeps clear of reserved role names (public, pg_*, none…). */
export const DB_PREFIX = 'ws_';

/** Lower-case ASCII words joined by "-" (accents folded), at most 40 characters. */
export function slugify(name: string, max = MAX_SLUG): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
  return slug;
}

/** Slug for a workspace, never empty (a name with no Latin letter or digit gets "workspace"). */
export function workspaceSlug(name: string): string {
  return slugify(name) || 'workspace';
}

/** The workspace database, also the name of its read/write role. */
export function workspaceDbName(slug: string): string {
  return `${DB_PREFIX}${slug.replace(/-/g, '_')}`;
}

export interface WorkspaceRoleNames {
  /** shared read/write login, named like the database (OpenHEXA's name); acts as the writer group */
  readonly rw: string;
  /** shared read-only login (OpenHEXA's name) */
  readonly ro: string;
  /** group holding read access: viewers and the read-only login belong to it */
  readonly reader: string;
  /** group that writes and owns what is created: editors, admins, the read/write login and the platform admins belong to it */
  readonly writer: string;
  /** group marking the workspace's admins (no privilege of its own) */
  readonly admin: string;
}

export function workspaceRoleNames(dbName: string): WorkspaceRoleNames {
  return { rw: dbName, ro: `${dbName}_ro`, reader: `${dbName}_reader`, writer: `${dbName}_writer`, admin: `${dbName}_admin` };
}

/** A short suffix to make a slug unique: "-" and 4 characters. */
export function slugWithSuffix(slug: string, suffix: string, max = MAX_SLUG): string {
  return `${slug.slice(0, max - suffix.length - 1).replace(/-+$/g, '')}-${suffix}`;
}

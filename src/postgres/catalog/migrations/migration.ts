/** A versioned catalog migration: SQL run once, in its own transaction, under the migration lock. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Cluster-wide groups: platform admins manage everything; members may reach the catalog's functions. */
export const PLATFORM_ADMIN_GROUP = 'openhexa_platform_admin';
export const MEMBER_GROUP = 'openhexa_member';

/**
 * The catalog's versioned migrations, one module per version. Each runs once,
 * in its own transaction, under an advisory lock (see ../migrate.ts). Never
 * edit a released migration: add the next one.
 *
 * Security model: members never get privileges on catalog tables. They call
 * SECURITY DEFINER functions, each of which pins search_path, checks the
 * caller (session_user) with pg_has_role, and audits what it reveals or
 * changes.
 */
import type { Migration } from './migration';
import { m001Catalog } from './m001Catalog';
import { m002GroupRoles } from './m002GroupRoles';
import { m003Connections } from './m003Connections';
import { m004WorkspaceGuards } from './m004WorkspaceGuards';
import { m005ConnectionGuards } from './m005ConnectionGuards';
import { m006DistinctConnections } from './m006DistinctConnections';
import { m007EndMemberSessions } from './m007EndMemberSessions';
import { m008SavedQueries } from './m008SavedQueries';
import { m009ArchiveWorkspaces } from './m009ArchiveWorkspaces';
import { m010EndWorkspaceSessions } from './m010EndWorkspaceSessions';

export type { Migration } from './migration';
export { MEMBER_GROUP, PLATFORM_ADMIN_GROUP } from './migration';

export const MIGRATIONS: readonly Migration[] = [m001Catalog, m002GroupRoles, m003Connections, m004WorkspaceGuards, m005ConnectionGuards, m006DistinctConnections, m007EndMemberSessions, m008SavedQueries, m009ArchiveWorkspaces, m010EndWorkspaceSessions];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

import type { ClientBase } from 'pg';
import { isWorkspaceRole, type WorkspaceRole } from '../../core/roles';
import { catalogCall, CatalogError } from '../catalog/catalogError';
import { LATEST_VERSION } from '../catalog/migrations';
import { applyMemberSessionRole } from './sessionRoles';
import { SQL } from './sql';
import type { WorkspaceSummary } from '../../core/workspaceSummary';

export type { WorkspaceSummary } from '../../core/workspaceSummary';

export interface Credential {
  readonly kind: 'rw' | 'ro';
  readonly username: string;
  readonly password: string;
}

export interface Member {
  readonly login: string;
  readonly role: WorkspaceRole;
  readonly since: Date;
}

interface WorkspaceRow {
  slug: string;
  name: string;
  db_name: string;
  role: string;
  status: string;
}

function toSummaries(rows: WorkspaceRow[]): WorkspaceSummary[] {
  return rows.flatMap((r) =>
    isWorkspaceRole(r.role) ? [{ slug: r.slug, name: r.name, dbName: r.db_name, role: r.role, status: r.status === 'ready' || r.status === 'archived' ? r.status : 'provisioning' } as const] : [],
  );
}

/** The calling login's workspaces (all of them for platform admins). */
export function listWorkspaces(catalog: ClientBase): Promise<WorkspaceSummary[]> {
  return catalogCall(async () => toSummaries((await catalog.query<WorkspaceRow>(SQL.myWorkspaces)).rows));
}

export interface ServerOverview {
  readonly platformAdmin: boolean;
  /** The login is a superuser: whatever it browses runs members' code with full power. */
  readonly superuser: boolean;
  readonly workspaces: WorkspaceSummary[];
}

/** What the tree shows under a server: the login's workspaces, whether it is a platform admin or a superuser. */
export function serverOverview(catalog: ClientBase): Promise<ServerOverview> {
  return catalogCall(async () => {
    let row: { platform_admin: boolean; version: number; superuser: boolean; workspaces: WorkspaceRow[] } | undefined;
    try {
      row = (await catalog.query<{ platform_admin: boolean; version: number; superuser: boolean; workspaces: WorkspaceRow[] }>(SQL.overview)).rows[0];
    } catch (err) {
      // The catalog is there but older than this extension: catalog_version() came with version 2.
      if ((err as { code?: unknown }).code === '42883') {
        throw outdated(1);
      }
      throw err;
    }
    if ((row?.version ?? 0) < LATEST_VERSION) {
      throw outdated(row?.version ?? 0);
    }
    return { platformAdmin: Boolean(row?.platform_admin), superuser: Boolean(row?.superuser), workspaces: toSummaries(row?.workspaces ?? []) };
  });
}

function outdated(version: number): CatalogError {
  return new CatalogError(
    'catalogOutdated',
    `The OpenHEXA catalog on this server is at version ${version}; this extension needs version ${LATEST_VERSION}. The login that initialized the server must run "Initialize Server" to upgrade it.`,
  );
}

export function isPlatformAdmin(catalog: ClientBase): Promise<boolean> {
  return catalogCall(async () => Boolean((await catalog.query<{ yes: boolean }>(SQL.isPlatformAdmin)).rows[0]?.yes));
}

/** Why a password is fetched; each kind is its own audit record. */
export type CredentialAccess = 'reveal' | 'copy';

/**
 * One shared login's password, for an editor or admin. Two statements: the
 * first records the access and commits (this client must not be inside a
 * transaction), the second returns the password only once that record is
 * committed, so no rolled-back transaction can hide a reveal.
 */
export function revealPassword(catalog: ClientBase, slug: string, kind: 'rw' | 'ro', access: CredentialAccess): Promise<Credential> {
  return catalogCall(async () => {
    const record = (await catalog.query<{ record: string }>(SQL.logCredentialAccess, [slug, kind, access])).rows[0]?.record;
    const row = (await catalog.query<{ kind: string; username: string; password: string }>(SQL.credentialPassword, [record])).rows[0];
    if (!row) {
      throw new CatalogError('notFound', `The workspace "${slug}" has no ${kind === 'rw' ? 'read/write' : 'read-only'} credentials`);
    }
    return { kind: row.kind === 'rw' ? 'rw' : 'ro', username: row.username, password: row.password };
  });
}

/** A new password for the read/write or read-only login, made by the server; the old one stops working at once. Admins only. */
export function regeneratePassword(catalog: ClientBase, slug: string, kind: 'rw' | 'ro'): Promise<string> {
  return catalogCall(async () => {
    const password = (await catalog.query<{ password: string }>(SQL.regeneratePassword, [slug, kind])).rows[0]?.password;
    if (!password) {
      throw new Error('The server did not return the new password');
    }
    return password;
  });
}

export function listMembers(catalog: ClientBase, slug: string): Promise<Member[]> {
  return catalogCall(async () => {
    const { rows } = await catalog.query<{ login: string; role: string; created_at: Date }>(SQL.members, [slug]);
    return rows.flatMap((r) => (isWorkspaceRole(r.role) ? [{ login: r.login, role: r.role, since: r.created_at }] : []));
  });
}

export function addMember(catalog: ClientBase, slug: string, login: string, role: WorkspaceRole): Promise<void> {
  return catalogCall(async () => {
    await catalog.query(SQL.addMember, [slug, login, role]);
    await applyMemberSessionRole(catalog, slug, login, role);
  });
}

/** Creates a new login for the member; returns its password (made by the server), to be shown once. */
export function createMember(catalog: ClientBase, slug: string, login: string, role: WorkspaceRole): Promise<string> {
  return catalogCall(async () => {
    const password = (await catalog.query<{ password: string }>(SQL.createMember, [slug, login, role])).rows[0]?.password;
    if (!password) {
      throw new Error('The server did not return the new password');
    }
    await applyMemberSessionRole(catalog, slug, login, role);
    return password;
  });
}

/** What became of the sessions a member had open on the workspace database when their role changed. */
export interface SessionsEnded {
  /** Ended, so that the next session starts with the new role. */
  readonly closed: number;
  /** Still open with the old role (sessions the catalog's owner may not end, or a running query after a promotion). */
  readonly leftOpen: number;
}

/**
 * Ends the member's sessions the change must reach (see migration 7), once
 * the change is committed: every call before ran on its own.
 */
async function endMemberSessions(catalog: ClientBase, slug: string, login: string): Promise<SessionsEnded> {
  const row = (await catalog.query<{ closed: number; left_open: number }>(SQL.endMemberSessions, [slug, login])).rows[0];
  return { closed: row?.closed ?? 0, leftOpen: row?.left_open ?? 0 };
}

export function setMemberRole(catalog: ClientBase, slug: string, login: string, role: WorkspaceRole): Promise<SessionsEnded> {
  return catalogCall(async () => {
    await catalog.query(SQL.setMemberRole, [slug, login, role]);
    await applyMemberSessionRole(catalog, slug, login, role);
    return endMemberSessions(catalog, slug, login);
  });
}

export function removeMember(catalog: ClientBase, slug: string, login: string): Promise<SessionsEnded> {
  return catalogCall(async () => {
    await catalog.query(SQL.removeMember, [slug, login]);
    await applyMemberSessionRole(catalog, slug, login, undefined);
    return endMemberSessions(catalog, slug, login);
  });
}

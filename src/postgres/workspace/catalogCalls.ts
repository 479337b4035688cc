import type { Client } from 'pg';
import { generatePassword } from '../../core/passwords';
import { isWorkspaceRole, type WorkspaceRole } from '../../core/roles';
import { asCatalogError } from '../catalog/catalogError';
import { SQL } from './sql';

/** A workspace as the calling login sees it, with its role there. */
export interface WorkspaceSummary {
  readonly slug: string;
  readonly name: string;
  readonly dbName: string;
  readonly role: WorkspaceRole;
  readonly status: 'provisioning' | 'ready';
}

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

async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw asCatalogError(err);
  }
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
    isWorkspaceRole(r.role) ? [{ slug: r.slug, name: r.name, dbName: r.db_name, role: r.role, status: r.status === 'ready' ? 'ready' : 'provisioning' } as const] : [],
  );
}

/** The calling login's workspaces (all of them for platform admins). */
export function listWorkspaces(catalog: Client): Promise<WorkspaceSummary[]> {
  return call(async () => toSummaries((await catalog.query<WorkspaceRow>(SQL.myWorkspaces)).rows));
}

/** What the tree shows under a server: the login's workspaces and whether it is a platform admin. */
export function serverOverview(catalog: Client): Promise<{ platformAdmin: boolean; workspaces: WorkspaceSummary[] }> {
  return call(async () => {
    const row = (await catalog.query<{ platform_admin: boolean; workspaces: WorkspaceRow[] }>(SQL.overview)).rows[0];
    return { platformAdmin: Boolean(row?.platform_admin), workspaces: toSummaries(row?.workspaces ?? []) };
  });
}

export function isPlatformAdmin(catalog: Client): Promise<boolean> {
  return call(async () => Boolean((await catalog.query<{ yes: boolean }>(SQL.isPlatformAdmin)).rows[0]?.yes));
}

/** Both credential sets; audited by the server. Editors and admins only. */
export function revealCredentials(catalog: Client, slug: string): Promise<Credential[]> {
  return call(async () => {
    const { rows } = await catalog.query<{ kind: string; username: string; password: string }>(SQL.credentials, [slug]);
    return rows.map((r) => ({ kind: r.kind === 'rw' ? 'rw' : 'ro', username: r.username, password: r.password }));
  });
}

/** A new password for the read/write or read-only login; the old one stops working at once. Admins only. */
export function regeneratePassword(catalog: Client, slug: string, kind: 'rw' | 'ro'): Promise<string> {
  return call(async () => {
    const password = generatePassword();
    await catalog.query(SQL.setPassword, [slug, kind, password]);
    return password;
  });
}

export function listMembers(catalog: Client, slug: string): Promise<Member[]> {
  return call(async () => {
    const { rows } = await catalog.query<{ login: string; role: string; created_at: Date }>(SQL.members, [slug]);
    return rows.flatMap((r) => (isWorkspaceRole(r.role) ? [{ login: r.login, role: r.role, since: r.created_at }] : []));
  });
}

export function addMember(catalog: Client, slug: string, login: string, role: WorkspaceRole): Promise<void> {
  return call(async () => void (await catalog.query(SQL.addMember, [slug, login, role])));
}

/** Creates a new login for the member; returns its password, to be shown once. */
export function createMember(catalog: Client, slug: string, login: string, role: WorkspaceRole): Promise<string> {
  return call(async () => {
    const password = generatePassword();
    await catalog.query(SQL.createMember, [slug, login, role, password]);
    return password;
  });
}

export function setMemberRole(catalog: Client, slug: string, login: string, role: WorkspaceRole): Promise<void> {
  return call(async () => void (await catalog.query(SQL.setMemberRole, [slug, login, role])));
}

export function removeMember(catalog: Client, slug: string, login: string): Promise<void> {
  return call(async () => void (await catalog.query(SQL.removeMember, [slug, login])));
}

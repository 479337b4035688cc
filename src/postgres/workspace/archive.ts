import type { ClientBase } from 'pg';
import { catalogCall } from '../catalog/catalogError';
import type { SessionsEnded } from './catalogCalls';
import { SQL } from './sql';

/**
 * Archives a workspace (platform admins): both database passwords rotated,
 * CONNECT taken from its groups and the read/write login, the workspace
 * hidden from its members; committed, then the sessions already open there
 * ended (two statements: a session ended before the commit could log in
 * again). The client must not be inside a transaction.
 */
export function archiveWorkspace(catalog: ClientBase, slug: string): Promise<SessionsEnded> {
  return catalogCall(async () => {
    await catalog.query(SQL.archiveWorkspace, [slug]);
    const row = (await catalog.query<{ closed: number; left_open: number }>(SQL.endArchivedSessions, [slug])).rows[0];
    return { closed: row?.closed ?? 0, leftOpen: row?.left_open ?? 0 };
  });
}

/** Restores an archived workspace with new passwords (platform admins). */
export function restoreWorkspace(catalog: ClientBase, slug: string): Promise<void> {
  return catalogCall(async () => void (await catalog.query(SQL.restoreWorkspace, [slug])));
}

/** New read/write and read-only passwords at once (platform admins): what Delete Workspace does first. */
export function rotateWorkspacePasswords(catalog: ClientBase, slug: string): Promise<void> {
  return catalogCall(async () => void (await catalog.query(SQL.rotatePasswords, [slug])));
}

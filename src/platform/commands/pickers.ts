import * as vscode from 'vscode';
import { isWorkspaceRole, type WorkspaceRole } from '../../core/roles';
import { serverProfileSchema, type ServerProfile } from '../../core/serverProfile';
import { listWorkspaces, type WorkspaceSummary } from '../../postgres/workspace/catalogCalls';
import { listRelations, type TableInfo } from '../../postgres/workspace/tables';
import { roleLabel, tableKindLabel } from '../format';
import type { ServerStore } from '../serverStore';
import type { Services } from '../services';

/** The quick pick of tables lists this many at most (a workspace of 100,000 tables is typed into, not scrolled). */
const PICKABLE_TABLES = 20_000;

/** A workspace on a server, as commands receive it (from a tree node, or resolved from `{ server, slug }`). */
export interface WorkspaceRef {
  readonly profile: ServerProfile;
  readonly workspace: WorkspaceSummary;
}

export function hasProfile(arg: unknown): arg is { profile: ServerProfile } {
  return Boolean(arg && typeof arg === 'object' && 'profile' in arg && serverProfileSchema.safeParse((arg as { profile: unknown }).profile).success);
}

/** A server from a tree node, a profile object given by a script, or a pick. */
export async function resolveServer(store: ServerStore, arg: unknown, title: string): Promise<ServerProfile | undefined> {
  if (hasProfile(arg)) {
    return arg.profile;
  }
  const given = serverProfileSchema.safeParse(arg);
  if (given.success) {
    return given.data;
  }
  const { profiles } = store.read();
  if (profiles.length === 1) {
    return profiles[0];
  }
  const picked = await vscode.window.showQuickPick(
    profiles.map((profile) => ({ label: profile.label, description: `${profile.user}@${profile.host}:${profile.port}`, profile })),
    { title, placeHolder: vscode.l10n.t('Choose a server') },
  );
  return picked?.profile;
}

/** A workspace from a tree node (workspace, database, members...), `{ server, slug }`, or picks. */
export async function resolveWorkspace(services: Services, arg: unknown, title: string): Promise<WorkspaceRef | undefined> {
  if (hasProfile(arg) && 'workspace' in (arg as object)) {
    return arg as WorkspaceRef;
  }
  const slug = arg && typeof arg === 'object' && typeof (arg as { slug?: unknown }).slug === 'string' ? (arg as { slug: string }).slug : undefined;
  const profile = await resolveServer(services.store, arg && typeof arg === 'object' && 'server' in arg ? (arg as { server: unknown }).server : undefined, title);
  if (!profile) {
    return undefined;
  }
  const workspaces = await services.sessions.catalog(profile, (c) => listWorkspaces(c));
  if (slug) {
    const found = workspaces.find((w) => w.slug === slug);
    if (!found) {
      throw new Error(vscode.l10n.t('There is no workspace "{0}" that you can see on {1}.', slug, profile.label));
    }
    return { profile, workspace: found };
  }
  const picked = await vscode.window.showQuickPick(
    workspaces.map((workspace) => ({ label: workspace.name, description: roleLabel(workspace.role), workspace })),
    { title, placeHolder: vscode.l10n.t('Choose a workspace') },
  );
  return picked ? { profile, workspace: picked.workspace } : undefined;
}

/** The table of a tree item, of `{ schema, table }`, or picked from the workspace's tables. */
export async function resolveTable(services: Services, ref: WorkspaceRef, arg: unknown): Promise<{ schema: string; name: string } | undefined> {
  if (arg && typeof arg === 'object') {
    const given = (arg as { table?: unknown; schema?: unknown }).table;
    if (given && typeof given === 'object' && typeof (given as TableInfo).name === 'string' && typeof (given as TableInfo).schema === 'string') {
      return { schema: (given as TableInfo).schema, name: (given as TableInfo).name };
    }
    if (typeof given === 'string') {
      const schema = (arg as { schema?: unknown }).schema;
      return { schema: typeof schema === 'string' ? schema : 'public', name: given };
    }
  }
  // Names and kinds only: measuring every table is the tree's work, a level at a time.
  const tables = await services.sessions.browse(ref.profile, ref.workspace.dbName, (c) => listRelations(c, undefined, PICKABLE_TABLES));
  if (tables.length === 0) {
    throw new Error(vscode.l10n.t('The workspace "{0}" has no tables yet.', ref.workspace.name));
  }
  const picked = await vscode.window.showQuickPick(
    tables.map((table) => ({ label: table.schema === 'public' ? table.name : `${table.schema}.${table.name}`, description: tableKindLabel(table.kind), table })),
    { title: vscode.l10n.t('Preview Table'), placeHolder: vscode.l10n.t('Choose a table or view') },
  );
  return picked?.table;
}

/** A role given as an argument, or picked; each described by what it allows today. */
export async function pickRole(title: string, given: unknown): Promise<WorkspaceRole | undefined> {
  if (isWorkspaceRole(given)) {
    return given;
  }
  const picked = await vscode.window.showQuickPick(
    [
      { label: roleLabel('viewer'), detail: vscode.l10n.t('Browses and previews the tables of the workspace database.'), role: 'viewer' as const },
      { label: roleLabel('editor'), detail: vscode.l10n.t('Also writes to the database and sees its credentials.'), role: 'editor' as const },
      { label: roleLabel('admin'), detail: vscode.l10n.t('Also manages members and regenerates the database passwords.'), role: 'admin' as const },
    ],
    { title, placeHolder: vscode.l10n.t('Choose a role') },
  );
  return picked?.role;
}

/** Long work with a notification that says what is going on. */
export function progress<T>(title: string, task: () => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: false }, task);
}

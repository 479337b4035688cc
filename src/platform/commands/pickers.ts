import * as vscode from 'vscode';
import type { WorkspaceRole } from '../../core/roles';
import type { ServerProfile } from '../../core/serverProfile';
import { allowedWorkspaces, mayDo, type WorkspaceNeed } from '../../core/workspaceNeeds';
import type { WorkspaceSummary } from '../../core/workspaceSummary';
import { isPlatformAdmin, serverOverview } from '../../postgres/workspace/catalogCalls';
import { listRelations } from '../../postgres/workspace/tables';
import { roleLabel, tableKindLabel } from '../format';
import type { ServerStore } from '../serverStore';
import type { Services } from '../services';
import { refusalOf } from './refusals';

/** The quick pick of tables lists this many at most (a workspace of 100,000 tables is typed into, not scrolled). */
const PICKABLE_TABLES = 20_000;

/** A workspace on a server, as commands receive it (from a tree node, or resolved from `{ server, slug }`). */
export interface WorkspaceRef {
  readonly profile: ServerProfile;
  readonly workspace: WorkspaceSummary;
  /** Known on the nodes that carry it (a workspace's); asked of the server otherwise. */
  readonly platformAdmin?: boolean;
}

/** A row of the tree, which carries its workspace's source. */
export interface RowWithSource {
  readonly source: { readonly catalog: WorkspaceRef | undefined; readonly workspace: { readonly name: string }; readonly where: string };
}

/** The server's catalog a row's workspace lives in; what only a PostgreSQL server does is refused elsewhere, saying so. */
function catalogOf(source: RowWithSource['source']): WorkspaceRef {
  if (!source.catalog) {
    throw new Error(vscode.l10n.t('This works on the workspaces of a PostgreSQL server: "{0}" is on the OpenHEXA instance {1}.', source.workspace.name, source.where));
  }
  return source.catalog;
}

/** How a script names a workspace: the server (the only one, or picked, when left out) and the slug (picked when left out). */
export interface WorkspaceByName {
  readonly server?: ServerProfile;
  readonly slug?: string;
}

/** One entry of a quick pick, with the value it stands for. */
export type PickItem<T> = vscode.QuickPickItem & { readonly value: T };

/** The value a command was given, or the user's pick (undefined: dismissed). Nothing is listed when the value is given. */
export async function argOrPick<T>(given: T | undefined, items: () => readonly PickItem<T>[] | Promise<readonly PickItem<T>[]>, options: vscode.QuickPickOptions): Promise<T | undefined> {
  if (given !== undefined) {
    return given;
  }
  const picked = await vscode.window.showQuickPick(await items(), options);
  return picked?.value;
}

/** The server given, the only one, or a pick. */
export async function resolveServer(store: ServerStore, given: ServerProfile | undefined, title: string): Promise<ServerProfile | undefined> {
  const { profiles } = store.read();
  return argOrPick(given ?? (profiles.length === 1 ? profiles[0] : undefined), () => profiles.map((profile) => ({ label: profile.label, description: `${profile.user}@${profile.host}:${profile.port}`, value: profile })), {
    title,
    placeHolder: vscode.l10n.t('Choose a server'),
  });
}

/**
 * A workspace from a tree node, `{ server, slug }`, or picks; refused before
 * any step when the user's role there does not allow what the command
 * needs, and the pick offers only the workspaces where it does.
 */
export async function resolveWorkspace(services: Services, row: WorkspaceRef | WorkspaceByName | RowWithSource | undefined, title: string, need: WorkspaceNeed = 'browse'): Promise<WorkspaceRef | undefined> {
  const given = row && 'source' in row ? catalogOf(row.source) : row;
  if (given && 'workspace' in given) {
    const platformAdmin = need === 'platformAdmin' ? (given.platformAdmin ?? (await services.sessions.catalog(given.profile, (c) => isPlatformAdmin(c)))) : false;
    if (!mayDo(given.workspace.role, platformAdmin, need)) {
      throw new Error(refusalOf(need, given.workspace.name));
    }
    return { profile: given.profile, workspace: given.workspace, platformAdmin: given.platformAdmin ?? (need === 'platformAdmin' ? platformAdmin : undefined) };
  }
  const profile = await resolveServer(services.store, given?.server, title);
  if (!profile) {
    return undefined;
  }
  const overview = await services.sessions.catalog(profile, (c) => serverOverview(c));
  if (given?.slug !== undefined) {
    const found = overview.workspaces.find((w) => w.slug === given.slug);
    if (!found) {
      throw new Error(vscode.l10n.t('There is no workspace "{0}" that you can see on {1}.', given.slug, profile.label));
    }
    if (!mayDo(found.role, overview.platformAdmin, need)) {
      throw new Error(refusalOf(need, found.name));
    }
    return { profile, workspace: found, platformAdmin: overview.platformAdmin };
  }
  const allowed = allowedWorkspaces(overview.workspaces, overview.platformAdmin, need);
  if (allowed.length === 0) {
    throw new Error(refusalOf(need, undefined, profile.label));
  }
  const workspace = await argOrPick(undefined, () => allowed.map((w) => ({ label: w.name, description: roleLabel(w.role), value: w })), { title, placeHolder: vscode.l10n.t('Choose a workspace') });
  return workspace ? { profile, workspace, platformAdmin: overview.platformAdmin } : undefined;
}

/** The table given (from a tree node or `{ schema, table }`), or picked from the workspace's tables. */
export async function resolveTable(services: Services, ref: WorkspaceRef, given: { schema: string; name: string } | undefined, title: string): Promise<{ schema: string; name: string } | undefined> {
  return argOrPick(
    given,
    async () => {
      // Names and kinds only: measuring every table is the tree's work, a level at a time.
      const tables = await services.sessions.browse(ref.profile, ref.workspace.dbName, (c) => listRelations(c, undefined, PICKABLE_TABLES));
      if (tables.length === 0) {
        throw new Error(vscode.l10n.t('The workspace "{0}" has no tables yet.', ref.workspace.name));
      }
      return tables.map((table) => ({ label: table.schema === 'public' ? table.name : `${table.schema}.${table.name}`, description: tableKindLabel(table.kind), value: table }));
    },
    { title, placeHolder: vscode.l10n.t('Choose a table or view') },
  );
}

/** A role given as an argument, or picked; each described by what it allows today. */
export function pickRole(title: string, given: WorkspaceRole | undefined): Promise<WorkspaceRole | undefined> {
  return argOrPick(
    given,
    () => [
      { label: roleLabel('viewer'), detail: vscode.l10n.t('Browses and previews the tables of the workspace database.'), value: 'viewer' as const },
      { label: roleLabel('editor'), detail: vscode.l10n.t('Also writes to the database and sees its credentials.'), value: 'editor' as const },
      { label: roleLabel('admin'), detail: vscode.l10n.t('Also manages members and regenerates the database passwords.'), value: 'admin' as const },
    ],
    { title, placeHolder: vscode.l10n.t('Choose a role') },
  );
}

/** Long work with a notification that says what is going on. */
export function progress<T>(title: string, task: () => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: false }, task);
}

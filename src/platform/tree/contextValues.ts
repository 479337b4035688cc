import { WORKSPACE_ROLES, type WorkspaceRole } from '../../core/roles';
import { TABLE_KINDS, type TableKind } from '../../postgres/workspace/tables';

/** The local server's states its node shows (running shows the server itself). */
export const LOCAL_NODE_STATES = ['starting', 'stopped', 'crashed', 'failed'] as const;
export type LocalNodeState = (typeof LOCAL_NODE_STATES)[number];

/**
 * What a server's listing found: workspaces listed (a platform admin may
 * create more), a catalog to initialize or upgrade, or unreachable.
 */
export type ServerState = 'ready' | 'readyPlatformAdmin' | 'needsInit' | 'error';

/**
 * A server row's menu follows what its listing found, through context keys
 * that hold the rows' contextValues (`viewItem in …`): the tree is not
 * re-rendered when a state is learnt (that would undo a reveal under way).
 */
export const SERVER_MENU_KEYS = {
  /** Rows offering Create Workspace (inline too). */
  creating: 'openhexa.serversCreating',
  /** Rows offering Initialize Server. */
  toInitialize: 'openhexa.serversToInitialize',
  /** Rows whose listing worked: no Retry. */
  healthy: 'openhexa.serversHealthy',
} as const;

/** The value of each of SERVER_MENU_KEYS, from each row's state (by its contextValue). */
export function serverMenuValues(states: ReadonlyMap<string, ServerState>): Record<keyof typeof SERVER_MENU_KEYS, string[]> {
  const where = (...wanted: ServerState[]): string[] => [...states].filter(([, state]) => wanted.includes(state)).map(([value]) => value);
  return { creating: where('readyPlatformAdmin'), toInitialize: where('needsInit'), healthy: where('ready', 'readyPlatformAdmin') };
}

const WORKSPACE_RIGHTS = ['query', 'credentials', 'passwords', 'members', 'history', 'platformAdmin'] as const;
const DATABASE_RIGHTS = ['query', 'credentials', 'write'] as const;
const TABLE_RIGHTS = ['query', 'count', 'credentials', 'write'] as const;
const CONNECTION_RIGHTS = ['view', 'edit', 'delete', 'rename'] as const;
export type WorkspaceMenu = Readonly<Record<(typeof WORKSPACE_RIGHTS)[number], boolean>>;
export type DatabaseMenu = Readonly<Record<(typeof DATABASE_RIGHTS)[number], boolean>>;
export type TableMenu = Readonly<Record<(typeof TABLE_RIGHTS)[number], boolean>>;
export type ConnectionMenu = Readonly<Record<(typeof CONNECTION_RIGHTS)[number], boolean>>;
export type ConnectionsMenu = Readonly<Record<'create' | 'env', boolean>>;

/** A row's name, then each right it has, in a fixed order (menus match `\.<right>\b`). */
function flagged<K extends string>(name: string, rights: readonly K[], may: Readonly<Record<K, boolean>>): string {
  return [name, ...rights.filter((right) => may[right])].join('.');
}

/** Each combination of the flags (every row's contextValue for the manifest test). */
function everyFlags<K extends string>(keys: readonly K[]): Record<K, boolean>[] {
  return keys.reduce<Record<K, boolean>[]>((all, key) => all.flatMap((flags) => [{ ...flags, [key]: false }, { ...flags, [key]: true }]), [{} as Record<K, boolean>]);
}

/**
 * Every node's contextValue, built here and nowhere else: package.json's
 * menus match on these (`viewItem == …` or `viewItem =~ /…/`), and the
 * manifest test reads the same builders, so a menu and its node cannot drift.
 * The role is last where menus depend on it; `.platformAdmin` marks a login
 * that may delete workspaces, which no workspace role allows.
 */
export const contextValue = {
  /** One per server: its menu's entries depend on the row (see SERVER_MENU_KEYS). */
  server: (profileKey: string) => `server:${profileKey}`,
  serverProblem: () => 'serverProblem',
  serverError: (weakerTls: boolean) => (weakerTls ? 'serverWeakerTls' : 'serverError'),
  needsInit: () => 'needsInit',
  superuserWarning: () => 'superuserWarning',
  localState: (state: LocalNodeState) => `localState.${state}`,
  /** `workspace[.query][.credentials][.passwords][.members][.history][.platformAdmin]`: what the source's rules allow there. */
  workspace: (may: WorkspaceMenu) => flagged('workspace', WORKSPACE_RIGHTS, may),
  /** Only platform admins see an archived workspace: restore or delete it. */
  archivedWorkspace: () => 'archivedWorkspace',
  /** `database[.query][.credentials][.write]`. */
  database: (may: DatabaseMenu) => flagged('database', DATABASE_RIGHTS, may),
  readerWrites: (revocable: boolean) => (revocable ? 'readerWrites.revocable' : 'readerWrites'),
  /** `schema[.write]`. */
  schema: (write: boolean) => (write ? 'schema.write' : 'schema'),
  /** `table.<kind>[.query][.count][.credentials][.write]`. */
  table: (kind: TableKind, may: TableMenu) => flagged(`table.${kind.replace(/ /g, '-')}`, TABLE_RIGHTS, may),
  column: () => 'column',
  more: () => 'more',
  /** `members[.manage]`: whether the source lets the user add members here. */
  members: (manage: boolean) => (manage ? 'members.manage' : 'members'),
  /** `member[.manage]`: whether the user may change this member's role or remove them (never their own: it would lock them out). */
  member: (manage: boolean) => (manage ? 'member.manage' : 'member'),
  /** `connections[.create][.env]`: what the source's rules allow there: creating a connection, writing their variables (credentials). */
  connections: (may: ConnectionsMenu) => flagged('connections', ['create', 'env'] as const, may),
  /** `connection[.view][.edit][.delete][.rename]`: what the source's rules allow on this connection (its own permissions where the kind has them). */
  connection: (may: ConnectionMenu) => flagged('connection', CONNECTION_RIGHTS, may),
  savedQueries: () => 'savedQueries',
  /** `savedQuery.<edit|read>.<author|other>.<private|shared>.<role>`: rename and delete need edit, sharing needs author, a notebook snippet the credentials. */
  savedQuery: (canEdit: boolean, isAuthor: boolean, visibility: 'PRIVATE' | 'WORKSPACE', role: WorkspaceRole) =>
    `savedQuery.${canEdit ? 'edit' : 'read'}.${isAuthor ? 'author' : 'other'}.${visibility === 'PRIVATE' ? 'private' : 'shared'}.${role}`,
  /** An OpenHEXA instance's row (Sign Out). */
  instance: () => 'instance',
} as const;

/** Every value a node can have: what the manifest test matches menus against. */
export function everyContextValue(): string[] {
  const roles = WORKSPACE_ROLES;
  const yesNo = [true, false];
  return [
    contextValue.server('postgres@127.0.0.1:5432/openhexa'),
    ...['serverProblem', 'needsInit', 'superuserWarning', 'column', 'more', 'savedQueries', 'archivedWorkspace'].map((k) => contextValue[k as 'column']()),
    ...yesNo.flatMap((edit) => yesNo.flatMap((author) => (['PRIVATE', 'WORKSPACE'] as const).flatMap((v) => roles.map((r) => contextValue.savedQuery(edit, author, v, r))))),
    ...yesNo.map(contextValue.serverError),
    ...yesNo.map(contextValue.readerWrites),
    ...yesNo.map(contextValue.member),
    ...yesNo.map(contextValue.members),
    contextValue.instance(),
    ...everyFlags(['create', 'env'] as const).map(contextValue.connections),
    ...everyFlags(CONNECTION_RIGHTS).map(contextValue.connection),
    ...LOCAL_NODE_STATES.map(contextValue.localState),
    ...everyFlags(WORKSPACE_RIGHTS).map(contextValue.workspace),
    ...everyFlags(DATABASE_RIGHTS).map(contextValue.database),
    ...yesNo.map(contextValue.schema),
    ...TABLE_KINDS.flatMap((kind) => everyFlags(TABLE_RIGHTS).map((may) => contextValue.table(kind, may))),
  ];
}

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
  workspace: (role: WorkspaceRole, platformAdmin: boolean) => `workspace.${role}${platformAdmin ? '.platformAdmin' : ''}`,
  /** Only platform admins see an archived workspace: restore or delete it. */
  archivedWorkspace: () => 'archivedWorkspace',
  database: (role: WorkspaceRole) => `database.${role}`,
  readerWrites: (revocable: boolean) => (revocable ? 'readerWrites.revocable' : 'readerWrites'),
  schema: (role: WorkspaceRole) => `schema.${role}`,
  table: (kind: TableKind, role: WorkspaceRole) => `table.${kind.replace(/ /g, '-')}.${role}`,
  column: () => 'column',
  more: () => 'more',
  members: () => 'members',
  member: (you: boolean) => (you ? 'member.you' : 'member'),
  connections: (role: WorkspaceRole) => `connections.${role}`,
  connection: (role: WorkspaceRole) => `connection.${role}`,
  savedQueries: () => 'savedQueries',
  /** `savedQuery.<edit|read>.<author|other>.<private|shared>.<role>`: rename and delete need edit, sharing needs author, a notebook snippet the credentials. */
  savedQuery: (canEdit: boolean, isAuthor: boolean, visibility: 'PRIVATE' | 'WORKSPACE', role: WorkspaceRole) =>
    `savedQuery.${canEdit ? 'edit' : 'read'}.${isAuthor ? 'author' : 'other'}.${visibility === 'PRIVATE' ? 'private' : 'shared'}.${role}`,
  /** An OpenHEXA instance's row (Sign Out). */
  instance: () => 'instance',
  // A workspace's rows over its WorkspaceSource ("source…": the catalog's own rows' commands match none of them).
  sourceWorkspace: (role: WorkspaceRole) => `sourceWorkspace.${role}`,
  sourceDatabase: (role: WorkspaceRole) => `sourceDatabase.${role}`,
  sourceTable: (role: WorkspaceRole) => `sourceTable.${role}`,
  /** What the source's rules allow: creating a connection in the workspace, editing each one. */
  sourceConnections: (mayCreate: boolean) => `sourceConnections.${mayCreate ? 'create' : 'read'}`,
  sourceConnection: (mayEdit: boolean) => `sourceConnection.${mayEdit ? 'update' : 'read'}`,
} as const;

/** Every value a node can have: what the manifest test matches menus against. */
export function everyContextValue(): string[] {
  const roles = WORKSPACE_ROLES;
  const yesNo = [true, false];
  return [
    contextValue.server('postgres@127.0.0.1:5432/openhexa'),
    ...['serverProblem', 'needsInit', 'superuserWarning', 'column', 'more', 'members', 'savedQueries', 'archivedWorkspace'].map((k) => contextValue[k as 'column']()),
    ...yesNo.flatMap((edit) => yesNo.flatMap((author) => (['PRIVATE', 'WORKSPACE'] as const).flatMap((v) => roles.map((r) => contextValue.savedQuery(edit, author, v, r))))),
    ...yesNo.map(contextValue.serverError),
    ...yesNo.map(contextValue.readerWrites),
    ...yesNo.map(contextValue.member),
    contextValue.instance(),
    ...yesNo.flatMap((may) => [contextValue.sourceConnections(may), contextValue.sourceConnection(may)]),
    ...roles.flatMap((r) => [contextValue.sourceWorkspace(r), contextValue.sourceDatabase(r), contextValue.sourceTable(r)]),
    ...LOCAL_NODE_STATES.map(contextValue.localState),
    ...roles.flatMap((r) => [...yesNo.map((p) => contextValue.workspace(r, p)), contextValue.database(r), contextValue.schema(r), contextValue.connections(r), contextValue.connection(r), ...TABLE_KINDS.map((k) => contextValue.table(k, r))]),
  ];
}

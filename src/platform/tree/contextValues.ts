import { WORKSPACE_ROLES, type WorkspaceRole } from '../../core/roles';
import { TABLE_KINDS, type TableKind } from '../../postgres/workspace/tables';

/** The local server's states its node shows (running shows the server itself). */
export const LOCAL_NODE_STATES = ['starting', 'stopped', 'crashed', 'failed'] as const;
export type LocalNodeState = (typeof LOCAL_NODE_STATES)[number];

/**
 * Every node's contextValue, built here and nowhere else: package.json's
 * menus match on these (`viewItem == …` or `viewItem =~ /…/`), and the
 * manifest test reads the same builders, so a menu and its node cannot drift.
 * The role is last where menus depend on it; `.platformAdmin` marks a login
 * that may delete workspaces, which no workspace role allows.
 */
export const contextValue = {
  server: () => 'server',
  serverProblem: () => 'serverProblem',
  serverError: (weakerTls: boolean) => (weakerTls ? 'serverWeakerTls' : 'serverError'),
  needsInit: () => 'needsInit',
  superuserWarning: () => 'superuserWarning',
  localState: (state: LocalNodeState) => `localState.${state}`,
  workspace: (role: WorkspaceRole, platformAdmin: boolean) => `workspace.${role}${platformAdmin ? '.platformAdmin' : ''}`,
  database: (role: WorkspaceRole) => `database.${role}`,
  readerWrites: (revocable: boolean) => (revocable ? 'readerWrites.revocable' : 'readerWrites'),
  schema: () => 'schema',
  table: (kind: TableKind, role: WorkspaceRole) => `table.${kind.replace(/ /g, '-')}.${role}`,
  column: () => 'column',
  more: () => 'more',
  members: () => 'members',
  member: (you: boolean) => (you ? 'member.you' : 'member'),
  connections: (role: WorkspaceRole) => `connections.${role}`,
  connection: (role: WorkspaceRole) => `connection.${role}`,
} as const;

/** Every value a node can have: what the manifest test matches menus against. */
export function everyContextValue(): string[] {
  const roles = WORKSPACE_ROLES;
  const yesNo = [true, false];
  return [
    ...['server', 'serverProblem', 'needsInit', 'superuserWarning', 'schema', 'column', 'more', 'members'].map((k) => contextValue[k as 'server']()),
    ...yesNo.map(contextValue.serverError),
    ...yesNo.map(contextValue.readerWrites),
    ...yesNo.map(contextValue.member),
    ...LOCAL_NODE_STATES.map(contextValue.localState),
    ...roles.flatMap((r) => [...yesNo.map((p) => contextValue.workspace(r, p)), contextValue.database(r), contextValue.connections(r), contextValue.connection(r), ...TABLE_KINDS.map((k) => contextValue.table(k, r))]),
  ];
}

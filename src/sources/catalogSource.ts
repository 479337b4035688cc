import { profileKey } from '../core/serverProfile';
import { handedOutTls, tlsEnvironment } from '../core/tls/handedOutTls';
import { mayDo, type WorkspaceNeed } from '../core/workspaceNeeds';
import { connectionFields, connectionValues, createConnection, deleteConnection, listConnections, updateConnection } from '../postgres/connections/connectionCalls';
import { listSavedQueries, readSavedQuery } from '../postgres/savedQueries/savedQueryCalls';
import { addMember, createMember, listMembers, regeneratePassword, removeMember, revealPassword, setMemberRole } from '../postgres/workspace/catalogCalls';
import { may } from '../core/roles';
import { resolveTable, type WorkspaceRef } from '../platform/commands/pickers';
import { refusalOf } from '../platform/commands/refusals';
import type { Services } from '../platform/services';
import { testerFor } from '../testers';
import { askAndChangeIdentifier } from '../features/connections/changeIdentifier';
import { sayWhatSessionsKeep } from '../features/members/sessionsEnded';
import { ownerOf, readConnectionSection, readDatabaseSection } from '../features/notebooks/workspaceVariables';
import { catalogBrowser } from './catalogBrowser';
import type { SourceNeed, WorkspaceSource } from './workspaceSource';

/** What each need is in the product's roles. */
const NEEDS: Record<SourceNeed, WorkspaceNeed> = {
  browse: 'browse',
  // The member's own login runs it, as PostgreSQL allows its role.
  query: 'browse',
  seeCredentials: 'seeCredentials',
  regeneratePassword: 'regeneratePassword',
  writeTables: 'write',
  countRows: 'browse',
  history: 'browse',
  platformAdmin: 'platformAdmin',
  viewConnection: 'useConnection',
  createConnection: 'manageConnections',
  editConnection: 'manageConnections',
  deleteConnection: 'manageConnections',
  changeIdentifier: 'manageConnections',
  manageMembers: 'manageMembers',
};

/** The product's catalog role for a need (what resolveWorkspace checks before any question). */
export function catalogNeed(need: SourceNeed): WorkspaceNeed {
  return NEEDS[need];
}

/**
 * A workspace on a PostgreSQL server: the product's catalog, read and
 * written through the member's own login (PostgreSQL enforces the role);
 * passwords and secrets through the audited catalog calls.
 */
export function catalogSource(services: Services, ref: WorkspaceRef): WorkspaceSource {
  const { profile, workspace } = ref;
  const { sessions } = services;
  const slug = workspace.slug;
  return {
    key: `${profileKey(profile)}/${slug}`,
    workspace,
    where: profile.label,
    audited: true,
    status: workspace.status,
    databaseName: workspace.dbName,
    catalog: ref,
    browser: catalogBrowser(services, ref),
    refusal: (need) => (mayDo(workspace.role, ref.platformAdmin ?? false, NEEDS[need]) ? undefined : refusalOf(NEEDS[need], workspace.name)),
    connections: () => sessions.catalog(profile, (c) => listConnections(c, slug)),
    connectionFields: (identifier) => sessions.catalog(profile, (c) => connectionFields(c, slug, identifier)),
    // Each read of the values is its own audit record, with its reason.
    connectionValues: (identifier, access) => sessions.catalog(profile, (c) => connectionValues(c, slug, identifier, access)),
    createConnection: (connection) => sessions.catalog(profile, (c) => createConnection(c, slug, connection)),
    updateConnection: (identifier, edit) => sessions.catalog(profile, (c) => updateConnection(c, slug, identifier, edit)),
    removeConnection: (identifier) => sessions.catalog(profile, (c) => deleteConnection(c, slug, identifier)),
    // The product's testers, run on this computer (where the member's notebooks run too).
    testConnection: async (type, values, signal) => {
      const tester = testerFor(type);
      return tester ? tester(values, { signal }) : undefined;
    },
    changeConnectionIdentifier: (connection, given) => askAndChangeIdentifier(services, ref, connection, given),
    pickTable: (title) => resolveTable(services, ref, undefined, title),
    previewReader: async (table) => sessions.preview(await sessions.login(profile, workspace.dbName), table.schema, table.name),
    credentials: () =>
      Promise.resolve({
        passwords: {
          fetchPassword: async (kind, access) => (await sessions.catalog(profile, (c) => revealPassword(c, slug, kind, access))).password,
          regeneratePassword: (kind) => sessions.catalog(profile, (c) => regeneratePassword(c, slug, kind)),
        },
        target: { host: profile.host, port: profile.port, tls: handedOutTls(sessions.tls(profile), sessions.tlsSeen(profile), false), workspace: { name: workspace.name, slug, dbName: workspace.dbName, role: workspace.role } },
      }),
    newQuery: (text) => services.queries.newQuery(profile, workspace, text),
    variables: () =>
      Promise.resolve({
        owner: ownerOf(ref),
        read: async (set, connections) => {
          const read = set ? [await readDatabaseSection(services, ref, set)] : [];
          for (const connection of connections) {
            read.push(await readConnectionSection(services, ref, connection));
          }
          return read;
        },
        tls: tlsEnvironment(handedOutTls(sessions.tls(profile), sessions.tlsSeen(profile), true)),
      }),
    // Secrets stay masked in this call: only the codes are used.
    fieldCodes: async (identifier) => (await sessions.catalog(profile, (c) => connectionFields(c, slug, identifier))).map((f) => f.code),
    savedQueries: () => sessions.catalog(profile, (c) => listSavedQueries(c, slug)),
    savedQuery: (querySlug) => sessions.catalog(profile, (c) => readSavedQuery(c, slug, querySlug)),
    listsMembers: may(workspace.role, 'manageMembers'),
    members: async () => {
      const members = await sessions.catalog(profile, (c) => listMembers(c, slug));
      const listed = members.map((m) => ({ name: m.login, role: m.role, you: m.login === profile.user }));
      // A platform admin reaches every workspace without being a member: still say who "you" are.
      return listed.some((m) => m.you) ? listed : [{ name: profile.user, role: workspace.role, you: true, platformAdmin: ref.platformAdmin ?? false }, ...listed];
    },
    addMember: (login, role) => sessions.catalog(profile, (c) => addMember(c, slug, login, role)),
    createMember: async (login, role) => ({ password: await sessions.catalog(profile, (c) => createMember(c, slug, login, role)), host: profile.host, port: profile.port, database: workspace.dbName }),
    // A session keeps the role it started with: what stays open is said.
    setMemberRole: async (member, role) => sayWhatSessionsKeep(services, member, await sessions.catalog(profile, (c) => setMemberRole(c, slug, member, role))),
    removeMember: async (member) => sayWhatSessionsKeep(services, member, await sessions.catalog(profile, (c) => removeMember(c, slug, member))),
  };
}

import * as vscode from 'vscode';
import { roleLabel } from '../platform/format';
import { ApiTableReader } from '../openhexa/apiTableReader';
import { listConnections, listMembers, listTables, regeneratePassword, workspaceCredentials, type InstanceWorkspace } from '../openhexa/instanceCalls';
import type { OpenHexaTable } from '../openhexa/operations';
import { instanceConnections } from '../openhexa/instanceConnections';
import { databaseLogin, databaseReachable } from '../openhexa/instanceLogins';
import { instanceSections } from '../openhexa/instanceVariables';
import { argOrPick } from '../platform/commands/pickers';
import type { InstanceProfile } from '../platform/instances';
import type { Services } from '../platform/services';
import type { BrowsedTable } from './sourceBrowser';
import type { ConnectionRights, SourceNeed, WorkspaceSource } from './workspaceSource';

/** Why OpenHEXA's permissions refuse this need (its words: editors and admins hold the credentials; a connection says who may edit it). */
function instanceRefusal(workspace: InstanceWorkspace, need: SourceNeed, connection?: ConnectionRights): string | undefined {
  const name = connection?.name ?? '';
  switch (need) {
    case 'browse':
      return undefined;
    // SQL runs on the database with the credentials OpenHEXA hands out, which viewers do not get.
    case 'query':
    case 'seeCredentials':
      return workspace.role === 'viewer' ? vscode.l10n.t('OpenHEXA gives the database credentials of "{0}" to its editors and admins; you are a {1} there.', workspace.name, roleLabel(workspace.role)) : undefined;
    case 'createConnection':
      return workspace.may.createConnection ? undefined : vscode.l10n.t('OpenHEXA does not let you create connections in "{0}": its editors and admins do.', workspace.name);
    case 'viewConnection':
      return connection?.may?.update === false || workspace.role === 'viewer' ? vscode.l10n.t('OpenHEXA shows the values of "{0}" to the editors and admins of "{1}".', name, workspace.name) : undefined;
    case 'editConnection':
      return connection?.may?.update === false || workspace.role === 'viewer' ? vscode.l10n.t('OpenHEXA does not let you edit "{0}": the editors and admins of "{1}" do.', name, workspace.name) : undefined;
    case 'deleteConnection':
      return connection?.may?.delete === false || workspace.role === 'viewer' ? vscode.l10n.t('OpenHEXA does not let you delete "{0}": the editors and admins of "{1}" do.', name, workspace.name) : undefined;
    case 'changeIdentifier':
      return vscode.l10n.t("On an OpenHEXA instance, a connection's identifier is changed on OpenHEXA itself (the connection's page).");
    case 'regeneratePassword':
      return workspace.may.update ? undefined : vscode.l10n.t('OpenHEXA lets those who may update "{0}" regenerate its database passwords.', workspace.name);
    case 'countRows':
      return vscode.l10n.t('OpenHEXA counts the rows of the tables of "{0}" itself: the tree shows its count.', workspace.name);
    case 'writeTables':
      return vscode.l10n.t('Importing files, loading sample data and deleting tables work on the workspaces of a PostgreSQL server; on OpenHEXA, use its own pages (or SQL with the credentials it hands out).');
    case 'history':
      return vscode.l10n.t("An OpenHEXA instance's saved queries live in its Data Studio; this product keeps none there.");
    case 'platformAdmin':
      return vscode.l10n.t('The workspaces of an OpenHEXA instance are archived and deleted on OpenHEXA itself.');
    case 'manageMembers':
      return vscode.l10n.t('The members of "{0}" are managed on OpenHEXA itself (the workspace\'s settings); here they are listed only.', workspace.name);
  }
}

/**
 * A workspace of an OpenHEXA instance: its API lists and keeps what the
 * catalog keeps on a server (connections, credentials, members), and the
 * data goes straight to the workspace database with the credentials
 * OpenHEXA hands to editors and admins (the read-only ones to read).
 */
export function instanceSource(services: Services, profile: InstanceProfile, workspace: InstanceWorkspace): WorkspaceSource {
  const session = () => services.instances.session(profile.server);
  const slug = workspace.slug;
  const store = instanceConnections(session, slug);
  const credentials = async () => workspaceCredentials(await session(), slug);
  // The tables as OpenHEXA last listed them here, with their columns (the API's reads by position need them).
  const known = new Map<string, OpenHexaTable>();
  const listTablesNow = async (): Promise<OpenHexaTable[]> => {
    const tables = await listTables(await session(), slug);
    known.clear();
    tables.forEach((t) => known.set(t.name, t));
    return tables;
  };
  return {
    key: `instance:${profile.server}/${slug}`,
    workspace,
    where: profile.server,
    audited: false,
    status: 'ready',
    // Known from the credentials, which viewers do not get: the Database row says none.
    databaseName: undefined,
    catalog: undefined,
    browser: {
      // One level: OpenHEXA lists the tables of the public schema, with their counts and columns.
      databaseLevel: async () => {
        const tables = (await listTablesNow()).map((t): BrowsedTable => ({ schema: 'public', name: t.name, kind: 'table', rows: t.count ?? undefined, rowsExact: t.count !== null, bytes: undefined, readable: true }));
        return { page: { tables, total: tables.length } };
      },
      schemaLevel: () => Promise.resolve({ tables: [], total: 0 }),
      showMore: () => undefined,
      // The columns came with the tables: the last list answers, else the tables are asked again.
      columns: async (table) => (known.get(table.name) ?? (await listTablesNow()).find((t) => t.name === table.name))?.columns.map((c) => ({ name: c.name, type: c.type })) ?? [],
      measureOf: () => undefined,
      measureShown: () => undefined,
      countRows: () => Promise.reject(new Error(instanceRefusal(workspace, 'countRows'))),
      readerWrites: () => undefined,
    },
    refusal: (need, connection) => instanceRefusal(workspace, need, connection),
    // With each connection's own permissions, which the tree's menus follow.
    connections: async () =>
      (await listConnections(await session(), slug)).map((c) => ({ identifier: c.identifier, name: c.name, type: c.type, description: c.description, updatedAt: c.updatedAt ?? new Date(0), may: c.may })),
    connectionFields: (identifier) => store.fields(identifier),
    // OpenHEXA keeps no record of who read a value: the reason is not sent.
    connectionValues: (identifier) => store.values(identifier),
    createConnection: (connection) => store.create(connection),
    updateConnection: (identifier, edit) => store.update(identifier, edit),
    // OpenHEXA's testConnection, run by the instance (where its pipelines run).
    testConnection: (type, values, signal) => store.test(type, values, signal),
    changeConnectionIdentifier: () => {
      void vscode.window.showInformationMessage(vscode.l10n.t("On an OpenHEXA instance, a connection's identifier is changed on OpenHEXA itself (the connection's page); this form changes its name, description and values."));
      return Promise.resolve(undefined);
    },
    removeConnection: (identifier) => store.remove(identifier),
    pickTable: async (title) =>
      argOrPick(
        undefined,
        async () => {
          const tables = await listTablesNow();
          if (tables.length === 0) {
            throw new Error(vscode.l10n.t('The workspace "{0}" has no tables yet.', workspace.name));
          }
          return tables.map((t) => ({ label: t.name, value: { schema: 'public', name: t.name } }));
        },
        { title, placeHolder: vscode.l10n.t('Choose a table or view') },
      ),
    previewReader: async (table) => {
      // The API reads by position over the columns it lists (as the tree last listed them; else they are asked).
      const throughApi = async () => {
        const found = known.get(table.name) ?? (await listTablesNow()).find((t) => t.name === table.name);
        if (!found) {
          throw new Error(vscode.l10n.t('The workspace "{0}" has no table "{1}".', workspace.name, table.name));
        }
        return new ApiTableReader(session, slug, found);
      };
      // OpenHEXA gives viewers no credentials: their preview goes through its API (the panel says it is slower).
      if (workspace.role === 'viewer') {
        return throughApi();
      }
      const { ro } = await credentials();
      const login = databaseLogin(ro);
      if (!(await databaseReachable(login))) {
        services.log.warn(`The database of ${slug} at ${ro.host}:${ro.port} does not answer from this computer: previewing ${table.name} through OpenHEXA's API`);
        void vscode.window.showInformationMessage(vscode.l10n.t("The workspace database at {0} does not answer from this computer: the preview reads through OpenHEXA's API, slower and without filters.", `${ro.host}:${ro.port}`));
        return throughApi();
      }
      return services.sessions.preview(login, table.schema, table.name);
    },
    credentials: async () => {
      // The logins' names, host and port (OpenHEXA refuses viewers here, and says so).
      const first = await credentials();
      return {
        passwords: {
          fetchPassword: async (kind) => (await credentials())[kind].password,
          regeneratePassword: async (kind) => {
            await regeneratePassword(await session(), slug, kind);
            return (await credentials())[kind].password;
          },
        },
        target: {
          host: first.ro.host,
          port: first.ro.port,
          tls: {},
          workspace: { name: workspace.name, slug, dbName: first.ro.dbName, role: workspace.role },
          usernames: { rw: first.rw.username, ro: first.ro.username },
          canRegenerate: workspace.may.update,
          audited: false,
        },
      };
    },
    // Its credentials are asked first, so a viewer is told before any document opens; the database's name binds it.
    newQuery: async (text) => {
      const { ro } = await credentials();
      return services.queries.openBound(text, (uri) => services.queries.documents.bindInstance(uri, profile.server, workspace, ro.dbName));
    },
    variables: async () => {
      // OpenHEXA refuses viewers the credentials and secrets, and says so, before any question.
      const read = await credentials();
      return {
        owner: { slug, name: workspace.name, host: read.ro.host, port: read.ro.port },
        read: (set, connections) => instanceSections(read, set, store, connections),
        // No TLS files are handed out with an instance's credentials: libpq's own defaults apply.
        tls: {},
      };
    },
    // OpenHEXA sends a secret's value only to who may update the connection: the codes are all that is used.
    fieldCodes: async (identifier) => (await store.fields(identifier)).map((f) => f.code),
    listsMembers: workspace.may.manageMembers,
    members: async () =>
      ((await listMembers(await session(), workspace)) ?? []).map((m) => ({ name: m.displayName, email: m.email, role: m.role, you: m.email === profile.email })),
    addMember: () => Promise.reject(new Error(instanceRefusal(workspace, 'manageMembers'))),
    createMember: () => Promise.reject(new Error(instanceRefusal(workspace, 'manageMembers'))),
    setMemberRole: () => Promise.reject(new Error(instanceRefusal(workspace, 'manageMembers'))),
    removeMember: () => Promise.reject(new Error(instanceRefusal(workspace, 'manageMembers'))),
    savedQueries: () => Promise.reject(new Error(instanceRefusal(workspace, 'history'))),
    savedQuery: () => Promise.reject(new Error(instanceRefusal(workspace, 'history'))),
  };
}

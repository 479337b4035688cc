// What the product asks an OpenHEXA instance, in the product's own terms
// (roles in lower case, connection types by id, credentials by kind), so
// that the features above see the same shapes as from a PostgreSQL
// server's catalog. Each call is one or a few GraphQL requests; refusals in
// OpenHEXA's result types (PERMISSION_DENIED, NOT_FOUND…) become errors that
// say what to do.
import { said } from '../core/said';
import type { ConnectionField } from '../core/connections/connectionType';
import { CONNECTION_TYPES, type ConnectionTypeId } from '../core/connections/types';
import type { WorkspaceRole } from '../core/roles';
import { databaseHostProblem } from './databaseHost';
import { OpenHexaApi, OpenHexaError, type ApiOptions } from './graphqlClient';
import {
  CAPABILITIES,
  CONNECTION_VALUES,
  CONNECTIONS,
  CREATE_CONNECTION,
  CREDENTIALS,
  DELETE_CONNECTION,
  ME,
  MEMBERS,
  REGENERATE_PASSWORD,
  REGENERATE_RO_PASSWORD,
  TABLE_ROWS,
  TABLES,
  TABLES_BEFORE_2026_07,
  TEST_CONNECTION,
  UPDATE_CONNECTION,
  WORKSPACES,
  type FieldInput,
  type OpenHexaConnectionType,
  type OpenHexaCredentials,
  type OpenHexaRole,
  type OpenHexaTable,
} from './operations';
import { O } from './openHexaMessages';

/** What the instance's schema offers, read by introspection once per sign-in. */
export interface Capabilities {
  /** Database.tables takes withColumns and withCounts (OpenHEXA from July 2026). */
  readonly tablesInOneQuery: boolean;
}

/** A signed-in instance: the API with its token, who the token is, what the schema offers. */
export interface InstanceSession {
  readonly api: OpenHexaApi;
  readonly user: { readonly email: string; readonly displayName: string };
  readonly capabilities: Capabilities;
}

/** Checks the token (who it signs in as) and reads the schema's capabilities, both at once. */
export async function signIn(api: OpenHexaApi, options: ApiOptions = {}): Promise<InstanceSession> {
  const [me, schema] = await Promise.all([api.call(ME, {}, options), api.call(CAPABILITIES, {}, options)]);
  if (!me.me.user) {
    throw new OpenHexaError('unauthenticated', said(O.tokenRefused, api.where));
  }
  const tables = schema.database?.fields?.find((f) => f.name === 'tables');
  const args = new Set(tables?.args.map((a) => a.name));
  return { api, user: me.me.user, capabilities: { tablesInOneQuery: args.has('withColumns') && args.has('withCounts') } };
}

const PAGE = 100;

/** Every page of a paged list, in order. */
async function allPages<T>(read: (page: number) => Promise<{ totalPages: number; items: T[] }>): Promise<T[]> {
  const first = await read(1);
  const items = [...first.items];
  for (let page = 2; page <= first.totalPages; page++) {
    items.push(...(await read(page)).items);
  }
  return items;
}

export interface InstanceWorkspace {
  readonly slug: string;
  readonly name: string;
  readonly role: WorkspaceRole;
  /** OpenHEXA's own word on what the caller may do there (workspace.permissions). */
  readonly may: { readonly update: boolean; readonly manageMembers: boolean; readonly createConnection: boolean; readonly deleteDatabaseTable: boolean };
}

function roleOf(role: OpenHexaRole | undefined, may: InstanceWorkspace['may']): WorkspaceRole {
  if (role) {
    return role === 'ADMIN' ? 'admin' : role === 'EDITOR' ? 'editor' : 'viewer';
  }
  // No membership: an organization's admin or owner, whose rights OpenHEXA's permissions say.
  return may.manageMembers ? 'admin' : may.update ? 'editor' : 'viewer';
}

/** The workspaces the token's user may see (a workspace token sees all of them), with the user's role in each. */
export async function listWorkspaces(session: InstanceSession, options: ApiOptions = {}): Promise<InstanceWorkspace[]> {
  const items = await allPages(async (page) => (await session.api.call(WORKSPACES, { page, perPage: PAGE }, options)).workspaces);
  return items.map((w) => ({ slug: w.slug, name: w.name, role: roleOf(w.currentMembership?.role, w.permissions), may: w.permissions }));
}

function missing(session: InstanceSession, slug: string): OpenHexaError {
  return new OpenHexaError('api', said(O.noWorkspace, slug), session.api.where);
}

function refused(slug: string): OpenHexaError {
  return new OpenHexaError('api', said(O.permissionDenied, slug));
}

/** A workspace's tables with their row counts and columns, every page; one query per page where the instance allows. */
export async function listTables(session: InstanceSession, slug: string, options: ApiOptions = {}): Promise<OpenHexaTable[]> {
  const document = session.capabilities.tablesInOneQuery ? TABLES : TABLES_BEFORE_2026_07;
  return allPages(async (page) => {
    const { workspace } = await session.api.call(document, { slug, page, perPage: PAGE }, options);
    if (!workspace) {
      throw missing(session, slug);
    }
    return workspace.database.tables;
  });
}

export interface InstanceCredentials {
  /** The workspace database's owner login (read/write): editors and admins. */
  readonly rw: OpenHexaCredentials;
  /** The read-only login handed to BI tools. */
  readonly ro: OpenHexaCredentials;
}

/** Both logins of the workspace database; a viewer, to whom OpenHEXA gives neither, is told so. */
export async function workspaceCredentials(session: InstanceSession, slug: string, options: ApiOptions = {}): Promise<InstanceCredentials> {
  const { workspace } = await session.api.call(CREDENTIALS, { slug }, options);
  if (!workspace) {
    throw missing(session, slug);
  }
  const { credentials, readOnlyCredentials } = workspace.database;
  if (!credentials || !readOnlyCredentials) {
    throw new OpenHexaError('api', said(O.viewerNoCredentials, slug));
  }
  // Checked before any use: the preview, the console, .env and the terminal all take them from here.
  for (const login of [credentials, readOnlyCredentials]) {
    const problem = databaseHostProblem(session.api.server, login.host, login.port);
    if (problem) {
      throw new OpenHexaError('unexpectedAnswer', problem);
    }
  }
  return { rw: credentials, ro: readOnlyCredentials };
}

/** A new password for one of the workspace database's logins (editors and admins: OpenHEXA's update_workspace). */
export async function regeneratePassword(session: InstanceSession, slug: string, kind: 'rw' | 'ro', options: ApiOptions = {}): Promise<void> {
  const { result } = await session.api.call(kind === 'rw' ? REGENERATE_PASSWORD : REGENERATE_RO_PASSWORD, { slug }, options);
  if (!result.success) {
    throw result.errors.includes('NOT_FOUND') ? missing(session, slug) : refused(slug);
  }
}

const BY_OPENHEXA_TYPE = new Map<string, ConnectionTypeId>(Object.values(CONNECTION_TYPES).map((t) => [t.envType, t.id as ConnectionTypeId]));

function openHexaType(type: ConnectionTypeId): OpenHexaConnectionType {
  return CONNECTION_TYPES[type].envType as OpenHexaConnectionType;
}

export interface InstanceConnection {
  /** OpenHEXA's id (updates and deletes name it). */
  readonly id: string;
  /** The slug: the connection's identifier, as in the product's catalog. */
  readonly identifier: string;
  readonly name: string;
  readonly type: ConnectionTypeId;
  readonly description: string;
  readonly updatedAt: Date | undefined;
  readonly fields: readonly { readonly code: string; readonly secret: boolean }[];
  readonly may: { readonly update: boolean; readonly delete: boolean };
}

/** Every member: the workspace's connections, without any field's value. */
export async function listConnections(session: InstanceSession, slug: string, options: ApiOptions = {}): Promise<InstanceConnection[]> {
  const { workspace } = await session.api.call(CONNECTIONS, { slug }, options);
  if (!workspace) {
    throw missing(session, slug);
  }
  return workspace.connections.flatMap((c) => {
    const type = BY_OPENHEXA_TYPE.get(c.type);
    return type
      ? [{ id: c.id, identifier: c.slug, name: c.name, type, description: c.description ?? '', updatedAt: c.updatedAt ? new Date(c.updatedAt) : undefined, fields: c.fields, may: c.permissions }]
      : [];
  });
}

/** One connection's fields with their values; a secret's value is undefined where OpenHEXA withholds it (below Editor). */
export async function connectionValues(
  session: InstanceSession,
  slug: string,
  identifier: string,
  options: ApiOptions = {},
): Promise<{ code: string; secret: boolean; value: string | undefined }[]> {
  const { connection } = await session.api.call(CONNECTION_VALUES, { slug, connection: identifier }, options);
  if (!connection) {
    throw new OpenHexaError('api', said(O.noWorkspace, `${slug}/${identifier}`));
  }
  return connection.fields.map((f) => ({ code: f.code, secret: f.secret, value: f.value ?? undefined }));
}

export interface InstanceNewConnection {
  /** A proposal; OpenHEXA adds a short suffix if the workspace already has it. */
  readonly identifier?: string;
  readonly name: string;
  readonly type: ConnectionTypeId;
  readonly description: string;
  readonly fields: readonly ConnectionField[];
}

/** Creates a connection (editors and admins); answers the identifier OpenHEXA gave it. */
export async function createConnection(session: InstanceSession, slug: string, draft: InstanceNewConnection, options: ApiOptions = {}): Promise<string> {
  const input = {
    workspaceSlug: slug,
    name: draft.name,
    ...(draft.identifier ? { slug: draft.identifier } : {}),
    description: draft.description,
    type: openHexaType(draft.type),
    fields: draft.fields.map((f) => ({ code: f.code, value: f.value, secret: f.secret })),
  };
  const { result } = await session.api.call(CREATE_CONNECTION, { input }, options);
  if (!result.success || !result.connection) {
    if (result.errors.includes('INVALID_SLUG')) {
      throw new OpenHexaError('api', said(O.connectionSlugTaken, draft.identifier ?? draft.name));
    }
    throw result.errors.includes('WORKSPACE_NOT_FOUND') ? missing(session, slug) : refused(slug);
  }
  return result.connection.slug;
}

/** A field of an edit: without a value, OpenHEXA keeps the stored one (the form never had it). */
export interface InstanceFieldEdit {
  readonly code: string;
  readonly secret: boolean;
  readonly value?: string;
}

/** Name, description and the whole set of fields (fields left out are removed, as OpenHEXA's set_fields does). */
export async function updateConnection(
  session: InstanceSession,
  slug: string,
  id: string,
  edit: { readonly name: string; readonly description: string; readonly fields: readonly InstanceFieldEdit[] },
  options: ApiOptions = {},
): Promise<void> {
  const fields: FieldInput[] = edit.fields.map((f) => ({ code: f.code, secret: f.secret, value: f.value ?? null }));
  const { result } = await session.api.call(UPDATE_CONNECTION, { input: { id, name: edit.name, description: edit.description, fields } }, options);
  if (!result.success) {
    throw result.errors.includes('NOT_FOUND') ? new OpenHexaError('api', said(O.noWorkspace, `${slug}/${id}`)) : refused(slug);
  }
}

export async function deleteConnection(session: InstanceSession, slug: string, id: string, options: ApiOptions = {}): Promise<void> {
  const { result } = await session.api.call(DELETE_CONNECTION, { id }, options);
  if (!result.success) {
    throw result.errors.includes('NOT_FOUND') ? new OpenHexaError('api', said(O.noWorkspace, `${slug}/${id}`)) : refused(slug);
  }
}

/** OpenHEXA's own test of connection values (from its servers, not this computer). */
export async function testConnection(
  session: InstanceSession,
  slug: string,
  type: ConnectionTypeId,
  fields: readonly ConnectionField[],
  options: ApiOptions = {},
): Promise<{ ok: boolean; message: string | undefined }> {
  const { result } = await session.api.call(
    TEST_CONNECTION,
    { input: { workspaceSlug: slug, type: openHexaType(type), fields: fields.map((f) => ({ code: f.code, value: f.value, secret: f.secret })) } },
    options,
  );
  return { ok: result.success, message: result.errors ?? undefined };
}

export interface InstanceMember {
  readonly email: string;
  readonly displayName: string;
  readonly role: WorkspaceRole;
  readonly since: Date;
}

/** The members, for admins; OpenHEXA answers others an empty list (undefined here: not said as "no members"). */
export async function listMembers(session: InstanceSession, workspace: InstanceWorkspace, options: ApiOptions = {}): Promise<InstanceMember[] | undefined> {
  if (!workspace.may.manageMembers) {
    return undefined;
  }
  const items = await allPages(async (page) => {
    const answer = await session.api.call(MEMBERS, { slug: workspace.slug, page, perPage: PAGE }, options);
    if (!answer.workspace) {
      throw missing(session, workspace.slug);
    }
    return answer.workspace.members;
  });
  return items.map((m) => ({ email: m.user.email, displayName: m.user.displayName, role: roleOf(m.role, workspace.may), since: new Date(m.createdAt) }));
}

/** One page of a table through the API (OpenHEXA pages by number on an ORDER BY column). */
export async function tableRowsPage(
  session: InstanceSession,
  slug: string,
  table: string,
  order: { readonly column: string; readonly direction: 'ASC' | 'DESC' },
  page: number,
  perPage: number,
  options: ApiOptions = {},
): Promise<{ rows: Record<string, unknown>[]; hasNextPage: boolean }> {
  const { workspace } = await session.api.call(TABLE_ROWS, { slug, table, orderBy: order.column, direction: order.direction, page, perPage }, options);
  if (!workspace) {
    throw missing(session, slug);
  }
  if (!workspace.database.table) {
    throw new OpenHexaError('api', said(O.tableNotFound, table, slug));
  }
  return { rows: workspace.database.table.rows.items, hasNextPage: workspace.database.table.rows.hasNextPage };
}

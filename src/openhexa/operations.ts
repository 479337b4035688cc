// Every GraphQL document the product sends to an OpenHEXA instance, each
// with the schema of the data it expects back. Field names, arguments and
// nullability are OpenHEXA's (openhexa-app at 88f10ad, backend/hexa/
// workspaces, databases and user_management graphql/schema.graphql); a unit
// test validates each document against the stand-in's transcription of that
// schema, in both shapes it serves. Where the 2026 schema offers more
// (tables' withColumns and withCounts), there are two documents and the
// instance's capabilities choose.
import { z } from 'zod';

/** One document, the `data` it answers, and its variables' type. */
export interface Operation<T, V extends Record<string, unknown> = Record<string, never>> {
  readonly name: string;
  readonly document: string;
  readonly data: z.ZodType<T>;
  /** Only for typing calls: never set. */
  readonly variables?: V;
}

function operation<T, V extends Record<string, unknown> = Record<string, never>>(name: string, document: string, data: z.ZodType<T>): Operation<T, V> {
  return { name, document: document.replace(/\s+/g, ' ').trim(), data };
}

const role = z.enum(['ADMIN', 'EDITOR', 'VIEWER']);
export type OpenHexaRole = z.infer<typeof role>;

const connectionType = z.enum(['S3', 'GCS', 'POSTGRESQL', 'DHIS2', 'CUSTOM', 'IASO']);
export type OpenHexaConnectionType = z.infer<typeof connectionType>;

/** Which arguments the instance's Database.tables takes (introspection): 2026's withColumns and withCounts, or neither. */
export const CAPABILITIES = operation(
  'Capabilities',
  `query Capabilities {
    database: __type(name: "Database") { fields { name args { name } } }
  }`,
  z.object({
    database: z.object({ fields: z.array(z.object({ name: z.string(), args: z.array(z.object({ name: z.string() })) })).nullable() }).nullable(),
  }),
);

/** Who the token signs in as (`me` is not @loginRequired: an unknown token answers user null). */
export const ME = operation(
  'Me',
  `query Me { me { user { email displayName } } }`,
  z.object({ me: z.object({ user: z.object({ email: z.string(), displayName: z.string() }).nullable() }) }),
);

const workspacePermissions = z.object({
  update: z.boolean(),
  manageMembers: z.boolean(),
  createConnection: z.boolean(),
  deleteDatabaseTable: z.boolean(),
});

export const WORKSPACES = operation<
  { workspaces: { totalPages: number; items: { slug: string; name: string; currentMembership: { role: OpenHexaRole } | null; permissions: z.infer<typeof workspacePermissions> }[] } },
  { page: number; perPage: number }
>(
  'Workspaces',
  `query Workspaces($page: Int!, $perPage: Int!) {
    workspaces(page: $page, perPage: $perPage) {
      totalPages
      items { slug name currentMembership { role } permissions { update manageMembers createConnection deleteDatabaseTable } }
    }
  }`,
  z.object({
    workspaces: z.object({
      totalPages: z.number().int(),
      items: z.array(z.object({ slug: z.string(), name: z.string(), currentMembership: z.object({ role }).nullable(), permissions: workspacePermissions })),
    }),
  }),
);

const tableItem = z.object({ name: z.string(), count: z.number().int().nullable(), columns: z.array(z.object({ name: z.string(), type: z.string() })) });
export type OpenHexaTable = z.infer<typeof tableItem>;
const tablesData = z.object({
  workspace: z.object({ database: z.object({ tables: z.object({ totalPages: z.number().int(), items: z.array(tableItem) }) }) }).nullable(),
});
type TablesData = z.infer<typeof tablesData>;
type TablesVariables = { slug: string; page: number; perPage: number };

/** 2026's instances: columns and counts in the one query. */
export const TABLES = operation<TablesData, TablesVariables>(
  'Tables',
  `query Tables($slug: String!, $page: Int!, $perPage: Int!) {
    workspace(slug: $slug) { database { tables(page: $page, perPage: $perPage, withColumns: true, withCounts: true) { totalPages items { name count columns { name type } } } } }
  }`,
  tablesData,
);

/** Earlier instances: the same fields without the arguments (OpenHEXA then reads each table's columns itself). */
export const TABLES_BEFORE_2026_07 = operation<TablesData, TablesVariables>(
  'TablesBefore202607',
  `query TablesBefore202607($slug: String!, $page: Int!, $perPage: Int!) {
    workspace(slug: $slug) { database { tables(page: $page, perPage: $perPage) { totalPages items { name count columns { name type } } } } }
  }`,
  tablesData,
);

const credentials = z.object({ dbName: z.string(), username: z.string(), password: z.string(), host: z.string(), port: z.number().int(), url: z.string() });
export type OpenHexaCredentials = z.infer<typeof credentials>;

/** null below Editor (databases/schema.py: view_database_credentials). */
export const CREDENTIALS = operation<{ workspace: { database: { credentials: OpenHexaCredentials | null; readOnlyCredentials: OpenHexaCredentials | null } } | null }, { slug: string }>(
  'Credentials',
  `query Credentials($slug: String!) {
    workspace(slug: $slug) { database {
      credentials { dbName username password host port url }
      readOnlyCredentials { dbName username password host port url }
    } }
  }`,
  z.object({ workspace: z.object({ database: z.object({ credentials: credentials.nullable(), readOnlyCredentials: credentials.nullable() }) }).nullable() }),
);

const passwordResult = z.object({ success: z.boolean(), errors: z.array(z.enum(['PERMISSION_DENIED', 'NOT_FOUND'])) });

export const REGENERATE_PASSWORD = operation<{ result: z.infer<typeof passwordResult> }, { slug: string }>(
  'RegeneratePassword',
  `mutation RegeneratePassword($slug: String!) { result: generateNewDatabasePassword(input: { workspaceSlug: $slug }) { success errors } }`,
  z.object({ result: passwordResult }),
);

export const REGENERATE_RO_PASSWORD = operation<{ result: z.infer<typeof passwordResult> }, { slug: string }>(
  'RegenerateReadOnlyPassword',
  `mutation RegenerateReadOnlyPassword($slug: String!) { result: generateNewDatabaseRoPassword(input: { workspaceSlug: $slug }) { success errors } }`,
  z.object({ result: passwordResult }),
);

const connectionSummary = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  description: z.string().nullable(),
  type: connectionType,
  updatedAt: z.string().nullable(),
  fields: z.array(z.object({ code: z.string(), secret: z.boolean() })),
  permissions: z.object({ update: z.boolean(), delete: z.boolean() }),
});
export type OpenHexaConnectionSummary = z.infer<typeof connectionSummary>;

/** The list asks for no field's value: values come one connection at a time, when the user opens or uses it. */
export const CONNECTIONS = operation<{ workspace: { connections: OpenHexaConnectionSummary[] } | null }, { slug: string }>(
  'Connections',
  `query Connections($slug: String!) {
    workspace(slug: $slug) { connections { id name slug description type updatedAt fields { code secret } permissions { update delete } } }
  }`,
  z.object({ workspace: z.object({ connections: z.array(connectionSummary) }).nullable() }),
);

const fieldWithValue = z.object({ code: z.string(), secret: z.boolean(), value: z.string().nullable() });
export type OpenHexaFieldValue = z.infer<typeof fieldWithValue>;

/** A secret's value is null unless the caller may update the connection (workspaces/schema/types.py). */
export const CONNECTION_VALUES = operation<{ connection: { id: string; fields: OpenHexaFieldValue[] } | null }, { slug: string; connection: string }>(
  'ConnectionValues',
  `query ConnectionValues($slug: String!, $connection: String!) {
    connection: connectionBySlug(workspaceSlug: $slug, connectionSlug: $connection) { id fields { code secret value } }
  }`,
  z.object({ connection: z.object({ id: z.string(), fields: z.array(fieldWithValue) }).nullable() }),
);

/** A field as sent: value null keeps the stored one (Connection.set_fields). */
export interface FieldInput {
  readonly code: string;
  readonly value: string | null;
  readonly secret: boolean;
}

export const CREATE_CONNECTION = operation<
  { result: { success: boolean; errors: ('WORKSPACE_NOT_FOUND' | 'PERMISSION_DENIED' | 'INVALID_SLUG')[]; connection: { id: string; slug: string } | null } },
  { input: { workspaceSlug: string; name: string; slug?: string; description: string; type: OpenHexaConnectionType; fields: readonly FieldInput[] } }
>(
  'CreateConnection',
  `mutation CreateConnection($input: CreateConnectionInput!) { result: createConnection(input: $input) { success errors connection { id slug } } }`,
  z.object({
    result: z.object({
      success: z.boolean(),
      errors: z.array(z.enum(['WORKSPACE_NOT_FOUND', 'PERMISSION_DENIED', 'INVALID_SLUG'])),
      connection: z.object({ id: z.string(), slug: z.string() }).nullable(),
    }),
  }),
);

export const UPDATE_CONNECTION = operation<
  { result: { success: boolean; errors: ('NOT_FOUND' | 'PERMISSION_DENIED' | 'INVALID_SLUG')[] } },
  { input: { id: string; name: string; description: string; fields: readonly FieldInput[] } }
>(
  'UpdateConnection',
  `mutation UpdateConnection($input: UpdateConnectionInput!) { result: updateConnection(input: $input) { success errors } }`,
  z.object({ result: z.object({ success: z.boolean(), errors: z.array(z.enum(['NOT_FOUND', 'PERMISSION_DENIED', 'INVALID_SLUG'])) }) }),
);

export const DELETE_CONNECTION = operation<{ result: { success: boolean; errors: ('NOT_FOUND' | 'PERMISSION_DENIED')[] } }, { id: string }>(
  'DeleteConnection',
  `mutation DeleteConnection($id: String!) { result: deleteConnection(input: { id: $id }) { success errors } }`,
  z.object({ result: z.object({ success: z.boolean(), errors: z.array(z.enum(['NOT_FOUND', 'PERMISSION_DENIED'])) }) }),
);

export const TEST_CONNECTION = operation<
  { result: { success: boolean; errors: string | null } },
  { input: { workspaceSlug: string; type: OpenHexaConnectionType; fields: readonly FieldInput[] } }
>(
  'TestConnection',
  `mutation TestConnection($input: TestConnectionInput!) { result: testConnection(input: $input) { success errors } }`,
  z.object({ result: z.object({ success: z.boolean(), errors: z.string().nullable() }) }),
);

const member = z.object({ role, createdAt: z.string(), user: z.object({ email: z.string(), displayName: z.string() }) });
export type OpenHexaMember = z.infer<typeof member>;

/** An empty page unless the caller may manage members (workspaces/schema/types.py). */
export const MEMBERS = operation<{ workspace: { members: { totalPages: number; items: OpenHexaMember[] } } | null }, { slug: string; page: number; perPage: number }>(
  'Members',
  `query Members($slug: String!, $page: Int!, $perPage: Int!) {
    workspace(slug: $slug) { members(page: $page, perPage: $perPage) { totalPages items { role createdAt user { email displayName } } } }
  }`,
  z.object({ workspace: z.object({ members: z.object({ totalPages: z.number().int(), items: z.array(member) }) }).nullable() }),
);

/** The API's own paging of a table (page numbers, an ORDER BY column): the preview's way when the database is out of reach. */
export const TABLE_ROWS = operation<
  { workspace: { database: { table: { rows: { hasNextPage: boolean; items: Record<string, unknown>[] } } | null } } | null },
  { slug: string; table: string; orderBy: string; direction: 'ASC' | 'DESC'; page: number; perPage: number }
>(
  'TableRows',
  `query TableRows($slug: String!, $table: String!, $orderBy: String!, $direction: OrderByDirection!, $page: Int!, $perPage: Int!) {
    workspace(slug: $slug) { database { table(name: $table) { rows(orderBy: $orderBy, direction: $direction, page: $page, perPage: $perPage) { hasNextPage items } } } }
  }`,
  z.object({
    workspace: z
      .object({
        database: z.object({
          table: z.object({ rows: z.object({ hasNextPage: z.boolean(), items: z.array(z.record(z.string(), z.unknown())) }) }).nullable(),
        }),
      })
      .nullable(),
  }),
);

/** Every document, for the test that validates them against OpenHEXA's schema. */
export const ALL_OPERATIONS: readonly Operation<unknown, Record<string, unknown>>[] = [
  CAPABILITIES,
  ME,
  WORKSPACES,
  TABLES,
  TABLES_BEFORE_2026_07,
  CREDENTIALS,
  REGENERATE_PASSWORD,
  REGENERATE_RO_PASSWORD,
  CONNECTIONS,
  CONNECTION_VALUES,
  CREATE_CONNECTION,
  UPDATE_CONNECTION,
  DELETE_CONNECTION,
  TEST_CONNECTION,
  MEMBERS,
  TABLE_ROWS,
] as readonly Operation<unknown, Record<string, unknown>>[];

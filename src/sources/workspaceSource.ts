// One data layer, two kinds: what the features ask of a workspace, wherever
// it lives. A PostgreSQL server's catalog (catalogSource) and an OpenHEXA
// instance's API (instanceSource) each implement it; the feature folders
// hold a WorkspaceSource and never learn which one they have.
import type * as vscode from 'vscode';
import type { DatabaseSet } from '../core/notebooks/databaseEnv';
import type { WorkspaceSection } from '../core/notebooks/workspaceEnvFile';
import type { WorkspaceRole } from '../core/roles';
import type { ConnectionField } from '../core/connections/connectionType';
import type { ConnectionTypeId } from '../core/connections/types';
import type { ConnectionAccess, ConnectionEdit, ConnectionSummary, NewConnection, StoredField } from '../postgres/connections/connectionCalls';
import type { SavedQuerySummary } from '../postgres/savedQueries/savedQueryCalls';
import type { TestOutcome } from '../testers/testOutcome';
import type { CredentialsDeps, CredentialsTarget } from '../features/credentials/credentialsController';
import type { EnvOwner } from '../features/notebooks/workspaceVariables';
import type { WorkspaceRef } from '../platform/commands/pickers';
import type { SourceBrowser } from './sourceBrowser';
import type { PreviewReader } from '../features/preview/previewController';

export interface SourceTable {
  readonly schema: string;
  readonly name: string;
}

/** A connection as listed, with its own permissions where the kind has them (OpenHEXA's, per connection). */
export interface SourceConnection extends ConnectionSummary {
  readonly may?: { readonly update: boolean; readonly delete: boolean };
}

/** A member as the tree lists them: a login on a server, a person on an instance. */
export interface SourceMember {
  /** What names them where the workspace lives (a server's login, an instance's display name). */
  readonly name: string;
  readonly email?: string;
  readonly role: WorkspaceRole;
  readonly you: boolean;
  /** You reach this workspace as a platform admin, not as a member. */
  readonly platformAdmin?: boolean;
}

/** Where a new login connects, told with its password (shown once). */
export interface NewLogin {
  readonly password: string;
  readonly host: string;
  readonly port: number;
  readonly database: string;
}

/** What a command was pointed at inside a workspace: the workspace itself, its Database or Connections, a table, a connection, a saved query. */
export type SourcePlace =
  | { readonly at: 'workspace' | 'database' | 'connections' }
  | { readonly at: 'table'; readonly table: SourceTable }
  | { readonly at: 'connection'; readonly connection: ConnectionSummary }
  | { readonly at: 'query'; readonly query: { readonly slug: string; readonly name: string } };

/**
 * What a command needs of the user there. Each kind answers by its own
 * rules: the product's roles on a server, OpenHEXA's permissions on an
 * instance (which may differ: OpenHEXA lets editors create connections).
 */
export type SourceNeed =
  | 'browse'
  /** SQL of the member's own on the database (the console, Query Table). */
  | 'query'
  | 'seeCredentials'
  | 'regeneratePassword'
  /** Tables made, filled or deleted (import, sample data, Delete Table). */
  | 'writeTables'
  /** An exact count asked of the server. */
  | 'countRows'
  | 'viewConnection'
  | 'createConnection'
  | 'editConnection'
  | 'deleteConnection'
  | 'changeIdentifier'
  | 'manageMembers'
  /** Saved queries and the run history the product keeps. */
  | 'history'
  /** Archiving, restoring and deleting the workspace itself. */
  | 'platformAdmin';

/** A connection as a refusal names it, with its own permissions where the kind has them (OpenHEXA's, per connection). */
export interface ConnectionRights {
  readonly name: string;
  readonly may?: { readonly update: boolean; readonly delete: boolean };
}

/** The variables of a workspace for a .env file or a terminal: whose they are, how they are read, and the TLS variables beside them. */
export interface SourceVariables {
  readonly owner: EnvOwner;
  /** The database's section for `set` (none when undefined), then the sections of `connections`. */
  read(set: DatabaseSet | undefined, connections: readonly ConnectionSummary[]): Promise<WorkspaceSection[]>;
  /** libpq's TLS variables for the terminal (an instance hands out none). */
  readonly tls: Readonly<Record<string, string>>;
}

export interface WorkspaceSource {
  /** Names the workspace across kinds and servers: panels' tabs are keyed by it. */
  readonly key: string;
  readonly workspace: { readonly name: string; readonly slug: string; readonly role: WorkspaceRole };
  /** Where it lives, for messages and logs (a server's label, an instance's address). */
  readonly where: string;
  /** Whether the server keeps an audit record of reveals, copies and deletions (the product's catalog does; an OpenHEXA instance's API says nothing of one). */
  readonly audited: boolean;
  /** A workspace whose creation did not finish, or archived (a server's catalog keeps both; an instance lists ready ones). */
  readonly status: 'ready' | 'provisioning' | 'archived';
  /** The workspace database's name where the listing gives it (the Database row says it). */
  readonly databaseName: string | undefined;
  /**
   * The PostgreSQL server's catalog this workspace lives in, for what only
   * such a server has (saved queries and run history, files imported, sample
   * data, tables deleted, the readers' write privileges, archiving); an
   * OpenHEXA instance has none, and refusal() says so for those needs.
   */
  readonly catalog: WorkspaceRef | undefined;
  /** How the tree browses the workspace database. */
  readonly browser: SourceBrowser;

  /** Why the user may not do this here (a sentence naming who may), or undefined when they may; a connection's own permissions count where the kind has them. */
  refusal(need: SourceNeed, connection?: ConnectionRights): string | undefined;

  /** The workspace's connections, without any value. */
  connections(): Promise<SourceConnection[]>;
  /** A connection's fields, secrets masked (nothing secret leaves the server). */
  connectionFields(identifier: string): Promise<StoredField[]>;
  /** Every value, secrets included; `access` says why, for the kinds that keep an audit record of each read. */
  connectionValues(identifier: string, access: ConnectionAccess): Promise<ConnectionField[]>;
  /** The identifier the server kept (it may add a suffix to the proposal). */
  createConnection(connection: NewConnection): Promise<string>;
  updateConnection(identifier: string, edit: ConnectionEdit): Promise<void>;
  removeConnection(identifier: string): Promise<void>;
  /** Tests these values with the type's protocol, where this kind tests (undefined: the type has no test, as custom). */
  testConnection(type: ConnectionTypeId, values: Readonly<Record<string, string>>, signal: AbortSignal): Promise<TestOutcome | undefined>;
  /** Asks for a connection's new identifier, warns what breaks and changes it (`given` skips the question); the new one, or undefined when the user gave up. */
  changeConnectionIdentifier(connection: Pick<ConnectionSummary, 'identifier' | 'name'>, given?: string): Promise<string | undefined>;

  /** A table the user picks (a command given none). */
  pickTable(title: string): Promise<SourceTable | undefined>;
  /** What a preview of this table reads through. */
  previewReader(table: SourceTable): Promise<PreviewReader>;

  /** The credentials panel's passwords and what it shows. */
  credentials(): Promise<{ readonly passwords: Pick<CredentialsDeps, 'fetchPassword' | 'regeneratePassword'>; readonly target: CredentialsTarget }>;

  /** A new SQL document bound to the workspace, `text` in it. */
  newQuery(text: string): Promise<vscode.TextEditor>;

  variables(): Promise<SourceVariables>;
  /** A custom connection's field codes, which its snippet names (no value reaches the cell). */
  fieldCodes(identifier: string): Promise<string[]>;
  /** The saved queries the member may read (a server's catalog keeps them; an instance keeps none here). */
  savedQueries(): Promise<SavedQuerySummary[]>;
  /** A saved query as the member may read it now. */
  savedQuery(slug: string): Promise<{ readonly name: string; readonly slug: string; readonly sql: string }>;

  /** Whether the user may list the members here (the tree shows Members then). */
  readonly listsMembers: boolean;
  members(): Promise<SourceMember[]>;
  /** Adds someone who has a login already (refusal('manageMembers') says whether the user may, and where else they are managed). */
  addMember(login: string, role: WorkspaceRole): Promise<void>;
  /** Makes a login for a new member, with this role. */
  createMember(login: string, role: WorkspaceRole): Promise<NewLogin>;
  /** A member's new role; what their open sessions keep is said by the kind. */
  setMemberRole(member: string, role: WorkspaceRole): Promise<void>;
  removeMember(member: string): Promise<void>;
}

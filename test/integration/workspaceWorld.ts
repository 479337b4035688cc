// A server prepared as a team would have it: a platform login (CREATEDB +
// CREATEROLE, not superuser, as on managed services), an initialized
// catalog, workspaces, and members who each use their own login.
import * as assert from 'node:assert/strict';
import { Client, DatabaseError } from 'pg';
import { initializeCatalog } from '../../src/postgres/catalog/migrate';
import type { Login } from '../../src/postgres/connect';
import { createMember } from '../../src/postgres/workspace/catalogCalls';
import { createWorkspace, type CreatedWorkspace } from '../../src/postgres/workspace/provisioning';
import { testServer } from './setup';

export type ServerLogin = Omit<Login, 'database'>;

let counter = 0;
/** A name unique in this run, so suites never collide on cluster-wide roles. */
export function unique(base: string): string {
  counter += 1;
  return `${base}_${process.pid}_${counter}`;
}

export function loginAs(user: string, password: string): ServerLogin {
  const server = testServer();
  return { host: server.host, port: server.port, user, password, sslmode: 'disable' };
}

export async function clientAs(login: ServerLogin, database: string): Promise<Client> {
  const client = new Client({ host: login.host, port: login.port, user: login.user, password: login.password, database });
  await client.connect();
  return client;
}

/** Runs fn with a client and always closes it. */
export async function using<T>(login: ServerLogin, database: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = await clientAs(login, database);
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The server refuses with this SQLSTATE (42501: insufficient privilege, 28P01: bad password...). */
export async function refused(promise: Promise<unknown>, code: string): Promise<DatabaseError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof DatabaseError || (err as { code?: string }).code, `unexpected error ${String(err)}`);
    assert.equal((err as DatabaseError).code, code, (err as Error).message);
    return err as DatabaseError;
  }
  return assert.fail(`the server accepted what it should have refused (expected ${code})`);
}

export interface World {
  platform: ServerLogin;
  catalog: string;
  workspace: CreatedWorkspace;
  other: CreatedWorkspace;
  viewer: ServerLogin;
  editor: ServerLogin;
  admin: ServerLogin;
}

let platform: Promise<ServerLogin> | undefined;

/**
 * The platform login of this server (one per run, as on a real server: the
 * OpenHEXA groups are cluster-wide and belong to the login that made them).
 */
export function makePlatform(): Promise<ServerLogin> {
  platform ??= newPlatformLogin();
  return platform;
}

async function newPlatformLogin(): Promise<ServerLogin> {
  const user = unique('platform');
  const password = 'platform-Pw-9';
  const admin = await testServer().connect();
  await admin.query(`CREATE ROLE ${user} LOGIN CREATEDB CREATEROLE PASSWORD '${password}'`);
  await admin.end();
  return loginAs(user, password);
}

export async function makeWorld(names: { workspace: string; other: string }): Promise<World> {
  const platform = await makePlatform();
  const catalog = unique('catalog');
  await initializeCatalog(platform, catalog);
  const workspace = await createWorkspace(platform, catalog, names.workspace);
  const other = await createWorkspace(platform, catalog, names.other);
  const member = async (base: string, role: 'viewer' | 'editor' | 'admin'): Promise<ServerLogin> => {
    const user = unique(base);
    const password = await using(platform, catalog, (c) => createMember(c, workspace.slug, user, role));
    return loginAs(user, password);
  };
  return {
    platform,
    catalog,
    workspace,
    other,
    viewer: await member('vera', 'viewer'),
    editor: await member('eddie', 'editor'),
    admin: await member('ada', 'admin'),
  };
}

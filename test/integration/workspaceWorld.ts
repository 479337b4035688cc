// A server prepared as a team would have it: a platform login (CREATEDB +
// CREATEROLE, not superuser, as on managed services), an initialized
// catalog, workspaces, and members who each use their own login.
import * as assert from 'node:assert/strict';
import { Client, DatabaseError } from 'pg';
import { CatalogError } from '../../src/postgres/catalog/catalogError';
import { initializeCatalog } from '../../src/postgres/catalog/migrate';
import { MIGRATIONS } from '../../src/postgres/catalog/migrations';
import type { Login } from '../../src/postgres/connect';
import { createMember } from '../../src/postgres/workspace/catalogCalls';
import { createWorkspace, type CreatedWorkspace } from '../../src/postgres/workspace/provisioning';
import { workspaceSlug } from '../../src/core/workspaceNames';
import { createMemberV010, createWorkspaceV010 } from '../fixtures/v010Provisioning';
import { loginEndpoint, poolerLog, testServer } from './setup';

export type ServerLogin = Omit<Login, 'database'>;

let counter = 0;
/** A name unique in this run, so suites never collide on cluster-wide roles. */
export function unique(base: string): string {
  counter += 1;
  return `${base}_${process.pid}_${counter}`;
}

/** A login of this run's server, through PgBouncer when the tier runs through it. */
export function loginAs(user: string, password: string): ServerLogin {
  return { ...loginEndpoint(), user, password, sslmode: 'disable' };
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

/**
 * What the server says when it refuses a login, by SQLSTATE. PgBouncer
 * passes a server's login refusal on as a protocol error (08P01) with the
 * server's own words, so through it those words tell the refusal.
 */
const LOGIN_REFUSALS: Record<string, RegExp> = {
  '42501': /^permission denied for database /,
  '28P01': /^(password authentication failed for user |SASL authentication failed$)/,
  '28000': /^(no pg_hba\.conf entry |role ".*" is not permitted to log in$)/,
  '53300': /^(too many connections for |sorry, too many clients already$|remaining connection slots are reserved)/,
};

/** The server refuses with this SQLSTATE (42501: insufficient privilege, 28P01: bad password...). */
export async function refused(promise: Promise<unknown>, code: string): Promise<DatabaseError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof DatabaseError || (err as { code?: string }).code, `unexpected error ${String(err)}`);
    const got = (err as DatabaseError).code;
    const refusal = LOGIN_REFUSALS[code];
    if (got === '08P01' && loginEndpoint().pooler && refusal) {
      const message = (err as Error).message;
      if (message === 'query_wait_timeout' || message.startsWith('server login has been failing')) {
        // PgBouncer keeps a client waiting while the server refuses its own login for that user, then (server_login_retry)
        // refuses the next ones itself: the server's words are in its log.
        assert.match(poolerLog() ?? '', new RegExp(`${refusal.source.replace(/^\^/, '')}`, 'm'), `PgBouncer gave up waiting, and its log has no server refusal ${refusal}`);
      } else {
        assert.match(message, refusal);
      }
    } else {
      assert.equal(got, code, (err as Error).message);
    }
    return err as DatabaseError;
  }
  return assert.fail(`the server accepted what it should have refused (expected ${code})`);
}

/** The catalog call fails with this kind of CatalogError (and message). */
export async function rejectsWith(promise: Promise<unknown>, kind: CatalogError['kind'], message?: RegExp): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof CatalogError, String(err));
    assert.equal(err.kind, kind, err.message);
    if (message) {
      assert.match(err.message, message);
    }
    return true;
  });
}

/** Runs fn as the test server's superuser (to look behind the members' door) and always closes the client. */
export async function asSuperuser<T>(database: string, run: (c: Client) => Promise<T>): Promise<T> {
  const client = await testServer().connect({ database });
  try {
    return await run(client);
  } finally {
    await client.end();
  }
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

/** Where a world's server comes from: made by this version, or made by 0.1.0 and then upgraded by this one. */
export type Origin = 'fresh' | 'upgraded from 0.1.0';
export const ORIGINS: readonly Origin[] = ['fresh', 'upgraded from 0.1.0'];

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

export interface WorldOptions {
  readonly origin?: Origin;
  /** Runs once the members exist; on an upgraded world, before the upgrade (as 0.1.0 users would have). */
  readonly seed?: (world: World) => Promise<void>;
}

/**
 * A catalog with two workspaces and a viewer, an editor and an admin of the
 * first. 'upgraded from 0.1.0': the catalog at migration 1 and everything
 * made by 0.1.0's own steps, then Initialize Server of this version.
 */
export async function makeWorld(names: { workspace: string; other: string }, options: WorldOptions = {}): Promise<World> {
  const platform = await makePlatform();
  const catalog = unique('catalog');
  const legacy = options.origin === 'upgraded from 0.1.0';
  await initializeCatalog(platform, catalog, legacy ? { upTo: 1 } : {});
  const create = (name: string): Promise<CreatedWorkspace> =>
    legacy ? createWorkspaceV010(platform, catalog, name, unique(workspaceSlug(name).slice(0, 20).replace(/-+$/, '')).replace(/_/g, '-')) : createWorkspace(platform, catalog, name);
  const workspace = await create(names.workspace);
  const other = await create(names.other);
  const member = async (base: string, role: 'viewer' | 'editor' | 'admin'): Promise<ServerLogin> => {
    const user = unique(base);
    const password = legacy ? await createMemberV010(platform, catalog, workspace.slug, user, role) : await using(platform, catalog, (c) => createMember(c, workspace.slug, user, role));
    return loginAs(user, password);
  };
  const world: World = {
    platform,
    catalog,
    workspace,
    other,
    viewer: await member('vera', 'viewer'),
    editor: await member('eddie', 'editor'),
    admin: await member('ada', 'admin'),
  };
  await options.seed?.(world);
  if (legacy) {
    const result = await initializeCatalog(platform, catalog);
    assert.deepEqual(result.applied, MIGRATIONS.slice(1).map((m) => m.version));
    assert.deepEqual(result.upgraded.sort(), [workspace.slug, other.slug].sort());
  }
  return world;
}

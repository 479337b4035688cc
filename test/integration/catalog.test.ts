import * as assert from 'node:assert/strict';
import { CatalogError } from '../../src/postgres/catalog/catalogError';
import { catalogState, initializeCatalog, migrate } from '../../src/postgres/catalog/migrate';
import { LATEST_VERSION } from '../../src/postgres/catalog/migrations';
import { addMember, createMember, listWorkspaces } from '../../src/postgres/workspace/catalogCalls';
import { createWorkspace, deleteWorkspace } from '../../src/postgres/workspace/provisioning';
import { testServer } from './setup';
import { clientAs, loginAs, makePlatform, refused, unique, using, type ServerLogin } from './workspaceWorld';

async function snapshot(): Promise<{ databases: string[]; roles: string[] }> {
  const admin = await testServer().connect();
  try {
    const databases = (await admin.query<{ datname: string }>('SELECT datname FROM pg_database ORDER BY 1')).rows.map((r) => r.datname);
    const roles = (await admin.query<{ rolname: string }>('SELECT rolname FROM pg_roles ORDER BY 1')).rows.map((r) => r.rolname);
    return { databases, roles };
  } finally {
    await admin.end();
  }
}

describe('Initialize server: the catalog', function () {
  this.timeout(120_000);
  let platform: ServerLogin;
  before(async () => {
    platform = await makePlatform();
  });

  it('is created by a login with CREATEDB and CREATEROLE that is not superuser, and reports itself ready', async () => {
    const catalog = unique('cat');
    assert.deepEqual(await catalogState(platform, catalog), { state: 'missing' });
    const result = await initializeCatalog(platform, catalog);
    assert.deepEqual(result, { createdDatabase: true, applied: [LATEST_VERSION] });
    assert.deepEqual(await catalogState(platform, catalog), { state: 'ready', version: LATEST_VERSION });
  });

  it('running it again changes nothing', async () => {
    const catalog = unique('cat');
    await initializeCatalog(platform, catalog);
    const again = await initializeCatalog(platform, catalog);
    assert.deepEqual(again, { createdDatabase: false, applied: [] });
  });

  it('two clients initializing at once are serialized: one applies, the other finds it done', async () => {
    const catalog = unique('cat');
    const results = await Promise.all([initializeCatalog(platform, catalog), initializeCatalog(platform, catalog)]);
    assert.deepEqual(results.flatMap((r) => r.applied).sort(), [LATEST_VERSION]);
    const versions = await using(platform, catalog, (c) => c.query('SELECT version FROM public.openhexa_schema_version'));
    assert.deepEqual(versions.rows, [{ version: LATEST_VERSION }]);
  });

  it('says which privilege a login lacks', async () => {
    const admin = await testServer().connect();
    const user = unique('plain');
    await admin.query(`CREATE ROLE ${user} LOGIN CREATEDB PASSWORD 'pw'`);
    await admin.end();
    await assert.rejects(initializeCatalog(loginAs(user, 'pw'), unique('cat')), (err: unknown) => {
      return err instanceof CatalogError && err.kind === 'missingPrivilege' && /lacks CREATEROLE/.test(err.message) && !/CREATEDB and/.test(err.message);
    });
  });

  it('refuses to touch a catalog made by a newer version of the extension', async () => {
    const catalog = unique('cat');
    await initializeCatalog(platform, catalog);
    await using(platform, catalog, (c) => c.query("INSERT INTO public.openhexa_schema_version (version, name) VALUES (999, 'from the future')"));
    assert.deepEqual(await catalogState(platform, catalog), { state: 'newer', version: 999 });
    const client = await clientAs(platform, catalog);
    try {
      await assert.rejects(migrate(client), (err: unknown) => err instanceof CatalogError && err.kind === 'catalogNewer');
    } finally {
      await client.end();
    }
  });

  it('gives members no privilege on its tables, and nobody outside the groups may connect', async () => {
    const catalog = unique('cat');
    await initializeCatalog(platform, catalog);
    const admin = await testServer().connect();
    const outsider = unique('outsider');
    await admin.query(`CREATE ROLE ${outsider} LOGIN PASSWORD 'pw'`);
    await admin.end();
    await refused(using(loginAs(outsider, 'pw'), catalog, async () => undefined), '42501');
  });
});

describe('workspaces: create and delete, with hostile names, never half-done', function () {
  this.timeout(180_000);
  let platform: ServerLogin;
  let catalog: string;
  before(async () => {
    platform = await makePlatform();
    catalog = unique('cat');
    await initializeCatalog(platform, catalog);
  });

  const hostile = [
    `Robert'); DROP TABLE students;--`,
    'Santé "publique" — Côte d’Ivoire',
    'select',
    '数据 团队',
    'ö'.repeat(80),
    `a${'-x'.repeat(39)}`,
  ];
  for (const name of hostile) {
    it(`creates "${name.slice(0, 40)}" with a safe slug and database name`, async () => {
      const created = await createWorkspace(platform, catalog, name);
      assert.match(created.slug, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(created.slug.length <= 40);
      assert.match(created.dbName, /^ws_[a-z0-9_]+$/);
      const seen = await using(platform, catalog, (c) => listWorkspaces(c));
      const mine = seen.find((w) => w.slug === created.slug);
      assert.equal(mine?.name, name.trim());
      assert.equal(mine?.status, 'ready');
    });
  }

  it('gives a second workspace of the same name its own slug', async () => {
    const a = await createWorkspace(platform, catalog, 'Twins');
    const b = await createWorkspace(platform, catalog, 'Twins');
    assert.notEqual(a.slug, b.slug);
    assert.match(b.slug, /^twins-[a-z0-9]{4}$/);
  });

  it('refuses an empty or too long name with a clear error', async () => {
    await assert.rejects(createWorkspace(platform, catalog, '   '), (e: unknown) => e instanceof CatalogError && e.kind === 'invalid');
    await assert.rejects(createWorkspace(platform, catalog, 'x'.repeat(81)), (e: unknown) => e instanceof CatalogError && e.kind === 'invalid');
  });

  it('only platform admins may create one', async () => {
    const ws = await createWorkspace(platform, catalog, 'Guarded');
    const user = unique('wsadmin');
    const password = await using(platform, catalog, (c) => createMember(c, ws.slug, user, 'admin'));
    await assert.rejects(createWorkspace(loginAs(user, password), catalog, 'Mine'), (e: unknown) => e instanceof CatalogError && e.kind === 'notAllowed');
  });

  it('member logins with hostile names work or fail cleanly', async () => {
    const ws = await createWorkspace(platform, catalog, 'Hostile members');
    for (const login of [`o'brien"; DROP ROLE x;--`, 'Élodie Ünïcode', 'select', `m${'é'.repeat(31)}`]) {
      const password = await using(platform, catalog, (c) => createMember(c, ws.slug, login, 'viewer'));
      await using(loginAs(login, password), ws.dbName, async (c) => assert.equal((await c.query('SELECT 1 AS one')).rows[0].one, 1));
    }
    await assert.rejects(
      using(platform, catalog, (c) => createMember(c, ws.slug, 'x'.repeat(64), 'viewer')),
      (e: unknown) => e instanceof CatalogError && e.kind === 'invalid',
    );
    await assert.rejects(
      using(platform, catalog, (c) => createMember(c, ws.slug, 'pg_sneaky', 'viewer')),
      (e: unknown) => e instanceof CatalogError && e.kind === 'invalid',
    );
    await assert.rejects(
      using(platform, catalog, (c) => addMember(c, ws.slug, 'postgres', 'admin')),
      (e: unknown) => e instanceof CatalogError && e.kind === 'invalid',
    );
  });

  it('adds an existing login made by someone else (a server admin) as a member', async () => {
    const ws = await createWorkspace(platform, catalog, 'Existing logins');
    const user = unique('existing');
    const admin = await testServer().connect();
    await admin.query(`CREATE ROLE ${user} LOGIN PASSWORD 'existing-pw'`);
    await admin.end();
    await using(platform, catalog, (c) => addMember(c, ws.slug, user, 'editor'));
    await using(loginAs(user, 'existing-pw'), ws.dbName, async (c) => {
      await c.query('CREATE TABLE made_by_existing (id int)');
      assert.equal((await c.query("SELECT tableowner FROM pg_tables WHERE tablename = 'made_by_existing'")).rows[0].tableowner, ws.dbName);
    });
  });

  it('deletes a workspace: database, roles and catalog rows are gone', async () => {
    const before = await snapshot();
    const ws = await createWorkspace(platform, catalog, 'Short lived');
    const user = unique('tmp');
    await using(platform, catalog, (c) => createMember(c, ws.slug, user, 'editor'));
    await deleteWorkspace(platform, catalog, ws.slug);
    const after = await snapshot();
    assert.deepEqual(after.databases, before.databases);
    assert.deepEqual(
      after.roles.filter((r) => r !== user),
      before.roles,
    );
    assert.equal((await using(platform, catalog, (c) => listWorkspaces(c))).some((w) => w.slug === ws.slug), false);
  });

  async function inTemplate1(sql: string[]): Promise<void> {
    const admin = await testServer().connect({ database: 'template1' });
    try {
      for (const statement of sql) {
        await admin.query(statement);
      }
    } finally {
      await admin.end();
    }
  }
  const RESTORE_TEMPLATE = ['REVOKE CREATE ON SCHEMA public FROM PUBLIC', 'ALTER SCHEMA public OWNER TO pg_database_owner'];

  it('on a server whose public schema grants CREATE to PUBLIC, the read-only login still creates nothing', async () => {
    await inTemplate1(['GRANT CREATE ON SCHEMA public TO PUBLIC']);
    try {
      const ws = await createWorkspace(platform, catalog, 'Open public');
      const [ro] = (await using(platform, catalog, (c) => c.query<{ username: string; password: string }>("SELECT username, password FROM openhexa.workspace_credentials($1) WHERE kind = 'ro'", [ws.slug]))).rows;
      await using(loginAs(ro!.username, ro!.password), ws.dbName, (c) => refused(c.query('CREATE TABLE public.sneaky (id int)'), '42501'));
    } finally {
      await inTemplate1(RESTORE_TEMPLATE);
    }
  });

  it('where that cannot be fixed (public owned by a superuser, as after an upgrade), refuses and leaves nothing behind', async () => {
    const before = await snapshot();
    await inTemplate1(['ALTER SCHEMA public OWNER TO postgres', 'GRANT CREATE ON SCHEMA public TO PUBLIC']);
    try {
      await assert.rejects(createWorkspace(platform, catalog, 'Upgraded server'), (e: unknown) => {
        return e instanceof CatalogError && e.kind === 'publicSchemaOpen' && /REVOKE CREATE ON SCHEMA public FROM PUBLIC/.test(e.message);
      });
    } finally {
      await inTemplate1(RESTORE_TEMPLATE);
    }
    const after = await snapshot();
    assert.deepEqual(after, before, 'a database or role was left behind');
    assert.equal((await using(platform, catalog, (c) => listWorkspaces(c))).some((w) => w.name === 'Upgraded server'), false);
  });
});

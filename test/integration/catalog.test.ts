import * as assert from 'node:assert/strict';
import { CatalogError } from '../../src/postgres/catalog/catalogError';
import { catalogState, initializeCatalog, migrate, MIGRATION_LOCK_KEY } from '../../src/postgres/catalog/migrate';
import { withConnection } from '../../src/postgres/connect';
import { startTestServer } from '../fixtures/postgresServer';
import { LATEST_VERSION, MIGRATIONS } from '../../src/postgres/catalog/migrations';
import { addMember, createMember, listWorkspaces, regeneratePassword, revealPassword } from '../../src/postgres/workspace/catalogCalls';
import { createWorkspace, deleteWorkspace } from '../../src/postgres/workspace/provisioning';
import { syncOwnSessionRole } from '../../src/postgres/workspace/sessionRoles';
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
    assert.deepEqual(result, { createdDatabase: true, applied: MIGRATIONS.map((m) => m.version), upgraded: [] });
    assert.deepEqual(await catalogState(platform, catalog), { state: 'ready', version: LATEST_VERSION });
  });

  it('running it again changes nothing', async () => {
    const catalog = unique('cat');
    await initializeCatalog(platform, catalog);
    const again = await initializeCatalog(platform, catalog);
    assert.deepEqual(again, { createdDatabase: false, applied: [], upgraded: [] });
  });

  it('two clients initializing at once are serialized: one applies, the other finds it done', async () => {
    const catalog = unique('cat');
    const results = await Promise.all([initializeCatalog(platform, catalog), initializeCatalog(platform, catalog)]);
    assert.deepEqual(
      results.flatMap((r) => r.applied).sort((a, b) => a - b),
      MIGRATIONS.map((m) => m.version),
    );
    const versions = await using(platform, catalog, (c) => c.query('SELECT version FROM public.openhexa_schema_version ORDER BY version'));
    assert.deepEqual(
      versions.rows,
      MIGRATIONS.map((m) => ({ version: m.version })),
    );
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

  it('refuses a name already used on the server, whatever its case and spaces, and leaves nothing behind', async () => {
    await createWorkspace(platform, catalog, 'Twins');
    const before = await snapshot();
    for (const again of ['Twins', '  twins ', 'TWINS']) {
      await assert.rejects(createWorkspace(platform, catalog, again), (e: unknown) => e instanceof CatalogError && e.kind === 'conflict' && /already exists on this server/.test(e.message));
    }
    assert.deepEqual(await snapshot(), before);
  });

  it('gives a workspace whose name makes the same slug as another its own slug', async () => {
    const a = await createWorkspace(platform, catalog, 'Triplets');
    const b = await createWorkspace(platform, catalog, 'Triplets!');
    assert.notEqual(a.slug, b.slug);
    assert.match(b.slug, /^triplets-[a-z0-9]{4}$/);
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
    // PostgreSQL 16+ lets the platform login change only the settings of logins it created: the member's own
    // VS Code sets its session role when it opens the workspace (on 15 the platform already did; this changes nothing).
    await using(loginAs(user, 'existing-pw'), catalog, (c) => syncOwnSessionRole(c, ws.dbName, 'editor'));
    await using(loginAs(user, 'existing-pw'), ws.dbName, async (c) => {
      await c.query('CREATE TABLE made_by_existing (id int)');
      assert.equal((await c.query("SELECT tableowner FROM pg_tables WHERE tablename = 'made_by_existing'")).rows[0].tableowner, `${ws.dbName}_writer`);
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

  it('what template1 holds never reaches a workspace: an open public schema, a viewer\'s large object (new databases come from template0)', async () => {
    const ws = await createWorkspace(platform, catalog, 'Template source');
    const user = unique('lo_viewer');
    const pw = await using(platform, catalog, (c) => createMember(c, ws.slug, user, 'viewer'));
    // Any login may connect to template1 and leave a large object there (PostgreSQL cannot prevent it without a superuser).
    const planted = await using(loginAs(user, pw), 'template1', async (c) => (await c.query<{ oid: number }>("SELECT lo_from_bytea(0, 'left by a viewer') AS oid")).rows[0]!.oid);
    await inTemplate1(['ALTER SCHEMA public OWNER TO postgres', 'GRANT CREATE ON SCHEMA public TO PUBLIC']);
    try {
      const next = await createWorkspace(platform, catalog, 'Made after');
      await using(platform, next.dbName, async (c) => {
        assert.equal((await c.query('SELECT count(*)::int AS n FROM pg_largeobject_metadata')).rows[0].n, 0);
        assert.equal((await c.query("SELECT has_schema_privilege('public', 'public', 'CREATE') AS open")).rows[0].open, false);
      });
      const ro = await using(platform, catalog, (c) => revealPassword(c, next.slug, 'ro', 'reveal'));
      await using(loginAs(ro.username, ro.password), next.dbName, (c) => refused(c.query('CREATE TABLE public.sneaky (id int)'), '42501'));
    } finally {
      await inTemplate1([...RESTORE_TEMPLATE, `SELECT lo_unlink(${planted})`]);
    }
  });
});

describe('Initialize server: waiting for others, and what the server log keeps', function () {
  this.timeout(120_000);

  it('waits for a migration lock held by someone else only so long, and says who holds it', async () => {
    const platform = await makePlatform();
    const catalog = unique('cat');
    await initializeCatalog(platform, catalog);
    const ws = await createWorkspace(platform, catalog, 'Lock holder');
    const user = unique('holder');
    const pw = await using(platform, catalog, (c) => createMember(c, ws.slug, user, 'viewer'));
    // Any member may connect to the catalog and take an advisory lock: no privilege is needed.
    const holder = await clientAs(loginAs(user, pw), catalog);
    try {
      // In a transaction left open: through PgBouncer that keeps its server connection (and the lock) with this client,
      // where a session-level lock stays on a pooled connection that PgBouncer may close once idle.
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      const started = Date.now();
      await assert.rejects(initializeCatalog(platform, catalog, { lockWaitMs: 1000 }), (err: unknown) => {
        assert.ok(err instanceof CatalogError && err.kind === 'catalogBusy', String(err));
        assert.match(err.message, new RegExp(`login "${user}"`));
        return true;
      });
      assert.ok(Date.now() - started < 15_000, 'it waited far longer than asked');
    } finally {
      await holder.end();
    }
    assert.deepEqual((await initializeCatalog(platform, catalog)).applied, []);
  });

  it('no password ever reaches the server log, even with log_statement = all', async () => {
    const server = await startTestServer({ settings: { log_statement: 'all', log_min_error_statement: 'info', log_min_messages: 'info' } });
    try {
      const admin = await server.connect();
      await admin.query("CREATE ROLE logged_platform LOGIN CREATEDB CREATEROLE PASSWORD 'platform-Pw-9'");
      await admin.end();
      const platform: ServerLogin = { host: server.host, port: server.port, user: 'logged_platform', password: 'platform-Pw-9', sslmode: 'disable' };
      await initializeCatalog(platform, 'openhexa');
      const ws = await createWorkspace(platform, 'openhexa', 'Logged');
      const secrets = await withConnection({ ...platform, database: 'openhexa' }, async (c) => [
        await createMember(c, ws.slug, 'logged_member', 'editor'),
        await regeneratePassword(c, ws.slug, 'ro'),
        await regeneratePassword(c, ws.slug, 'rw'),
        (await revealPassword(c, ws.slug, 'ro', 'reveal')).password,
        (await revealPassword(c, ws.slug, 'rw', 'copy')).password,
      ]);
      // A failing call too: its statement and context go to the log.
      await withConnection({ ...platform, database: 'openhexa' }, (c) => createMember(c, ws.slug, 'logged_member', 'viewer')).catch(() => undefined);
      const log = server.log();
      assert.match(log, /openhexa\.create_member/, 'the server did not log statements: this test would prove nothing');
      assert.match(log, /openhexa\.regenerate_password/);
      for (const secret of secrets) {
        assert.ok(!log.includes(secret), 'a password is in the server log');
      }
    } finally {
      await server.stop();
    }
  });
});

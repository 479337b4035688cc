// The product through PgBouncer in transaction pooling, as teams that outgrow
// a server's connection slots deploy it: a member's browse, preview (sort,
// filter, Ctrl+End, count, export, cancel), credentials and connections, and
// Initialize Server, each through their own login. (Debian's pgbouncer; the
// tests are skipped, saying so, where it is not installed.)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Client } from 'pg';
import { Writable } from 'node:stream';
import { catalogState, initializeCatalog } from '../../src/postgres/catalog/migrate';
import { connectionValues, createConnection } from '../../src/postgres/connections/connectionCalls';
import { PoolRegistry } from '../../src/postgres/pools';
import { LeaveQueue } from '../../src/postgres/budget/connectionGate';
import { ServerFull } from '../../src/postgres/budget/serverFull';
import { describeLoginFailure } from '../../src/postgres/loginFailure';
import { asCatalogError, CatalogError } from '../../src/postgres/catalog/catalogError';
import { cancelRunningQuery } from '../../src/postgres/cancel';
import { Cancelled } from '../../src/postgres/preview/queryLane';
import { PreviewSession } from '../../src/postgres/preview/previewSession';
import { createMember, listWorkspaces, regeneratePassword, revealPassword, setMemberRole } from '../../src/postgres/workspace/catalogCalls';
import { createWorkspace, deleteWorkspace } from '../../src/postgres/workspace/provisioning';
import { listRelations } from '../../src/postgres/workspace/tables';
import { PGBOUNCER_BIN, startPgBouncer, type PgBouncer } from '../fixtures/pgbouncer';
import { testServer } from './setup';
import { asSuperuser, clientAs, makePlatform, refused, unique, using, type ServerLogin } from './workspaceWorld';
import { pollUntil } from '../harness/pollUntil';

describe('through PgBouncer in transaction pooling: every path a member takes', function () {
  this.timeout(120_000);
  let bouncer: PgBouncer;
  let pools: PoolRegistry;
  let through: (login: ServerLogin) => ServerLogin;
  let platform: ServerLogin;
  let catalog = '';
  let slug = '';
  let dbName = '';
  let admin: ServerLogin;
  let viewer: ServerLogin;

  before(async function () {
    if (!fs.existsSync(PGBOUNCER_BIN)) {
      // CI installs Debian's pgbouncer; elsewhere say why these tests did not run.
      this.skip();
    }
    bouncer = await startPgBouncer(testServer());
    through = (login) => ({ ...login, host: bouncer.host, port: bouncer.port });
    pools = new PoolRegistry();
    platform = await makePlatform();
    catalog = unique('bouncer_catalog');
    // Initialize Server and Create Workspace through the pooler too.
    await initializeCatalog(through(platform), catalog);
    const workspace = await createWorkspace(through(platform), catalog, unique('Bouncer WS'));
    slug = workspace.slug;
    dbName = workspace.dbName;
    const member = async (role: 'viewer' | 'editor' | 'admin'): Promise<ServerLogin> => {
      const user = unique(`bouncer_${role}`);
      const password = await pools.withClient({ ...through(platform), database: catalog }, (c) => createMember(c, slug, user, role));
      return { ...platform, user, password };
    };
    admin = await member('admin');
    viewer = await member('viewer');
    const editor = await member('editor');
    await using(editor, dbName, async (c) => {
      await c.query('CREATE TABLE public.visits (id int PRIMARY KEY, site text, cases int)');
      await c.query(`INSERT INTO public.visits SELECT g, 'site ' || (g % 7), CASE WHEN g % 5 = 0 THEN NULL ELSE g % 100 END FROM generate_series(1, 20000) g`);
      await c.query('ANALYZE public.visits');
    });
  });

  after(async () => {
    await pools?.dispose();
    await bouncer?.stop();
  });

  it('says at once that a database does not exist (the pooler holds a login to one): no catalog yet, a deleted workspace', async () => {
    const started = Date.now();
    assert.deepEqual(await catalogState({ ...through(platform), pooler: true }, unique('no_catalog_here')), { state: 'missing' });
    // The window's own path, as the tree reads a server's catalog: the server's 3D000, which the tree takes for "Initialize Server".
    const missing = await pools.withClient({ ...through(platform), pooler: true, database: unique('no_catalog_either') }, (c) => c.query('SELECT 1')).catch((err: unknown) => err);
    assert.ok(asCatalogError(missing) instanceof CatalogError && (asCatalogError(missing) as CatalogError).kind === 'catalogMissing', String(missing));
    assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
  });

  it('lists the workspace and browses its tables as the viewer', async () => {
    const workspaces = await pools.withClient({ ...through(viewer), database: catalog }, (c) => listWorkspaces(c));
    assert.deepEqual(workspaces.map((w) => w.slug), [slug]);
    const tables = await pools.browse({ ...through(viewer), database: dbName }, (c) => listRelations(c, undefined, 100));
    assert.deepEqual(tables.map((t) => t.name), ['visits']);
  });

  it('previews: sort, filter, Ctrl+End, an exact count, an export, and a cancelled page that leaves nothing running', async () => {
    const session = new PreviewSession({ ...through(viewer), database: dbName }, 'public', 'visits', pools);
    try {
      const sorted = await session.page({ pageSize: 50, sort: { column: 'cases', direction: 'desc' } });
      assert.equal(sorted.rows[0]![2], null, 'NULLs first when descending');
      const filtered = await session.page({ pageSize: 50, filters: [{ column: 'site', op: 'eq', value: 'site 3' }] });
      assert.ok(filtered.rows.every((r) => r[1] === 'site 3'));
      const last = await session.page({ pageSize: 50, last: true });
      assert.equal(last.rows.at(-1)![0], '20000');
      assert.equal(await session.count({ filters: [{ column: 'site', op: 'eq', value: 'site 3' }] }), 2857);
      const exported = await session.exportCsv({}, new Writable({ write: (_c, _e, done) => done() }));
      assert.equal(exported.rows, 20000);
      // A page request replaced by a newer one is cancelled on the server, through the pooler.
      const older = session.page({ pageSize: 50, sort: { column: 'site', direction: 'asc' }, filters: [{ column: 'site', op: 'contains', value: 'e' }] });
      const newer = session.page({ pageSize: 10 });
      await assert.rejects(older, Cancelled);
      assert.equal((await newer).rows.length, 10);
      // Nothing of the viewer's keeps running on the server behind the pooler.
      await pollUntil(
        () => asSuperuser('postgres', async (c) => (await c.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_catalog.pg_stat_activity WHERE usename = $1 AND state = 'active'", [viewer.user])).rows[0]!.n === 0),
        'no query of the viewer left running',
      );
    } finally {
      await session.close();
    }
  });

  it('a Cancel through the pooler stops the statement and leaves the pooler up for everyone (PgBouncer 1.18 stops on a cancel whose client closes first)', async () => {
    for (let i = 0; i < 5; i++) {
      const member = await clientAs(through(viewer), dbName);
      try {
        await member.query('BEGIN READ ONLY; DECLARE c NO SCROLL CURSOR FOR SELECT pg_catalog.pg_sleep(30)');
        const fetching = member.query('FETCH FORWARD 10 FROM c');
        fetching.catch(() => undefined); // Judged below, once cancelled.
        await new Promise((resolve) => setTimeout(resolve, 200));
        await cancelRunningQuery(member, bouncer.host, bouncer.port);
        await refused(fetching, '57014');
        await member.query('ROLLBACK');
      } finally {
        await member.end().catch(() => undefined);
      }
    }
    // Still serving: a new client logs in and reads.
    const rows = await using(through(viewer), dbName, async (c) => (await c.query('SELECT count(*)::int AS n FROM public.visits')).rows as { n: number }[]);
    assert.deepEqual(rows, [{ n: 20000 }]);
    assert.doesNotMatch(bouncer.log(), /FATAL/);
  });

  it('reveals and regenerates the database credentials as the admin; the new password works through the pooler', async () => {
    const on = { ...through(admin), database: catalog };
    const before = await pools.withClient(on, (c) => revealPassword(c, slug, 'ro', 'reveal'));
    const fresh = await pools.withClient(on, (c) => regeneratePassword(c, slug, 'ro'));
    assert.notEqual(fresh, before.password);
    const after = await pools.withClient(on, (c) => revealPassword(c, slug, 'ro', 'reveal'));
    assert.equal(after.password, fresh);
    const reader = { ...platform, user: after.username, password: fresh };
    const seen = await pools.browse({ ...through(reader), database: dbName }, async (c) => (await c.query<{ n: string }>('SELECT count(*) AS n FROM public.visits')).rows[0]!.n);
    assert.equal(seen, '20000');
  });

  it('creates a connection and reads its secret back as the admin', async () => {
    const on = { ...through(admin), database: catalog };
    const identifier = await pools.withClient(on, (c) =>
      createConnection(c, slug, { identifier: 'pooled-api', name: 'Pooled API', type: 'custom', description: 'made through PgBouncer', fields: [{ code: 'token', value: 'through-the-pooler', secret: true }] }),
    );
    const values = await pools.withClient(on, (c) => connectionValues(c, slug, identifier, 'reveal'));
    assert.equal(values.find((v) => v.code === 'token')?.value, 'through-the-pooler');
  });

  it('a session setting a member\'s code makes does not reach another member through the pooler', async () => {
    // Raw clients, not the product's pools (which pin search_path themselves): only the pooler stands between them.
    // PgBouncer pools server connections per login and database, so the viewer never gets the admin's.
    await using(through(admin), dbName, (c) => c.query("SELECT pg_catalog.set_config('search_path', 'evil, public', false)"));
    const paths = await Promise.all([0, 1, 2].map(() => using(through(viewer), dbName, async (c) => (await c.query<{ p: string }>('SELECT pg_catalog.current_setting($1) AS p', ['search_path'])).rows[0]!.p)));
    for (const path of paths) {
      assert.doesNotMatch(path, /evil/);
    }
  });

  it('a member made viewer no longer writes through the pooler, whichever server connection it gets', async () => {
    const user = unique('bouncer_demoted');
    const password = await pools.withClient({ ...through(platform), database: catalog }, (c) => createMember(c, slug, user, 'editor'));
    const demoted = through({ ...platform, user, password });
    // Several at once, each in a transaction: PgBouncer opens server connections that act as the writer group, and keeps them.
    const clients = async (): Promise<Client[]> => Promise.all([0, 1, 2].map(() => clientAs(demoted, dbName)));
    const before = await clients();
    await Promise.all(before.map((c) => c.query('BEGIN').then(() => c.query('INSERT INTO public.visits VALUES (-1, $1, 0) ON CONFLICT (id) DO NOTHING', ['probe'])).then(() => c.query('ROLLBACK'))));
    await Promise.all(before.map((c) => c.end()));
    // Server sessions that began before the change are the ones that may carry the writer role.
    const changedAt = await asSuperuser('postgres', async (c) => (await c.query<{ t: Date }>('SELECT pg_catalog.clock_timestamp() AS t')).rows[0]!.t);
    const ended = await pools.withClient({ ...through(admin), database: catalog }, (c) => setMemberRole(c, slug, user, 'viewer'));
    assert.ok(ended.closed >= 1 && ended.leftOpen === 0, JSON.stringify(ended));
    await pollUntil(
      () =>
        asSuperuser('postgres', async (c) => {
          const sql = 'SELECT count(*)::int AS n FROM pg_catalog.pg_stat_activity WHERE usename = $1 AND backend_start < $2';
          return (await c.query<{ n: number }>(sql, [user, changedAt])).rows[0]!.n === 0;
        }),
      'the demoted member\'s server connections from before the change to end',
    );
    const after = await clients();
    try {
      await Promise.all(after.map((c) => c.query('BEGIN')));
      for (const c of after) {
        await refused(c.query('INSERT INTO public.visits VALUES (-2, $1, 0)', ['after']), '42501');
      }
    } finally {
      await Promise.all(after.map((c) => c.end()));
    }
  });

  it('Delete Workspace while PgBouncer keeps a member\'s idle server connection to it: refused, saying how to close them', async () => {
    const doomed = await createWorkspace(through(platform), catalog, unique('Bouncer doomed'));
    const user = unique('bouncer_doomed_viewer');
    const password = await pools.withClient({ ...through(platform), database: catalog }, (c) => createMember(c, doomed.slug, user, 'viewer'));
    await using(through({ ...platform, user, password }), doomed.dbName, (c) => c.query('SELECT 1'));
    await assert.rejects(deleteWorkspace({ ...through(platform), pooler: true }, catalog, doomed.slug), (err: unknown) => {
      assert.ok(err instanceof CatalogError && err.kind === 'databaseInUse', String(err));
      assert.match(err.message, new RegExp(`RECONNECT ${doomed.dbName};`));
      return true;
    });
    // Nothing half-done: the workspace is still listed and its database still there.
    assert.ok((await pools.withClient({ ...through(platform), database: catalog }, (c) => listWorkspaces(c))).some((w) => w.slug === doomed.slug));
  });

  it('the product sets nothing on a login\'s sessions: the same login\'s own clients through the pooler find search_path and role as they were', async () => {
    // The viewer's notebook goes through the same PgBouncer with the same login, so it gets the server connections the product used.
    const on = { ...through(viewer), database: dbName };
    // New connections, as a window opening: whatever the product does on connecting happens now.
    await pools.close(on);
    await pools.withClient({ ...through(viewer), database: catalog }, (c) => listWorkspaces(c));
    await pools.browse(on, (c) => listRelations(c, undefined, 100));
    const session = new PreviewSession(on, 'public', 'visits', pools);
    await session.page({ pageSize: 50, sort: { column: 'site', direction: 'asc' } });
    await session.count({});
    await session.close();
    await pools.close(on);
    // As many at once as the pool may have server connections (default_pool_size), each in a transaction: every one is looked at.
    const notebooks = await Promise.all(Array.from({ length: 20 }, () => clientAs(through(viewer), dbName)));
    try {
      const seen = await Promise.all(
        notebooks.map(async (c) => {
          await c.query('BEGIN');
          const row = (await c.query<{ path: string; role: string }>("SELECT pg_catalog.current_setting('search_path') AS path, current_user AS role")).rows[0]!;
          return row;
        }),
      );
      for (const row of seen) {
        assert.deepEqual(row, { path: '"$user", public', role: viewer.user });
      }
    } finally {
      await Promise.all(notebooks.map((c) => c.end()));
    }
  });
});

describe('through a PgBouncer whose server connections are all in use: the window waits in its queue, says so, and can cancel', function () {
  this.timeout(120_000);
  let bouncer: PgBouncer;
  let holder: ServerLogin;
  let member: ServerLogin;
  let dbName = '';

  before(async function () {
    if (!fs.existsSync(PGBOUNCER_BIN)) {
      this.skip();
    }
    // One server connection for the whole database: a client in a transaction holds it, and every other login waits in PgBouncer.
    bouncer = await startPgBouncer(testServer(), { poolSize: 1, maxDbConnections: 1 });
    const platform = await makePlatform();
    const catalog = unique('bouncer_full_catalog');
    await initializeCatalog(platform, catalog);
    const workspace = await createWorkspace(platform, catalog, unique('Bouncer full'));
    dbName = workspace.dbName;
    const pools = new PoolRegistry();
    const add = async (role: 'viewer' | 'editor'): Promise<ServerLogin> => {
      const user = unique(`bouncer_full_${role}`);
      const password = await pools.withClient({ ...platform, database: catalog }, (c) => createMember(c, workspace.slug, user, role));
      return { ...platform, user, password, host: bouncer.host, port: bouncer.port };
    };
    holder = await add('editor');
    member = { ...(await add('viewer')), pooler: true };
    await pools.dispose();
  });

  after(async () => {
    await bouncer?.stop();
  });

  /** A client of another login holding the database's one server connection in an open transaction. */
  async function holdTheServerConnection(through: PgBouncer = bouncer): Promise<{ release: () => Promise<void> }> {
    const c = await clientAs({ ...holder, host: through.host, port: through.port }, dbName);
    await c.query('BEGIN');
    await c.query('SELECT 1');
    return { release: () => c.end() };
  }

  it('a login held in the pooler\'s queue is said to wait after a moment, and completes once the server connection frees', async () => {
    const held = await holdTheServerConnection();
    const waits: string[] = [];
    const pools = new PoolRegistry({ waitMs: 20_000 }, { serverFull: (_login, limit) => (waits.push(limit), { done: () => waits.push('done') }) });
    try {
      const reading = pools.browse({ ...member, database: dbName }, async (c) => (await c.query<{ n: number }>('SELECT 42 AS n')).rows[0]!.n);
      await pollUntil(() => waits.length > 0, 'the window to say it waits for the pooler', { timeout: 5_000 });
      assert.deepEqual(waits, ['pooler']);
      await held.release();
      assert.equal(await reading, 42);
      assert.deepEqual(waits, ['pooler', 'done']);
    } finally {
      await held.release();
      await pools.dispose();
    }
  });

  it('Cancel while the pooler holds the login stops the wait at once and leaves the window\'s budget whole', async () => {
    const held = await holdTheServerConnection();
    const cancel = new AbortController();
    const pools = new PoolRegistry({ waitMs: 20_000, perDatabase: 1 }, { serverFull: () => ({ done: () => undefined, signal: cancel.signal }) });
    const login = { ...member, database: dbName };
    try {
      const waiting = pools.browse(login, (c) => c.query('SELECT 1'));
      setTimeout(() => cancel.abort(), 1_500);
      const started = Date.now();
      await assert.rejects(waiting, LeaveQueue);
      assert.ok(Date.now() - started < 3_000, 'Cancel ended the wait');
      await held.release();
      // The login the pooler was holding completes later and goes back to the pool: the one connection of the budget is free again.
      assert.equal((await pools.browse(login, async (c) => (await c.query<{ n: number }>('SELECT 7 AS n')).rows[0]!.n)), 7);
    } finally {
      await held.release();
      await pools.dispose();
    }
  });

  it('waits as long as the pooler holds the login, past waitSeconds; when the pooler gives up (its query_wait_timeout), says it had no server connection to give, and what to do', async () => {
    // The team's PgBouncer gives up on a held client after 3 s; the window's own wait for a full server is 1 s.
    const impatient = await startPgBouncer(testServer(), { poolSize: 1, maxDbConnections: 1, waitSeconds: 3 });
    const held = await holdTheServerConnection(impatient);
    const pools = new PoolRegistry({ waitMs: 1_000 });
    try {
      const started = Date.now();
      const error = await pools.browse({ ...member, host: impatient.host, port: impatient.port, database: dbName }, (c) => c.query('SELECT 1')).catch((err: unknown) => err);
      assert.ok(error instanceof ServerFull, String(error));
      assert.equal(error.limit, 'pooler');
      assert.ok(Date.now() - started >= 2_500, `waited for the pooler, not for waitSeconds (${Date.now() - started} ms)`);
      const failure = describeLoginFailure(error);
      assert.equal(failure.kind, 'fullPooler');
      assert.match(failure.message.replace('{0}', failure.args[0] ?? ''), /connection pooler gave no connection after 3 s/);
    } finally {
      await held.release();
      await pools.dispose();
      await impatient.stop();
    }
  });
});

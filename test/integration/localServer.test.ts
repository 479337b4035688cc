import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { Client } from 'pg';
import { binariesIn, embeddedBinaries } from '../../src/localServer/binaries';
import { LocalServer, type LocalServerState } from '../../src/localServer/localServer';
import { loadSampleData } from '../../src/localServer/sampleData';
import { createSandbox, prepareLocalCatalog } from '../../src/localServer/localCatalog';
import { LOCAL_PLATFORM_LOGIN } from '../../src/localServer/platformLogin';
import { initializeCatalog } from '../../src/postgres/catalog/migrate';
import { MIGRATIONS } from '../../src/postgres/catalog/migrations';
import { withConnection, type Login } from '../../src/postgres/connect';
import { PoolRegistry } from '../../src/postgres/pools';
import { PreviewSession } from '../../src/postgres/preview/previewSession';
import { listWorkspaces } from '../../src/postgres/workspace/catalogCalls';
import { listTables } from '../../src/postgres/workspace/tables';
import { ownedTempDir, type OwnedDir } from '../harness/processes';
import { createWorkspaceV010 } from '../fixtures/v010Provisioning';

const PASSWORD = 'local-Pw-123';

function binaries() {
  return process.env.OPENHEXA_TEST_PG_BIN ? binariesIn(process.env.OPENHEXA_TEST_PG_BIN) : embeddedBinaries();
}

async function query(port: number, sql: string, database = 'postgres'): Promise<unknown[]> {
  const client = new Client({ host: '127.0.0.1', port, user: 'openhexa_local', password: PASSWORD, database });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

function nextState(server: LocalServer, wanted: LocalServerState, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`state stayed ${server.state}`)), timeoutMs);
    const sub = server.onDidChangeState((state) => {
      if (state === wanted) {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      }
    });
  });
}

describe('the local server: one click, and it survives what a laptop throws at it', function () {
  this.timeout(120_000);
  let temp: OwnedDir;
  let folder: string;
  const servers: LocalServer[] = [];
  const make = (preferredPort?: number, inFolder = folder): LocalServer => {
    const server = new LocalServer({ folder: inFolder, binaries: binaries(), superuser: 'openhexa_local', password: PASSWORD, preferredPort });
    servers.push(server);
    return server;
  };

  before(() => {
    temp = ownedTempDir('openhexa-local-');
    // The server may run as another user (root runs it as postgres).
    fs.chmodSync(temp.dir, 0o755);
    folder = path.join(temp.dir, 'local-postgres');
  });

  after(async () => {
    for (const server of servers) {
      await server.stop().catch(() => undefined);
    }
    temp.release();
  });

  it('creates its data the first time, listens on loopback, and keeps its port on the next start', async () => {
    const server = make();
    const port = await server.start();
    assert.equal(server.state, 'running');
    assert.deepEqual(await query(port, 'SELECT current_user AS u'), [{ u: 'openhexa_local' }]);
    await server.stop();
    assert.equal(server.state, 'stopped');
    const again = make(port);
    assert.equal(await again.start(), port);
    await again.stop();
  });

  it('notices a crash (killed process), says how it ended, and restarts over the stale postmaster.pid', async () => {
    const server = make();
    const port = await server.start();
    const crashed = nextState(server, 'crashed');
    process.kill(server.pid!, 'SIGKILL');
    await crashed;
    // What the log's error line carries: the signal and the server's last words.
    assert.match(server.crashReport ?? '', /^killed by SIGKILL; its last output:\n(.*\n)*.*database system is ready to accept connections/);
    assert.ok(fs.existsSync(path.join(server.dataDir, 'postmaster.pid')), 'the crash should leave a stale pid file');
    const restarted = await server.start();
    assert.deepEqual(await query(restarted, 'SELECT 1 AS one'), [{ one: 1 }]);
    assert.equal(restarted, port);
    await server.stop();
  });

  it('takes over from a server left running by a VS Code that was killed', async () => {
    const first = make();
    await first.start();
    const orphanPid = first.pid!;
    // A new window knows nothing of the old process: it must stop it and start its own.
    const second = make();
    const port = await second.start();
    assert.notEqual(second.pid, orphanPid);
    assert.throws(() => process.kill(orphanPid, 0));
    assert.deepEqual(await query(port, 'SELECT 1 AS one'), [{ one: 1 }]);
    await second.stop();
  });

  it('moves to a free port when its usual one was taken meanwhile', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as net.AddressInfo).port;
    try {
      const server = make(taken);
      const port = await server.start();
      assert.notEqual(port, taken);
      await server.stop();
    } finally {
      blocker.close();
    }
  });

  const sandboxLooksRight = async (platform: Omit<Login, 'database'>, dbName: string): Promise<void> => {
    const pools = new PoolRegistry();
    try {
      // Through the tree's own path: a pooled, read-only browse.
      const tables = await listTables((run) => pools.browse({ ...platform, database: dbName }, run));
      const byName = new Map(tables.map((t) => [`${t.schema}.${t.name}`, t]));
      assert.ok((byName.get('public.monthly_case_reports')?.rows ?? 0) >= 100_000);
      assert.equal(byName.get('public.health_facilities')?.rows, 600);
      assert.equal(byName.get('public.malaria_by_district')?.kind, 'view');
      assert.equal(byName.get('surveys.household_survey')?.rows, 2000);
      const owners = await pools.browse({ ...platform, database: dbName }, (c) => c.query("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname IN ('public', 'surveys')"));
      assert.deepEqual(owners.rows, [{ tableowner: `${dbName}_writer` }]);
      // The reports' foreign key, added once the rows are in (checked in one pass), is there all the same.
      const keys = await pools.browse({ ...platform, database: dbName }, (c) =>
        c.query("SELECT conrelid::regclass::text AS t, confrelid::regclass::text AS ref FROM pg_constraint WHERE contype = 'f' ORDER BY 1"),
      );
      assert.deepEqual(keys.rows, [
        { t: 'public.monthly_case_reports', ref: 'public.health_facilities' },
        { t: 'surveys.household_survey', ref: 'public.health_facilities' },
      ]);
    } finally {
      await pools.dispose();
    }
    // The preview's own connection answers who it runs as: neither its login nor the role it acts as is a superuser.
    const session = new PreviewSession({ ...platform, database: dbName }, 'public', 'health_facilities');
    try {
      assert.equal((await session.page({ pageSize: 3 })).rows.length, 3);
      const identity = await session.identity();
      assert.equal(identity.login, LOCAL_PLATFORM_LOGIN);
      assert.equal(identity.superuser, false);
    } finally {
      await session.close();
    }
  };

  it('makes its catalog and Sandbox with a platform login that is not a superuser, and is browsed by it', async () => {
    const server = make();
    const port = await server.start();
    const superuser = { host: '127.0.0.1', port, user: 'openhexa_local', password: PASSWORD, sslmode: 'disable' as const };
    const platform = { ...superuser, user: LOCAL_PLATFORM_LOGIN, password: 'platform-Pw-123' };
    await prepareLocalCatalog(superuser, platform, 'openhexa');
    const sandbox = await createSandbox(platform, 'openhexa');
    assert.ok(sandbox, 'no Sandbox was made');
    assert.equal(await createSandbox(platform, 'openhexa'), undefined, 'a second Sandbox was made');
    assert.deepEqual(await query(port, "SELECT rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = 'openhexa_platform'"), [
      { rolsuper: false, rolcreatedb: true, rolcreaterole: true },
    ]);
    assert.deepEqual(await query(port, "SELECT pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = 'openhexa'", 'openhexa'), [{ owner: LOCAL_PLATFORM_LOGIN }]);
    await sandboxLooksRight(platform, sandbox.dbName);
    const client = new Client({ ...platform, database: sandbox.dbName });
    await client.connect();
    try {
      await assert.rejects(loadSampleData(client), /already has the sample tables/);
    } finally {
      await client.end();
    }
    // A lost secret: the next start sets the password from secret storage again.
    await prepareLocalCatalog(superuser, { ...platform, password: 'another-Pw-456' }, 'openhexa');
    await sandboxLooksRight({ ...platform, password: 'another-Pw-456' }, sandbox.dbName);
    await server.stop();
  });

  it('a local server that 0.1.0 made with its superuser moves to the platform login, Sandbox and all', async () => {
    const server = make(undefined, path.join(temp.dir, 'made-by-0.1.0'));
    const port = await server.start();
    const superuser = { host: '127.0.0.1', port, user: 'openhexa_local', password: PASSWORD, sslmode: 'disable' as const };
    // As 0.1.0 did it: everything by the superuser.
    await initializeCatalog(superuser, 'openhexa', { upTo: 1 });
    const sandbox = await createWorkspaceV010(superuser, 'openhexa', 'Sandbox', 'sandbox');
    const old = new Client({ ...superuser, database: sandbox.dbName });
    await old.connect();
    await loadSampleData(old).finally(() => old.end());
    const platform = { ...superuser, user: LOCAL_PLATFORM_LOGIN, password: 'platform-Pw-123' };
    const prepared = await prepareLocalCatalog(superuser, platform, 'openhexa');
    assert.deepEqual(prepared.applied, MIGRATIONS.slice(1).map((m) => m.version));
    assert.deepEqual(prepared.upgraded, ['sandbox']);
    assert.equal(await createSandbox(platform, 'openhexa'), undefined);
    const seen = await withConnection({ ...platform, database: 'openhexa' }, (c) => listWorkspaces(c));
    assert.deepEqual(
      seen.map((x) => [x.slug, x.role]),
      [['sandbox', 'admin']],
    );
    await sandboxLooksRight(platform, sandbox.dbName);
    await server.stop();
  });
});

// OpenHEXA's per-database guards: set on each new workspace database, as
// the platform admin chose them, applied by migration 4 to the workspaces
// that existed before, and enforced by PostgreSQL itself.
import * as assert from 'node:assert/strict';
import { MIGRATIONS } from '../../src/postgres/catalog/migrations';
import { Client } from 'pg';
import { OPENHEXA_GUARDS, type WorkspaceGuards } from '../../src/core/workspaceGuards';
import { initializeCatalog } from '../../src/postgres/catalog/migrate';
import { createWorkspace } from '../../src/postgres/workspace/provisioning';
import { GUARDS_SQL } from '../../src/postgres/workspace/sql';
import { asSuperuser, makePlatform, makeWorld, unique } from './workspaceWorld';
import { testServer } from './setup';
import { pollUntil } from '../harness/pollUntil';

interface GuardRow {
  connection_limit: number;
  idle_in_transaction_session_timeout: string | null;
  statement_timeout: string | null;
}

async function guardsOf(dbName: string): Promise<WorkspaceGuards | { connectionLimit: number; idleInTransactionSessionTimeout: string | null; statementTimeout: string | null }> {
  const row = await asSuperuser('postgres', async (c) => (await c.query<GuardRow>(GUARDS_SQL, [dbName])).rows[0]);
  assert.ok(row, `no database ${dbName}`);
  return { connectionLimit: row.connection_limit, idleInTransactionSessionTimeout: row.idle_in_transaction_session_timeout, statementTimeout: row.statement_timeout };
}

describe('workspace guards (connection limit, timeouts)', () => {
  it('a new workspace database gets OpenHEXA\'s: CONNECTION LIMIT 50, idle in transaction 5min, statements 90min', async () => {
    const platform = await makePlatform();
    const catalog = unique('catalog');
    await initializeCatalog(platform, catalog);
    const ws = await createWorkspace(platform, catalog, 'Gardée « par défaut »');
    assert.deepEqual(await guardsOf(ws.dbName), OPENHEXA_GUARDS);
    // The "role" setting (the writer group) is the read/write login's in this database, not the database's (a reader's session would warn).
    const settings = await asSuperuser('postgres', async (c) =>
      (await c.query<{ rolname: string; setconfig: string[] }>('SELECT r.rolname, s.setconfig FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase LEFT JOIN pg_roles r ON r.oid = s.setrole WHERE d.datname = $1 ORDER BY 1 NULLS FIRST', [ws.dbName])).rows,
    );
    assert.ok(!settings.some((s) => s.rolname === null && s.setconfig.some((c) => c.startsWith('role='))), JSON.stringify(settings));
    assert.ok(settings.some((s) => s.rolname === ws.dbName && s.setconfig.includes(`role=${ws.dbName}_writer`)), JSON.stringify(settings));
  });

  it('a platform admin\'s own guards are set instead, and PostgreSQL enforces them on the sessions that follow', async () => {
    const platform = await makePlatform();
    const catalog = unique('catalog');
    await initializeCatalog(platform, catalog);
    const guards = { connectionLimit: 2, idleInTransactionSessionTimeout: '700ms', statementTimeout: '300ms' };
    const ws = await createWorkspace(platform, catalog, 'Tight', { guards });
    assert.deepEqual(await guardsOf(ws.dbName), guards);
    const server = testServer();
    const open = async (): Promise<Client> => {
      const c = new Client({ host: server.host, port: server.port, user: platform.user, password: platform.password, database: ws.dbName });
      c.on('error', () => undefined);
      await c.connect();
      return c;
    };
    // Through PgBouncer, its idle server connections of the set-up count against the limit until server_idle_timeout.
    await pollUntil(async () => (await asSuperuser(ws.dbName, (c) => c.query('SELECT 1 FROM pg_catalog.pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()'))).rowCount === 0, 'the set-up sessions to close', { timeout: 15_000, every: 200 });
    const a = await open();
    const b = await open();
    try {
      await assert.rejects(open(), (e: unknown) => (e as { code?: string }).code === '53300' && /too many connections for database/.test((e as Error).message));
      await assert.rejects(a.query('SELECT pg_catalog.pg_sleep(2)'), (e: unknown) => (e as { code?: string }).code === '57014');
      await b.query('BEGIN');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await assert.rejects(b.query('SELECT 1'), 'a transaction left idle past the guard is ended by the server');
    } finally {
      await a.end().catch(() => undefined);
      await b.end().catch(() => undefined);
    }
  });

  it('migration 4 sets them on workspaces made before it, keeping a limit or a timeout a server admin set by hand', async () => {
    const platform = await makePlatform();
    const catalog = unique('catalog');
    await initializeCatalog(platform, catalog, { upTo: 3 });
    const bare = await createWorkspace(platform, catalog, 'Avant 0.4');
    const tuned = await createWorkspace(platform, catalog, 'Réglée à la main');
    await asSuperuser('postgres', async (c) => {
      // As 0.3.0 left them: no guards; the second tuned by hand since.
      for (const db of [bare.dbName, tuned.dbName]) {
        await c.query(`ALTER DATABASE "${db}" CONNECTION LIMIT -1`);
        await c.query(`ALTER DATABASE "${db}" RESET idle_in_transaction_session_timeout`);
        await c.query(`ALTER DATABASE "${db}" RESET statement_timeout`);
      }
      await c.query(`ALTER DATABASE "${tuned.dbName}" CONNECTION LIMIT 200`);
      await c.query(`ALTER DATABASE "${tuned.dbName}" SET statement_timeout = '4h'`);
    });
    assert.deepEqual(await guardsOf(bare.dbName), { connectionLimit: -1, idleInTransactionSessionTimeout: null, statementTimeout: null });
    const result = await initializeCatalog(platform, catalog);
    assert.deepEqual(result.applied, MIGRATIONS.filter((m) => m.version >= 4).map((m) => m.version));
    assert.deepEqual(await guardsOf(bare.dbName), OPENHEXA_GUARDS);
    assert.deepEqual(await guardsOf(tuned.dbName), { connectionLimit: 200, idleInTransactionSessionTimeout: '5min', statementTimeout: '4h' });
    // Again: nothing changes.
    assert.deepEqual((await initializeCatalog(platform, catalog)).applied, []);
    assert.deepEqual(await guardsOf(bare.dbName), OPENHEXA_GUARDS);
  });

  it('workspaces made by 0.1.0 get them when they are handed over', async () => {
    const world = await makeWorld({ workspace: 'Ancienne', other: 'Autre ancienne' }, { origin: 'upgraded from 0.1.0' });
    assert.deepEqual(await guardsOf(world.workspace.dbName), OPENHEXA_GUARDS);
    assert.deepEqual(await guardsOf(world.other.dbName), OPENHEXA_GUARDS);
  });
});

// Data Studio's runs, each member through their own login: what the product
// refuses before sending, what PostgreSQL refuses by role, how writes commit
// or roll back whole, a timeout, a Cancel, and a large result that streams
// to disk in constant memory.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import type { Login } from '../../src/postgres/connect';
import { PoolRegistry } from '../../src/postgres/pools';
import { Cancelled } from '../../src/postgres/preview/queryLane';
import { type RunOutcome, type StatementResult } from '../../src/postgres/query/queryRun';
import { prepareRun, QueryRunner } from '../../src/postgres/query/queryRunner';
import { makeResultsFolder, removeResultsFolder } from '../../src/postgres/query/resultStore';
import type { RunMode } from '../../src/core/query/runRules';
import { workspaceRoleNames } from '../../src/core/workspaceNames';
import { readPlan } from '../../src/core/query/explainPlan';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { makeWorld, using, type ServerLogin, type World } from './workspaceWorld';
import { testServer } from './setup';

describe('Data Studio: SQL run as the member\'s own login, read-only unless writes are allowed', function () {
  this.timeout(180_000);
  let w: World;
  let pools: PoolRegistry;
  let folder: string;

  before(async () => {
    w = await makeWorld({ workspace: 'Query studio', other: 'Query elsewhere' });
    await using(w.editor, w.workspace.dbName, (c) =>
      c.query(`CREATE TYPE mood AS ENUM ('calm', 'busy');
               CREATE TABLE cases (id int PRIMARY KEY, district text NOT NULL, rate numeric, big bigint, seen timestamptz, m mood);
               INSERT INTO cases VALUES (1, 'Kindu', 1.10, 9223372036854775807, '2026-01-02 03:04:05.123456+00', 'calm'), (2, 'Goma', NULL, -1, NULL, NULL)`),
    );
    pools = new PoolRegistry();
    folder = makeResultsFolder();
  });

  after(async () => {
    await pools?.dispose();
    if (folder) {
      removeResultsFolder(folder);
    }
  });

  const login = (member: ServerLogin): Login => ({ ...member, database: w.workspace.dbName });

  async function run(member: ServerLogin, sql: string, mode: RunMode = 'read-only', statementTimeoutMs = 10_000): Promise<RunOutcome> {
    const prepared = await prepareRun(sql, mode);
    assert.ok(prepared.ok, `refused before sending: ${prepared.ok ? '' : prepared.refusals.map((r) => r.reason.text).join('; ')}`);
    const runner = new QueryRunner(pools.source(login(member)));
    try {
      return await runner.run(prepared.statements, { mode, statementTimeoutMs, folder }, {});
    } finally {
      await runner.close();
    }
  }

  const failed = (result: StatementResult | undefined): Extract<StatementResult, { status: 'failed' }> => {
    assert.equal(result?.status, 'failed', JSON.stringify(result));
    return result as Extract<StatementResult, { status: 'failed' }>;
  };

  async function rowsOf(result: StatementResult | undefined): Promise<(string | null)[][]> {
    assert.equal(result?.status, 'rows', JSON.stringify(result));
    const { store } = result as Extract<StatementResult, { status: 'rows' }>;
    try {
      return await store.read(0, store.rows);
    } finally {
      await store.dispose();
    }
  }

  const count = (): Promise<number> => using(w.editor, w.workspace.dbName, async (c) => Number((await c.query('SELECT count(*) AS n FROM cases')).rows[0].n));

  it('reads exact values as the server writes them, with the columns\' types, the workspace\'s own types too', async () => {
    const outcome = await run(w.viewer, 'SELECT id, rate, big, seen, m FROM cases ORDER BY id');
    const result = outcome.results[0]!;
    assert.deepEqual(result.status === 'rows' && result.columns, [
      { name: 'id', type: 'integer' },
      { name: 'rate', type: 'numeric' },
      { name: 'big', type: 'bigint' },
      { name: 'seen', type: 'timestamp with time zone' },
      { name: 'm', type: 'mood' },
    ]);
    const rows = await rowsOf(result);
    assert.deepEqual(rows[1], ['2', null, '-1', null, null]);
    assert.equal(rows[0]![1], '1.10');
    assert.equal(rows[0]![2], '9223372036854775807');
    assert.match(rows[0]![3]!, /^2026-01-02 0\d:04:05\.123456/);
    assert.equal(outcome.ended, 'rolled back');
  });

  it('a viewer\'s INSERT, CREATE and SET ROLE to the writers are refused by PostgreSQL, even in a run that allows writes', async () => {
    for (const mode of ['read-only', 'writes'] as const) {
      assert.equal(failed((await run(w.viewer, "INSERT INTO cases VALUES (3, 'Bukavu')", mode)).results[0]).code, mode === 'writes' ? '42501' : '25006');
      assert.match(failed((await run(w.viewer, 'CREATE TABLE mine (id int)', mode)).results[0]).code!, /^(42501|25006)$/);
      const roles = workspaceRoleNames(w.workspace.dbName);
      for (const rolname of [roles.writer, roles.admin, roles.rw]) {
        assert.equal(failed((await run(w.viewer, `SET LOCAL ROLE "${rolname}"`, mode)).results[0]).code, '42501', rolname);
      }
    }
    assert.equal(await count(), 2);
  });

  it('in a read-only document, COMMIT; INSERT … is refused before anything is sent, and PostgreSQL refuses a plain INSERT', async () => {
    const prepared = await prepareRun("COMMIT; INSERT INTO cases VALUES (3, 'Bukavu')", 'read-only');
    assert.equal(prepared.ok, false);
    assert.match(prepared.ok ? '' : prepared.refusals[0]!.reason.text, /Transaction control/);
    assert.equal(prepared.ok ? -1 : prepared.refusals[0]!.at, 0);
    const refusedSet = await prepareRun('SET transaction_read_only = off;\nINSERT INTO cases VALUES (3, \'Bukavu\')', 'read-only');
    assert.equal(refusedSet.ok, false);
    // The editor's own write in a read-only run: the server's READ ONLY refuses it.
    assert.equal(failed((await run(w.editor, "INSERT INTO cases VALUES (3, 'Bukavu')")).results[0]).code, '25006');
    // A write hidden in a function call is refused the same way.
    assert.equal(failed((await run(w.editor, "SELECT pg_catalog.set_config('transaction_read_only', 'off', true)")).results[0]).code, '25001');
    assert.equal(await count(), 2);
  });

  it('an editor\'s writes commit only with writes allowed, and roll back whole when a statement fails', async () => {
    const done = await run(w.editor, "INSERT INTO cases VALUES (3, 'Bukavu'); UPDATE cases SET rate = 2 WHERE id IN (1, 3)", 'writes');
    assert.equal(done.ended, 'committed');
    assert.deepEqual(
      done.results.map((r) => r.status === 'done' && [r.command, r.rowCount]),
      [
        ['INSERT', 1],
        ['UPDATE', 2],
      ],
    );
    assert.equal(await count(), 3);
    const broken = await run(w.editor, "INSERT INTO cases VALUES (4, 'Uvira'); INSERT INTO cases VALUES (1, 'duplicate'); INSERT INTO cases VALUES (5, 'never')", 'writes');
    assert.equal(broken.ended, 'rolled back');
    assert.equal(failed(broken.results[1]).code, '23505');
    assert.equal(broken.results[2]!.status, 'not run');
    assert.equal(await count(), 3, 'the first INSERT was rolled back with the failed one');
  });

  it('what a run\'s code leaves on the session outside its transaction goes with the run: a committed set_config, a session advisory lock, a PREPARE through dynamic SQL', async () => {
    const planted = `DO $$ BEGIN EXECUTE 'PREPARE planted AS SELECT 1'; END $$;
      SELECT pg_catalog.set_config('application_name', 'planted by the run', false), pg_catalog.pg_advisory_lock(4242)`;
    const prepared = await prepareRun(planted, 'writes');
    assert.ok(prepared.ok);
    // One connection for both runs (the window's budget of one), as when the next run reuses it.
    const single = new PoolRegistry({ perDatabase: 1 });
    const runner = new QueryRunner(single.source(login(w.editor)));
    try {
      const first = await runner.run(prepared.statements, { mode: 'writes', statementTimeoutMs: 10_000, folder }, {});
      assert.equal(first.ended, 'committed');
      await Promise.all(first.results.map((r) => (r.status === 'rows' ? r.store.dispose() : undefined)));
      const look = await prepareRun("SELECT pg_catalog.current_setting('application_name') AS app, (SELECT count(*) FROM pg_catalog.pg_prepared_statements) AS prepared, (SELECT count(*) FROM pg_catalog.pg_locks WHERE locktype = 'advisory' AND pid = pg_catalog.pg_backend_pid()) AS locks", 'read-only');
      assert.ok(look.ok);
      const second = await runner.run(look.statements, { mode: 'read-only', statementTimeoutMs: 10_000, folder }, {});
      const [row] = await rowsOf(second.results[0]);
      assert.notEqual(row![0], 'planted by the run');
      assert.deepEqual(row!.slice(1), ['0', '0']);
    } finally {
      await runner.close();
      await single.dispose();
    }
  });

  it('Explain Analyze runs an editor\'s INSERT inside a transaction that is rolled back, and gives its plan with rows and times', async () => {
    const before = await count();
    const prepared = await prepareRun("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) INSERT INTO cases VALUES (77, 'explained')", 'writes');
    assert.ok(prepared.ok);
    const runner = new QueryRunner(pools.source(login(w.editor)));
    try {
      const outcome = await runner.run(prepared.statements, { mode: 'writes', statementTimeoutMs: 10_000, folder, rollback: true }, {});
      assert.equal(outcome.ended, 'rolled back');
      const [row] = await rowsOf(outcome.results[0]);
      const plan = readPlan(row![0]);
      assert.equal(plan.analyzed, true);
      assert.equal(plan.root.label, 'ModifyTable (Insert)');
      assert.equal(plan.root.actualRows, 0);
    } finally {
      await runner.close();
    }
    assert.equal(await count(), before, 'the INSERT was rolled back');
  });

  it('says where the server pointed, in the statement\'s own characters (a server cursor\'s DECLARE is not counted)', async () => {
    const result = failed((await run(w.viewer, "SELECT 'é', nosuch FROM cases")).results[0]);
    assert.equal(result.code, '42703');
    assert.equal(result.position, "SELECT 'é', ".length);
  });

  it('reads the workspace\'s public tables, never a table a member put in a schema named after another member\'s login', async () => {
    await using(w.admin, w.workspace.dbName, (c) => c.query(`CREATE SCHEMA "${w.viewer.user}"; CREATE TABLE "${w.viewer.user}".cases (id int, district text); INSERT INTO "${w.viewer.user}".cases VALUES (666, 'planted')`));
    const rows = await rowsOf((await run(w.viewer, 'SELECT id FROM cases ORDER BY id')).results[0]);
    assert.deepEqual(rows, [['1'], ['2'], ['3']]);
  });

  it('the statement timeout stops a slow statement and says so', async () => {
    const result = failed((await run(w.viewer, 'SELECT pg_catalog.pg_sleep(5)', 'read-only', 300)).results[0]);
    assert.equal(result.reason, 'timeout');
    assert.equal(result.code, '57014');
  });

  it('Cancel stops the statement on the server: nothing of it is left in pg_stat_activity', async () => {
    const prepared = await prepareRun('SELECT pg_catalog.pg_sleep(30), 42 AS marker_for_cancel', 'read-only');
    assert.ok(prepared.ok);
    const runner = new QueryRunner(pools.source(login(w.viewer)));
    const started = Date.now();
    const running = runner.run(prepared.statements, { mode: 'read-only', statementTimeoutMs: 60_000, folder }, {});
    await new Promise((resolve) => setTimeout(resolve, 500));
    await runner.cancel();
    await assert.rejects(running, (err: unknown) => err instanceof Cancelled);
    assert.ok(Date.now() - started < 10_000);
    await runner.close();
    const left = await using(w.admin, w.workspace.dbName, async (c) => (await c.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE '%marker_for_cancel%' AND pid <> pg_backend_pid()")).rows[0].n as number);
    assert.equal(left, 0);
  });

  it('exports a query\'s whole result as CSV byte for byte what psql \\copy writes, quotes, newlines and unicode included', async () => {
    await using(w.editor, w.workspace.dbName, (c) => c.query(`INSERT INTO cases (id, district) SELECT g, 'site "' || g || E'",\\nline two; é' FROM generate_series(10, 2000) g`));
    const query = 'SELECT id, district, rate, big, seen, m FROM cases ORDER BY id';
    const runner = new QueryRunner(pools.source(login(w.viewer)));
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    try {
      const result = await runner.exportCsv({ text: query }, out);
      assert.ok(result.rows > 1990);
    } finally {
      await runner.close();
    }
    // The judge connects to the server itself (PgBouncer refuses psql's options start-up parameter).
    const psql = execFileSync(process.env.OPENHEXA_PSQL ?? '/usr/bin/psql', ['-X', '-q', '-c', `\\copy (${query}) TO STDOUT WITH (FORMAT csv, HEADER true)`], {
      env: { ...process.env, PGHOST: testServer().host, PGPORT: String(testServer().port), PGUSER: w.viewer.user, PGPASSWORD: w.viewer.password, PGDATABASE: w.workspace.dbName, PGSSLMODE: 'disable', PGOPTIONS: '-c search_path=pg_catalog,public' },
      maxBuffer: 64 * 1024 * 1024,
    });
    assert.ok(Buffer.concat(chunks).equals(psql), 'the export differs from psql \\copy');
  });

  it('a 10,000,000-row result streams to disk with the heap bounded; its last rows read back at once (Ctrl+End)', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    gc();
    let most = 0;
    const before = process.memoryUsage().heapUsed;
    const sample = setInterval(() => (most = Math.max(most, process.memoryUsage().heapUsed - before)), 20);
    let outcome: RunOutcome;
    try {
      outcome = await run(w.viewer, "SELECT g AS id, g::pg_catalog.numeric * 1.5 AS rate FROM pg_catalog.generate_series(1, 10000000) g");
    } finally {
      clearInterval(sample);
    }
    const result = outcome.results[0]!;
    assert.equal(result.status, 'rows');
    const { store, rows } = result as Extract<StatementResult, { status: 'rows' }>;
    gc();
    const kept = process.memoryUsage().heapUsed - before;
    try {
      assert.equal(rows, 10_000_000);
      assert.deepEqual(await store.read(9_999_998, 10), [
        ['9999999', '14999998.5'],
        ['10000000', '15000000.0'],
      ]);
    } finally {
      await store.dispose();
    }
    // The rows held in memory would take well over 100 MiB: what stays is the index, what passed is garbage the collector takes.
    assert.ok(kept < 8 * 1024 * 1024, `the heap kept ${Math.round(kept / 1024 / 1024)} MiB after the run`);
    assert.ok(most < 100 * 1024 * 1024, `the heap grew by ${Math.round(most / 1024 / 1024)} MiB during the run`);
  });
});

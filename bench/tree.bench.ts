// The Database level of a workspace with 10,000 tables (50 rows each) and
// with 100,000 (empty): what a member waits for before the level shows, as
// the tree reads it (databaseLevel: schemas, then the first LEVEL_PAGE relations, through
// the pooled read-only browse of a non-superuser login), beside the bare
// catalog query; then the background measure of what the level shows. On a
// fresh server with the default lock table (max_locks_per_transaction 64).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { LEVEL_PAGE } from '../src/features/workspaces/tableBrowsing';
import { PoolRegistry } from '../src/postgres/pools';
import { workspaceRoleNames } from '../src/core/workspaceNames';
import { readerWrites } from '../src/postgres/workspace/readerWrites';
import { databaseLevel, listRelations, measureInBatches, type Browse } from '../src/postgres/workspace/tables';
import { startTestServer, type TestServer } from '../test/fixtures/postgresServer';
import { machine, median, printTable } from './machine';

const RUNS = 9;
const PASSWORD = 'bench-tree-pw';

const BARE_CATALOG_SQL = `SELECT n.nspname, c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2 LIMIT ${LEVEL_PAGE}`;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** `count` tables in `database`, 1,000 per transaction (each CREATE holds a lock until it commits), readable by bench_viewer. */
export async function createTables(server: TestServer, database: string, count: number, rows: number): Promise<void> {
  const admin = await server.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const client = await server.connect({ database });
  try {
    for (let from = 1; from <= count; from += 1000) {
      const to = Math.min(count, from + 999);
      const body = rows > 0 ? `AS SELECT g AS id FROM generate_series(1, ${rows}) g` : '(id int)';
      await client.query(`DO $$ BEGIN FOR i IN ${from}..${to} LOOP EXECUTE format('CREATE TABLE %I ${body}', 't' || lpad(i::text, 6, '0')); END LOOP; END $$`);
    }
    await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO bench_viewer`);
    // The workspace's roles, as the Database level names them when it checks the readers' write privileges.
    const roles = workspaceRoleNames(database);
    await client.query(`CREATE ROLE ${roles.ro}; CREATE ROLE ${roles.reader}; CREATE ROLE ${roles.writer}`);
  } finally {
    await client.end();
  }
}

interface LevelFigures {
  levelMs: number;
  coldLevelMs: number;
  bareMs: number;
  measureShownMs: number;
  readerWritesMs: number;
  errors: number;
}

async function measureLevel(server: TestServer, database: string): Promise<LevelFigures> {
  const pools = new PoolRegistry();
  const login = { host: server.host, port: server.port, user: 'bench_viewer', password: PASSWORD, sslmode: 'disable' as const, database };
  const browse: Browse = (run) => pools.browse(login, run);
  let errors = 0;
  const level = (): Promise<unknown> =>
    browse((c) => databaseLevel(c, LEVEL_PAGE)).catch((err: unknown) => {
      errors += 1;
      console.error(err);
    });
  try {
    // Cold: the pool's first connection included, as on the first expand.
    const coldLevelMs = await time(level);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      times.push(await time(level));
    }
    const bare = new Client({ host: server.host, port: server.port, user: 'bench_viewer', password: PASSWORD, database });
    await bare.connect();
    await bare.query(BARE_CATALOG_SQL);
    const bareTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      bareTimes.push(await time(() => bare.query(BARE_CATALOG_SQL)));
    }
    await bare.end();
    const shown = await browse((c) => listRelations(c, undefined, LEVEL_PAGE));
    const measureShownMs = await time(() =>
      measureInBatches(browse, shown).catch((err: unknown) => {
        errors += 1;
        console.error(err);
      }),
    );
    // After the level shows, as the tree does: the readers' write privileges it reports first.
    const readerWritesMs = await time(() =>
      browse((c) => readerWrites(c, workspaceRoleNames(database))).catch((err: unknown) => {
        errors += 1;
        console.error(err);
      }),
    );
    return { levelMs: median(times), coldLevelMs, bareMs: median(bareTimes), measureShownMs, readerWritesMs, errors };
  } finally {
    await pools.dispose();
  }
}

export async function run(resultsDir: string): Promise<void> {
  const server = await startTestServer();
  try {
    const admin = await server.connect();
    await admin.query(`CREATE ROLE bench_viewer LOGIN PASSWORD '${PASSWORD}'`);
    const locks = (await admin.query<{ max_locks_per_transaction: string }>('SHOW max_locks_per_transaction')).rows[0]!.max_locks_per_transaction;
    await admin.end();
    await createTables(server, 'tree10k', 10_000, 50);
    const tenK = await measureLevel(server, 'tree10k');
    await createTables(server, 'tree100k', 100_000, 0);
    const hundredK = await measureLevel(server, 'tree100k');
    const rows = [
      { case: '10,000 tables: Database level shown (warm pool)', medianMs: tenK.levelMs, runs: RUNS },
      { case: '10,000 tables: Database level, first expand (cold)', medianMs: tenK.coldLevelMs, runs: 1 },
      { case: `10,000 tables: bare catalog query (${LEVEL_PAGE} rows)`, medianMs: tenK.bareMs, runs: RUNS },
      { case: `10,000 tables: the ${LEVEL_PAGE} shown measured (background)`, medianMs: tenK.measureShownMs, runs: 1 },
      { case: "10,000 tables: readers' write privileges checked (background)", medianMs: tenK.readerWritesMs, runs: 1 },
      { case: '100,000 tables: Database level shown (warm pool)', medianMs: hundredK.levelMs, runs: RUNS },
      { case: '100,000 tables: Database level, first expand (cold)', medianMs: hundredK.coldLevelMs, runs: 1 },
      { case: `100,000 tables: bare catalog query (${LEVEL_PAGE} rows)`, medianMs: hundredK.bareMs, runs: RUNS },
      { case: `100,000 tables: the ${LEVEL_PAGE} shown measured (background)`, medianMs: hundredK.measureShownMs, runs: 1 },
      { case: "100,000 tables: readers' write privileges checked (background)", medianMs: hundredK.readerWritesMs, runs: 1 },
    ];
    printTable(`tree (PostgreSQL ${server.version}, max_locks_per_transaction ${locks})`, rows);
    const errors = tenK.errors + hundredK.errors;
    console.log(`  errors: ${errors}`);
    const summary = { level10kMs: round(tenK.levelMs), level100kMs: round(hundredK.levelMs), bareCatalog10kMs: round(tenK.bareMs), errors };
    fs.writeFileSync(
      path.join(resultsDir, 'tree.json'),
      `${JSON.stringify({ benchmark: 'tree', date: new Date().toISOString(), postgres: server.version, maxLocksPerTransaction: Number(locks), levelPage: LEVEL_PAGE, machine: machine(), summary, results: rows }, null, 2)}\n`,
    );
  } finally {
    await server.stop();
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

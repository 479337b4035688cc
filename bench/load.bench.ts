// A team's server with 50 members working at once, each through the
// product's own modules as its own VS Code would: the catalog's workspace
// list, the Database level and its background measure (a PoolRegistry per
// member, as Sessions holds one, with the default budget), and a preview (a
// PreviewSession on the same pools: pages down, Ctrl+End, an exact count, a
// CSV export) while the tree still measures. The server is a standard one:
// PostgreSQL's default max_connections (100) and the guards Create Workspace
// sets (OpenHEXA's CONNECTION LIMIT 50), so members wait for slots rather
// than fail. Each member is its own login, so pg_stat_activity tells each
// window's connections to each database apart; they are sampled all along
// and must stay within the budget. Then the idle connections must close.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { LEVEL_PAGE } from '../src/features/workspaces/tableBrowsing';
import { initializeCatalog } from '../src/postgres/catalog/migrate';
import type { Login } from '../src/postgres/connect';
import { DEFAULT_LIMITS, PoolRegistry, type ConnectionLimits } from '../src/postgres/pools';
import type { PreviewPage } from '../src/postgres/preview/preview';
import { PreviewSession } from '../src/postgres/preview/previewSession';
import { createMember, listWorkspaces } from '../src/postgres/workspace/catalogCalls';
import { createWorkspace } from '../src/postgres/workspace/provisioning';
import { OPENHEXA_GUARDS } from '../src/core/workspaceGuards';
import { databaseLevel, listRelations, measureInBatches, type Browse } from '../src/postgres/workspace/tables';
import { startTestServer, type TestServer } from '../test/fixtures/postgresServer';
import { startPgBouncer } from '../test/fixtures/pgbouncer';
import { machine } from './machine';

const MEMBERS = 50;
/** Members through PgBouncer (transaction pooling, default_pool_size 20). */
const POOLED_MEMBERS = 500;
/**
 * PgBouncer's server connections per database in all, as the deployment
 * guide's pgbouncer.ini sets it: under OpenHEXA's CONNECTION LIMIT 50, and
 * for the catalog and a workspace together well under max_connections 100
 * (under churn, closed backends still count until they exit).
 */
const POOLED_DB_CONNECTIONS = 30;
/** How long an idle server connection stays, as the guide sets it. */
const POOLED_IDLE_S = 10;
/** PgBouncer's client_login_timeout and query_wait_timeout as the guide sets them for a team of hundreds (PgBouncer's own: 60 s and 120 s). */
const GUIDE_WAIT_S = 300;
const ROUNDS = 3;
const TABLES = 40;
const ROWS = 20_000;
const PAGES_DOWN = 5;
const PAGE = 500;
const SAMPLE_MS = 20;
const PLATFORM = 'load_platform';
const CATALOG = 'openhexa_load';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

/** Where the CSV goes: counted, not kept. */
function sink(): Writable {
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}

interface Figures {
  pageMs: number[];
  errors: string[];
}

/** Every member's pools, left open at the end of its work as VS Code leaves them between clicks. */
const memberPools: PoolRegistry[] = [];

/** One member's VS Code: its pools, its tree, its preview panels. */
async function member(login: Omit<Login, 'database'>, catalog: string, index: number, figures: Figures, rounds = ROUNDS, limits: Partial<ConnectionLimits> = {}): Promise<void> {
  const pools = new PoolRegistry(limits);
  const attempt = async (what: string, work: () => Promise<unknown>): Promise<void> => {
    try {
      await work();
    } catch (err) {
      figures.errors.push(`${login.user} ${what}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const timedPage = async (work: () => Promise<PreviewPage>): Promise<PreviewPage> => {
    const start = performance.now();
    const page = await work();
    figures.pageMs.push(performance.now() - start);
    return page;
  };
  try {
    for (let round = 0; round < rounds; round++) {
      let dbName = '';
      await attempt('workspace list', async () => {
        const workspaces = await pools.withClient({ ...login, database: catalog }, (c) => listWorkspaces(c));
        dbName = workspaces[0]!.dbName;
      });
      if (!dbName) {
        continue;
      }
      const browse: Browse = (run) => pools.browse({ ...login, database: dbName }, run);
      const tree = attempt('tree', async () => {
        await browse((c) => databaseLevel(c, LEVEL_PAGE));
        const shown = await browse((c) => listRelations(c, undefined, LEVEL_PAGE));
        await measureInBatches(browse, shown);
      });
      const preview = attempt('preview', async () => {
        const session = new PreviewSession({ ...login, database: dbName }, 'public', `t${(index + round) % TABLES}`, pools);
        try {
          let page = await timedPage(() => session.page({ pageSize: PAGE }));
          for (let i = 0; i < PAGES_DOWN && page.next; i++) {
            const after = page.next;
            page = await timedPage(() => session.page({ pageSize: PAGE, after }));
          }
          await timedPage(() => session.page({ pageSize: PAGE, last: true }));
          await Promise.all([session.count({}), session.exportCsv({ filters: [{ column: 'id', op: 'lt', value: '5001' }] }, sink())]);
        } finally {
          await session.close();
        }
      });
      await Promise.all([tree, preview]);
    }
  } finally {
    // The pools stay open (as in VS Code between clicks): the bench watches their idle connections close.
    memberPools.push(pools);
  }
}


/** The most connections each member's login held at once to one database, and all of them together, sampled until `done` settles. */
async function sampleConnections(server: TestServer, prefix: string, done: Promise<unknown>): Promise<{ most: Map<string, number>; together: number }> {
  const monitor = await server.connect();
  const most = new Map<string, number>();
  let together = 0;
  let finished = false;
  void done.finally(() => (finished = true));
  try {
    while (!finished) {
      const { rows } = await monitor.query<{ usename: string; datname: string; n: number }>(
        'SELECT usename, datname, count(*)::int AS n FROM pg_catalog.pg_stat_activity WHERE usename LIKE $1 GROUP BY usename, datname',
        [`${prefix}%`],
      );
      for (const row of rows) {
        const key = `${row.usename} ${row.datname}`;
        most.set(key, Math.max(most.get(key) ?? 0, row.n));
      }
      together = Math.max(together, rows.reduce((sum, row) => sum + row.n, 0));
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    }
  } finally {
    await monitor.end();
  }
  return { most, together };
}

async function connectionsOf(server: TestServer, prefix: string): Promise<number> {
  const monitor = await server.connect();
  try {
    const { rows } = await monitor.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_catalog.pg_stat_activity WHERE usename LIKE $1', [`${prefix}%`]);
    return rows[0]!.n;
  } finally {
    await monitor.end();
  }
}

interface PooledFigures extends Figures {
  runMs: number;
  /** Server connections PgBouncer opened (its log): PgBouncer pools per login, so members do not share them. */
  serverLogins: number;
}

/** Every member at once through a fresh PgBouncer in front of the server, one round each; the pools closed after. */
async function throughPgBouncer(server: TestServer, logins: readonly Omit<Login, 'database'>[], options: { waitSeconds?: number }): Promise<PooledFigures> {
  // The members' logins in PgBouncer's auth_file as their SCRAM secrets, as a team's deployment lists them.
  const bouncer = await startPgBouncer(server, { poolSize: 20, maxDbConnections: POOLED_DB_CONNECTIONS, serverIdleTimeout: POOLED_IDLE_S, users: logins.map((l) => l.user), ...options });
  const figures: Figures = { pageMs: [], errors: [] };
  const started = performance.now();
  try {
    // Every window with the product's default limits: through a pooler it waits as long as the pooler holds a login.
    await Promise.all(logins.map((login, i) => member({ ...login, host: bouncer.host, port: bouncer.port, pooler: true }, CATALOG, i, figures, 1)));
  } finally {
    await Promise.all(memberPools.splice(0).map((p) => p.dispose()));
  }
  const runMs = performance.now() - started;
  const serverLogins = (bouncer.log().match(/new connection to server/g) ?? []).length;
  await bouncer.stop();
  return { ...figures, runMs, serverLogins };
}

/** A pooled run's figures under the summary's names (pgbouncerErrors, pgbouncerP95Ms…). */
function pooledSummary(prefix: string, figures: PooledFigures): Record<string, number> {
  return {
    [`${prefix}Errors`]: figures.errors.length,
    [`${prefix}P50Ms`]: round(percentile(figures.pageMs, 50)),
    [`${prefix}P95Ms`]: round(percentile(figures.pageMs, 95)),
    [`${prefix}Pages`]: figures.pageMs.length,
    [`${prefix}RunS`]: round(figures.runMs / 1000),
    [`${prefix}ServerLogins`]: figures.serverLogins,
  };
}

export async function run(resultsDir: string): Promise<void> {
  // A standard server: PostgreSQL's default max_connections (100), nothing lifted.
  const server = await startTestServer({ settings: { max_connections: '100' } });
  try {
    const admin = await server.connect();
    await admin.query(`CREATE ROLE ${PLATFORM} LOGIN CREATEDB CREATEROLE PASSWORD 'load-platform-pw'`);
    await admin.end();
    const platform = { host: server.host, port: server.port, user: PLATFORM, password: 'load-platform-pw', sslmode: 'disable' as const };
    await initializeCatalog(platform, CATALOG);
    // The guards Create Workspace sets: OpenHEXA's CONNECTION LIMIT 50, shared by all 50 members.
    const workspace = await createWorkspace(platform, CATALOG, 'Load test', { guards: OPENHEXA_GUARDS });
    const logins: Omit<Login, 'database'>[] = [];
    const catalogPools = new PoolRegistry();
    for (let i = 0; i < POOLED_MEMBERS; i++) {
      const user = `load_member_${String(i).padStart(3, '0')}`;
      const role = i === 0 ? 'editor' : i % 10 === 0 ? 'admin' : 'viewer';
      const password = await catalogPools.withClient({ ...platform, database: CATALOG }, (c) => createMember(c, workspace.slug, user, role));
      logins.push({ ...platform, user, password });
    }
    await catalogPools.dispose();
    // The editor makes the tables, as a team's data engineer would.
    const editor = new PoolRegistry();
    await editor.withClient({ ...logins[0]!, database: workspace.dbName }, async (c) => {
      for (let t = 0; t < TABLES; t++) {
        await c.query(`CREATE TABLE public.t${t} AS SELECT g AS id, 'district ' || (g % 97) AS district, (g * 7919) % 1000 AS cases, pg_catalog.now() AS reported_at FROM generate_series(1, ${ROWS}) g`);
        await c.query(`ALTER TABLE public.t${t} ADD PRIMARY KEY (id)`);
      }
      await c.query('ANALYZE');
    });
    await editor.dispose();

    const figures: Figures = { pageMs: [], errors: [] };
    const started = performance.now();
    const work = Promise.all(logins.slice(0, MEMBERS).map((login, i) => member(login, CATALOG, i, figures)));
    const [{ most, together }] = await Promise.all([sampleConnections(server, 'load_member_', work), work]);
    const runMs = performance.now() - started;
    const held = await connectionsOf(server, 'load_member_');
    // The pools' idle connections close after idleMs; a little more for the timers.
    await new Promise((resolve) => setTimeout(resolve, DEFAULT_LIMITS.idleMs + 2_000));
    const afterIdle = await connectionsOf(server, 'load_member_');
    await Promise.all(memberPools.splice(0).map((p) => p.dispose()));

    // The same work, one round each, for 500 members through PgBouncer in transaction pooling, the product's
    // settings at their defaults: with PgBouncer's waits as the deployment guide sets them, and (labelled) at PgBouncer's own defaults.
    const pooled = await throughPgBouncer(server, logins, { waitSeconds: GUIDE_WAIT_S });
    const pgbouncerDefaults = await throughPgBouncer(server, logins, {});

    const perClient = [...most.values()];
    const bound = DEFAULT_LIMITS.perDatabase;
    const mostHeld = Math.max(0, ...perClient);
    if (mostHeld > bound) {
      figures.errors.push(`a window held ${mostHeld} connections to one database, more than its budget (${bound})`);
    }
    const summary = {
      defaultServerMembers: MEMBERS,
      defaultServerErrors: figures.errors.length,
      defaultServerP50Ms: round(percentile(figures.pageMs, 50)),
      defaultServerP95Ms: round(percentile(figures.pageMs, 95)),
      maxConnectionsPerClientPerDb: mostHeld,
      connectionBudgetPerDb: bound,
      pages: figures.pageMs.length,
      peakConnections: together,
      connectionsAtEnd: held,
      connectionsAfterIdle: afterIdle,
      runS: round(runMs / 1000),
      pgbouncerMembers: POOLED_MEMBERS,
      ...pooledSummary('pgbouncer', pooled),
      pgbouncerWaitS: GUIDE_WAIT_S,
      ...pooledSummary('pgbouncerOwnDefaultWaits', pgbouncerDefaults),
    };
    console.log(`\nload: ${MEMBERS} members at once, ${ROUNDS} rounds each (PostgreSQL ${server.version}, max_connections 100, CONNECTION LIMIT 50)`);
    console.log(`  pages read                     ${summary.pages}`);
    console.log(`  page latency p50 / p95         ${summary.defaultServerP50Ms} ms / ${summary.defaultServerP95Ms} ms`);
    console.log(`  connections per window and database, most   ${summary.maxConnectionsPerClientPerDb} (budget: ${bound})`);
    console.log(`  connections of all members, most at once   ${together}`);
    console.log(`  connections at the end / ${DEFAULT_LIMITS.idleMs / 1000} s idle later   ${held} / ${afterIdle}`);
    console.log(`  errors                         ${summary.defaultServerErrors}`);
    for (const error of figures.errors.slice(0, 5)) {
      console.log(`    ${error}`);
    }
    const runs = [
      { title: `PgBouncer's client_login_timeout and query_wait_timeout at ${GUIDE_WAIT_S} s as the deployment guide sets them`, figures: pooled },
      { title: 'PgBouncer\'s OWN DEFAULT waits (client_login_timeout 60 s, query_wait_timeout 120 s), not the guide\'s', figures: pgbouncerDefaults },
    ];
    for (const run of runs) {
      console.log(`\nload through PgBouncer (transaction pooling, default_pool_size 20, max_db_connections ${POOLED_DB_CONNECTIONS}, server_idle_timeout ${POOLED_IDLE_S}): ${POOLED_MEMBERS} members at once, 1 round each, the product's settings at their defaults, ${run.title}`);
      console.log(`  pages read                     ${run.figures.pageMs.length}`);
      console.log(`  page latency p50 / p95         ${round(percentile(run.figures.pageMs, 50))} ms / ${round(percentile(run.figures.pageMs, 95))} ms`);
      console.log(`  server logins PgBouncer made   ${run.figures.serverLogins} in ${round(run.figures.runMs / 1000)} s`);
      console.log(`  errors                         ${run.figures.errors.length}`);
      for (const error of run.figures.errors.slice(0, 5)) {
        console.log(`    ${error}`);
      }
    }
    fs.writeFileSync(
      path.join(resultsDir, 'load.json'),
      `${JSON.stringify({ benchmark: 'load', date: new Date().toISOString(), postgres: server.version, machine: machine(), summary, errors: figures.errors.slice(0, 20), pgbouncerErrors: pooled.errors.slice(0, 20), pgbouncerOwnDefaultWaitsErrors: pgbouncerDefaults.errors.slice(0, 20) }, null, 2)}\n`,
    );
  } finally {
    await server.stop();
  }
}

// A new user's first click: "Start a Local Server" to the Sandbox's tables in the tree, through the
// product's own modules (no VS Code), each step timed apart, on a fresh data folder each run.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { LEVEL_PAGE } from '../src/features/workspaces/tableBrowsing';
import { embeddedBinaries } from '../src/localServer/binaries';
import { createSandbox, prepareLocalCatalog } from '../src/localServer/localCatalog';
import { LOCAL_SUPERUSER, LocalServer } from '../src/localServer/localServer';
import { ensurePlatformLogin, LOCAL_PLATFORM_LOGIN } from '../src/localServer/platformLogin';
import { PoolRegistry } from '../src/postgres/pools';
import { serverOverview } from '../src/postgres/workspace/catalogCalls';
import { databaseLevel } from '../src/postgres/workspace/tables';
import { machine, median } from './machine';

const RUNS = 5;
const CATALOG = 'openhexa';
const STEPS = ['binaries', 'initdb', 'start', 'platform login', 'migrations', 'sandbox', 'sample data', 'first tree level'] as const;
type Step = (typeof STEPS)[number];

/** Where the data goes: as root, somewhere the `postgres` user can reach (as the product does). */
function benchFolder(): string {
  const base = typeof process.getuid === 'function' && process.getuid() === 0 ? '/var/lib/openhexa-vscode' : os.tmpdir();
  fs.mkdirSync(base, { recursive: true, mode: 0o755 });
  return path.join(base, `first-run-bench-${crypto.randomBytes(4).toString('hex')}`);
}

/** One first run: every step's time, and the whole from the click to the tables. */
async function firstRun(): Promise<Record<Step, number> & { clickToTablesMs: number }> {
  const times = {} as Record<Step, number>;
  const record = (step: Step, ms: number): void => void (times[step] = (times[step] ?? 0) + ms);
  const folder = benchFolder();
  const password = 'first-run-superuser-pw';
  const platformPassword = 'first-run-platform-pw';
  const server = new LocalServer({ folder, binaries: embeddedBinaries(), superuser: LOCAL_SUPERUSER, password, onStep: record });
  const pools = new PoolRegistry();
  const clicked = performance.now();
  try {
    // As LocalServerService.startWithSandbox does.
    const port = await server.start();
    const superuser = { host: '127.0.0.1', port, user: LOCAL_SUPERUSER, password, sslmode: 'disable' as const };
    const platform = { host: '127.0.0.1', port, user: LOCAL_PLATFORM_LOGIN, password: platformPassword, sslmode: 'disable' as const };
    let started = performance.now();
    await ensurePlatformLogin(superuser, platformPassword);
    record('platform login', performance.now() - started);
    await prepareLocalCatalog(superuser, platform, CATALOG, { platformLoginReady: true, onStep: record });
    const sandbox = await createSandbox(platform, CATALOG, record);
    if (!sandbox) {
      throw new Error('no Sandbox was made');
    }
    // The tree: the server's workspaces, then the Sandbox's Database level (its tables, with their estimates).
    started = performance.now();
    const overview = await pools.withClient({ ...platform, database: CATALOG }, (c) => serverOverview(c));
    const level = await pools.browse({ ...platform, database: overview.workspaces[0]!.dbName }, (c) => databaseLevel(c, LEVEL_PAGE));
    if (!('schemas' in level) && !level.page.tables.some((t) => t.name === 'monthly_case_reports')) {
      throw new Error('the tree level does not show monthly_case_reports');
    }
    record('first tree level', performance.now() - started);
    return { ...times, clickToTablesMs: performance.now() - clicked };
  } finally {
    await pools.dispose();
    await server.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

export async function run(resultsDir: string): Promise<void> {
  const runs: Awaited<ReturnType<typeof firstRun>>[] = [];
  for (let i = 0; i < RUNS; i++) {
    runs.push(await firstRun());
  }
  const steps = Object.fromEntries(STEPS.map((s) => [s, Math.round(median(runs.map((r) => r[s] ?? 0)))])) as Record<Step, number>;
  const clickToTablesMs = Math.round(median(runs.map((r) => r.clickToTablesMs)));
  console.log(`\nfirstRun: "Start a Local Server" to the Sandbox's tables, median of ${RUNS} fresh runs${process.getuid?.() === 0 ? ' (as root: the binaries are made reachable by the postgres user)' : ''}`);
  for (const s of STEPS) {
    console.log(`  ${s.padEnd(18)} ${String(steps[s]).padStart(6)} ms`);
  }
  console.log(`  ${'click to tables'.padEnd(18)} ${String(clickToTablesMs).padStart(6)} ms`);
  fs.writeFileSync(
    path.join(resultsDir, 'firstRun.json'),
    `${JSON.stringify({ benchmark: 'firstRun', date: new Date().toISOString(), machine: machine(), runs: RUNS, summary: { clickToTablesMs, ...steps }, each: runs.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Math.round(v)]))) }, null, 2)}\n`,
  );
}

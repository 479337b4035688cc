// Data Studio on a 10,000,000-row table, through a member's own login (not
// a superuser), against psql on the same server: the first screen of rows
// (psql with FETCH_COUNT, which reads by a cursor as the product does), the
// whole result streamed (the product keeps it on disk for the grid; psql
// prints it to /dev/null), the extension host's heap after the result was
// read and its last and first pages served, and the CSV export against
// psql's \copy; and the results grid's heap in Chromium after Ctrl+End and
// Ctrl+Home over the same result. The server is a standard one with OpenHEXA's guards.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { initializeCatalog } from '../src/postgres/catalog/migrate';
import { PoolRegistry } from '../src/postgres/pools';
import type { RunOutcome, StatementResult } from '../src/postgres/query/queryRun';
import { prepareRun, QueryRunner } from '../src/postgres/query/queryRunner';
import { makeResultsFolder, removeResultsFolder } from '../src/postgres/query/resultStore';
import { createMember } from '../src/postgres/workspace/catalogCalls';
import { createWorkspace } from '../src/postgres/workspace/provisioning';
import { OPENHEXA_GUARDS } from '../src/core/workspaceGuards';
import { startTestServer } from '../test/fixtures/postgresServer';
import { machine, median } from './machine';
import * as esbuild from 'esbuild';
import { launchBrowser } from '../test/harness/codeServer';

const ROWS = 10_000_000;
const PLATFORM = 'query_bench_platform';
const CATALOG = 'openhexa_query_bench';
const PSQL = process.env.OPENHEXA_PSQL ?? '/usr/bin/psql';
/** psql's FETCH_COUNT: rows per fetch of its cursor (the product's batches are 5,000 after a first 200). */
const FETCH_COUNT = 5_000;
const QUERY = 'SELECT * FROM public.visits';
/** Exports of each side, in turns: one run of each is within the noise of the other. */
const EXPORT_RUNS = 3;

// The results panel's grid in Chromium (the engine of VS Code's webviews), over the same result: the
// grid and its page model as the panel runs them, the host's part answered from a generator of the
// same rows. The heap is read through the DevTools protocol after a collection.
const GRID_PAGE = `
import { Grid } from './webview/grid/grid';
import { ResultPages } from './webview/queryResults/model/resultPages';
const pages = new ResultPages();
let size = { total: 0, complete: true };
let pending;
const ask = (request) => { if (request) pending = request; };
const grid = new Grid({ need: (f, l) => ask(pages.need(f, l, grid.loaded, size)), jump: (to) => ask(pages.jump(to, size)), sort() {}, open() {}, copy() {}, t: (s) => s });
grid.setColumns([{ name: 'id', type: 'integer' }, { name: 'district', type: 'text' }, { name: 'cases', type: 'integer' }, { name: 'reported_at', type: 'timestamp with time zone' }]);
document.getElementById('app').append(grid.element);
document.getElementById('app').style.cssText = 'position: relative; height: 800px;';
const nextFrame = () => new Promise((r) => requestAnimationFrame(r));
const row = (i) => [String(i + 1), 'district ' + ((i + 1) % 97), String((((i + 1) % 1000) * 7919) % 1000), '2024-01-01 00:00:00+00'];
const serve = () => {
  const r = pending;
  pending = undefined;
  if (!r) return;
  const rows = [];
  for (let i = r.from; i < Math.min(size.total, r.from + r.count); i++) rows.push({ cells: row(i), at: i });
  const placed = pages.answered(r.requestId, r.from, rows.length, size);
  if (placed) {
    grid.replace(rows, placed.place);
    if (placed.goTo !== undefined) grid.goTo(placed.goTo);
  }
  ask(pages.afterAnswer(grid.loaded, size));
};
const settle = async () => { for (let i = 0; i < 6; i++) { await nextFrame(); serve(); } };
window.openResult = async (total) => { size = { total, complete: true }; grid.setTotal(total, true); ask(pages.start(size)); await settle(); grid.focus(); };
window.settle = settle;
window.lastShown = () => [...grid.element.querySelectorAll('.grid-row:not(.pending):not([hidden]) .grid-rownum')].map((n) => Number(n.textContent)).reduce((a, b) => Math.max(a, b), 0);
`;

/** The results grid over `rows` rows: the webview's heap after the first page, and after Ctrl+End and Ctrl+Home. */
async function webviewHeap(rows: number): Promise<{ growthMiB: number; lastShown: number }> {
  const root = path.resolve(__dirname, '..', '..');
  const bundle = await esbuild.build({ stdin: { contents: GRID_PAGE, resolveDir: root, loader: 'ts' }, bundle: true, write: false, format: 'iife', target: 'es2022', tsconfig: path.join(root, 'webview', 'tsconfig.json') });
  const css = fs.readFileSync(path.join(root, 'media', 'webview.css'), 'utf8');
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.setContent(`<!DOCTYPE html><html><head><style>${css}</style></head><body><main id="app"></main></body></html>`);
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    const cdp = await page.context().newCDPSession(page);
    const heap = async (): Promise<number> => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    await page.evaluate(`window.openResult(${rows})`);
    const before = await heap();
    await page.keyboard.press('Control+End');
    await page.evaluate('window.settle()');
    const lastShown = (await page.evaluate('window.lastShown()')) as number;
    await page.keyboard.press('Control+Home');
    await page.evaluate('window.settle()');
    const after = await heap();
    return { growthMiB: mib(after - before), lastShown };
  } finally {
    await browser.close();
  }
}

const round = (value: number): number => Math.round(value * 100) / 100;
const mib = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;

/** psql with FETCH_COUNT: the time to its first output, and to its end, output thrown away. */
function psqlScan(env: NodeJS.ProcessEnv): Promise<{ firstMs: number; totalMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstMs = 0;
    const child = spawn(PSQL, ['-X', '-q', '-v', `FETCH_COUNT=${FETCH_COUNT}`, '-c', QUERY], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', () => {
      firstMs ||= performance.now() - started;
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve({ firstMs, totalMs: performance.now() - started }) : reject(new Error(`psql exited with ${code}`))));
  });
}

export async function run(resultsDir: string): Promise<void> {
  if (!fs.existsSync(PSQL)) {
    console.log(`\nquery: skipped (no psql at ${PSQL} to compare with)`);
    return;
  }
  const server = await startTestServer({ settings: { max_connections: '100' } });
  const folder = makeResultsFolder();
  const pools = new PoolRegistry();
  try {
    const admin = await server.connect();
    await admin.query(`CREATE ROLE ${PLATFORM} LOGIN CREATEDB CREATEROLE PASSWORD 'query-bench-pw'`);
    await admin.end();
    const platform = { host: server.host, port: server.port, user: PLATFORM, password: 'query-bench-pw', sslmode: 'disable' as const };
    await initializeCatalog(platform, CATALOG);
    const workspace = await createWorkspace(platform, CATALOG, 'Query bench', { guards: OPENHEXA_GUARDS });
    const password = await pools.withClient({ ...platform, database: CATALOG }, (c) => createMember(c, workspace.slug, 'query_bench_editor', 'editor'));
    const login = { ...platform, user: 'query_bench_editor', password, database: workspace.dbName };
    console.log(`\nquery: loading ${ROWS.toLocaleString('en')} rows…`);
    await pools.withClient(login, async (c) => {
      await c.query(`CREATE TABLE public.visits AS SELECT g AS id, 'district ' || (g % 97) AS district, ((g % 1000) * 7919) % 1000 AS cases,
        timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second' AS reported_at FROM pg_catalog.generate_series(1, ${ROWS}) g`);
      await c.query('VACUUM ANALYZE public.visits');
    });
    const env = { ...process.env, PGHOST: server.host, PGPORT: String(server.port), PGUSER: login.user, PGPASSWORD: password, PGDATABASE: workspace.dbName, PGSSLMODE: 'disable' };
    // Warm the table into the server's cache for both sides alike.
    await psqlScan(env);

    const prepared = await prepareRun(QUERY, 'read-only');
    if (!prepared.ok) {
      throw new Error('the query was refused');
    }
    const runner = new QueryRunner(pools.source(login));
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    let firstRowsMs = 0;
    const started = performance.now();
    const outcome: RunOutcome = await runner.run(prepared.statements, { mode: 'read-only', statementTimeoutMs: 10_000, folder }, {
      progress: () => {
        firstRowsMs ||= performance.now() - started;
      },
    });
    const fullScanMs = performance.now() - started;
    const result = outcome.results[0] as Extract<StatementResult, { status: 'rows' }>;
    if (result.status !== 'rows' || result.rows !== ROWS) {
      throw new Error(`the run read ${JSON.stringify(outcome.results[0])}`);
    }
    // Ctrl+End, then Ctrl+Home: the pages the grid asks for.
    const lastPageStarted = performance.now();
    const last = await result.store.read(ROWS - 1000, 1000);
    const lastPageMs = performance.now() - lastPageStarted;
    await result.store.read(0, 1000);
    gc();
    const hostHeapGrowth = process.memoryUsage().heapUsed - heapBefore;
    const spillBytes = result.store.size;
    await result.store.dispose();
    if (last.at(-1)?.[0] !== String(ROWS)) {
      throw new Error('the last page is not the last rows');
    }

    const psql = await psqlScan(env);

    // Exports: the product's COPY into a sink, psql's \copy into /dev/null; taken in turns, the median of each.
    const exportRuns: number[] = [];
    const copyRuns: number[] = [];
    let exportedRows = 0;
    for (let i = 0; i < EXPORT_RUNS; i++) {
      const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
      const exportStarted = performance.now();
      exportedRows = (await runner.exportCsv({ text: QUERY }, sink)).rows;
      exportRuns.push(performance.now() - exportStarted);
      const copyStarted = performance.now();
      execFileSync(PSQL, ['-X', '-q', '-c', `\\copy (${QUERY}) TO '/dev/null' WITH (FORMAT csv, HEADER true)`], { env });
      copyRuns.push(performance.now() - copyStarted);
    }
    const exportMs = median(exportRuns);
    const psqlCopyMs = median(copyRuns);
    await runner.close();
    const webview = await webviewHeap(ROWS);
    if (webview.lastShown !== ROWS) {
      throw new Error(`Ctrl+End in the results grid showed row ${webview.lastShown}, not ${ROWS}`);
    }

    const summary = {
      rows: ROWS,
      firstRowsMs: round(firstRowsMs),
      psqlFirstRowsMs: round(psql.firstMs),
      fullScanMs: Math.round(fullScanMs),
      psqlFullScanMs: Math.round(psql.totalMs),
      fullScanOverPsql: round(fullScanMs / psql.totalMs),
      lastPageMs: round(lastPageMs),
      hostHeapGrowthMiB: mib(hostHeapGrowth),
      webviewHeapGrowthMiB: webview.growthMiB,
      spillFileMiB: mib(spillBytes),
      exportMs: Math.round(exportMs),
      psqlCopyMs: Math.round(psqlCopyMs),
      exportOverPsqlCopy: round(psqlCopyMs / exportMs),
      exportedRows,
      exportRuns: EXPORT_RUNS,
    };
    console.log(`\nquery: SELECT * FROM a ${ROWS.toLocaleString('en')}-row table as a member (PostgreSQL ${server.version}; psql with FETCH_COUNT=${FETCH_COUNT})`);
    console.log(`  first screen of rows           ${summary.firstRowsMs} ms (psql ${summary.psqlFirstRowsMs} ms)`);
    console.log(`  whole result streamed          ${summary.fullScanMs} ms (psql to /dev/null ${summary.psqlFullScanMs} ms): ${summary.fullScanOverPsql}× psql`);
    console.log(`  last page (Ctrl+End)           ${summary.lastPageMs} ms from the ${summary.spillFileMiB} MiB result file`);
    console.log(`  host heap after, grown by      ${summary.hostHeapGrowthMiB} MiB`);
    console.log(`  results grid's heap after Ctrl+End and Ctrl+Home, grown by   ${summary.webviewHeapGrowthMiB} MiB`);
    console.log(`  CSV export (COPY), median of ${EXPORT_RUNS}  ${summary.exportMs} ms (psql \\copy ${summary.psqlCopyMs} ms): psql's time / ours ${summary.exportOverPsqlCopy}`);
    fs.writeFileSync(path.join(resultsDir, 'query.json'), `${JSON.stringify({ benchmark: 'query', date: new Date().toISOString(), postgres: server.version, machine: machine(), summary }, null, 2)}\n`);
  } finally {
    await pools.dispose();
    removeResultsFolder(folder);
    await server.stop();
  }
}

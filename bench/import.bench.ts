// The import of a CSV file into a new workspace table as a member (editor, through the writer group),
// against psql's \copy of the same file into the same kind of table, on a standard server with
// OpenHEXA's guards: 1,000,000 rows (the preview bench's table's shape), taken in turns, the median of
// each; then a 200 MB file, the extension host's heap growth over it.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { initializeCatalog } from '../src/postgres/catalog/migrate';
import { checkWholeFile } from '../src/files/checkWholeFile';
import { importIntoTable, type ImportPlan } from '../src/postgres/import/tableImport';
import { PoolRegistry } from '../src/postgres/pools';
import { createMember } from '../src/postgres/workspace/catalogCalls';
import { createWorkspace } from '../src/postgres/workspace/provisioning';
import { OPENHEXA_GUARDS } from '../src/core/workspaceGuards';
import { startTestServer } from '../test/fixtures/postgresServer';
import { machine, median } from './machine';

const ROWS = 1_000_000;
const BIG_BYTES = 200 * 2 ** 20;
const RUNS = 3;
const PLATFORM = 'import_bench_platform';
const CATALOG = 'openhexa_import_bench';
const PSQL = process.env.OPENHEXA_PSQL ?? '/usr/bin/psql';
const COLUMNS = 'id integer NOT NULL, district text, cases integer, reported_at timestamp with time zone';

const round = (value: number): number => Math.round(value * 100) / 100;
const mib = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;

/** A CSV of the preview bench's rows: id, district, cases, reported_at, with a header. */
async function writeCsv(file: string, rows: number): Promise<void> {
  const out = fs.createWriteStream(file);
  out.write('id,district,cases,reported_at\n');
  const start = Date.UTC(2024, 0, 1);
  let chunk = '';
  for (let g = 1; g <= rows; g++) {
    chunk += `${g},district ${g % 97},${((g % 1000) * 7919) % 1000},${new Date(start + g * 1000).toISOString()}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) {
        await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      }
      chunk = '';
    }
  }
  await new Promise<void>((resolve) => out.end(chunk, resolve));
}

function plan(file: string, table: string): ImportPlan {
  return {
    file,
    bom: 0,
    encoding: 'utf-8',
    dialect: { delimiter: ',', quote: '"', header: true, decimalComma: false },
    schema: 'public',
    table,
    columns: [
      { name: 'id', type: 'integer', nullable: false },
      { name: 'district', type: 'text', nullable: true },
      { name: 'cases', type: 'integer', nullable: true },
      { name: 'reported_at', type: 'timestamp with time zone', nullable: true },
    ],
    key: { kind: 'none' },
    mode: 'create',
  };
}

export async function run(resultsDir: string): Promise<void> {
  if (!fs.existsSync(PSQL)) {
    console.log(`\nimport: skipped (no psql at ${PSQL} to compare with)`);
    return;
  }
  const server = await startTestServer({ settings: { max_connections: '100' } });
  const pools = new PoolRegistry();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openhexa-import-bench-'));
  try {
    const admin = await server.connect();
    await admin.query(`CREATE ROLE ${PLATFORM} LOGIN CREATEDB CREATEROLE PASSWORD 'import-bench-pw'`);
    await admin.end();
    const platform = { host: server.host, port: server.port, user: PLATFORM, password: 'import-bench-pw', sslmode: 'disable' as const };
    await initializeCatalog(platform, CATALOG);
    const workspace = await createWorkspace(platform, CATALOG, 'Import bench', { guards: OPENHEXA_GUARDS });
    const password = await pools.withClient({ ...platform, database: CATALOG }, (c) => createMember(c, workspace.slug, 'import_bench_editor', 'editor'));
    const login = { ...platform, user: 'import_bench_editor', password, database: workspace.dbName };
    const env = { ...process.env, PGHOST: server.host, PGPORT: String(server.port), PGUSER: login.user, PGPASSWORD: password, PGDATABASE: workspace.dbName, PGSSLMODE: 'disable' };
    const file = path.join(dir, 'visits.csv');
    console.log(`\nimport: writing ${ROWS.toLocaleString('en')} rows…`);
    await writeCsv(file, ROWS);
    const fileBytes = fs.statSync(file).size;

    const ours: number[] = [];
    const theirs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const { rows } = await pools.withClient(login, (c) => importIntoTable(c, plan(file, `ours_${i}`)));
      ours.push(performance.now() - started);
      if (rows !== ROWS) {
        throw new Error(`the import wrote ${rows} rows`);
      }
      // psql: the same table made, then \copy of the same file, in one transaction as the import's.
      const psqlStarted = performance.now();
      execFileSync(PSQL, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-1', '-c', `CREATE TABLE public.theirs_${i} (${COLUMNS})`, '-c', `\\copy public.theirs_${i} FROM '${file}' WITH (FORMAT csv, HEADER true)`], { env });
      theirs.push(performance.now() - psqlStarted);
    }
    const importMs = median(ours);
    const psqlMs = median(theirs);

    // 200 MB: the host's heap, before and after (the file streams through; nothing of it is kept).
    const big = path.join(dir, 'big.csv');
    await writeCsv(big, Math.ceil((BIG_BYTES / fileBytes) * ROWS));
    const bigBytes = fs.statSync(big).size;
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const bigStarted = performance.now();
    await pools.withClient(login, (c) => importIntoTable(c, plan(big, 'big'), { onProgress: () => (peak = Math.max(peak, process.memoryUsage().heapUsed)) }));
    const bigMs = performance.now() - bigStarted;
    gc();
    const after = process.memoryUsage().heapUsed;

    // The panel's read of the whole file (types past its 4 MiB sample), on the same 200 MB file, in the host's own thread.
    const checkStarted = performance.now();
    const checked = await checkWholeFile({ file: big, bom: 0, encoding: 'utf-8', dialect: { delimiter: ',', quote: '"', header: true, decimalComma: false } }, 4);
    const checkMs = performance.now() - checkStarted;

    const summary = {
      rows: ROWS,
      fileMiB: mib(fileBytes),
      importMs: Math.round(importMs),
      psqlCopyMs: Math.round(psqlMs),
      importOverPsqlCopy: round(psqlMs / importMs),
      runs: RUNS,
      bigFileMiB: mib(bigBytes),
      bigImportMs: Math.round(bigMs),
      importHeapGrowthMiB: mib(Math.max(0, after - before)),
      importHeapPeakGrowthMiB: mib(Math.max(0, peak - before)),
      wholeFileCheckMs: Math.round(checkMs),
      wholeFileCheckMiBps: round(mib(bigBytes) / (checkMs / 1000)),
      wholeFileCheckRows: checked.rows,
    };
    console.log(`\nimport: a ${summary.fileMiB} MiB CSV of ${ROWS.toLocaleString('en')} rows into a new table, as an editor (PostgreSQL ${server.version}, OpenHEXA's guards)`);
    console.log(`  the product, median of ${RUNS}        ${summary.importMs} ms (psql \\copy ${summary.psqlCopyMs} ms): psql's time / ours ${summary.importOverPsqlCopy}`);
    console.log(`  ${summary.bigFileMiB} MiB file                 ${summary.bigImportMs} ms; host heap grown by ${summary.importHeapGrowthMiB} MiB after, ${summary.importHeapPeakGrowthMiB} MiB at most during`);
    console.log(`  whole-file check of it        ${summary.wholeFileCheckMs} ms (${summary.wholeFileCheckMiBps} MiB/s, ${summary.wholeFileCheckRows.toLocaleString('en')} rows)`);
    fs.writeFileSync(path.join(resultsDir, 'import.json'), `${JSON.stringify({ benchmark: 'import', date: new Date().toISOString(), postgres: server.version, machine: machine(), summary }, null, 2)}\n`);
  } finally {
    await pools.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
    await server.stop();
  }
}

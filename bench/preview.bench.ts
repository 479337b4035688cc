// Preview on a 10,000,000-row table: what a member waits for a page at the
// top, at row 9,000,000, sorted and filtered; the same pages the way other
// extensions read them (OFFSET), and through psql as the floor; then a CSV
// export of 1,000,000 rows against psql's \copy. The table is generated once
// in a local server kept under OPENHEXA_BENCH_DIR (default
// /var/tmp/openhexa-bench) and reused by later runs.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { embeddedBinaries } from '../src/localServer/binaries';
import { LOCAL_SUPERUSER, LocalServer } from '../src/localServer/localServer';
import { exportCsv } from '../src/postgres/preview/exportCsv';
import { fetchPage, selectionOf, tableShape, type PageOptions } from '../src/postgres/preview/preview';
import { PreviewSession } from '../src/postgres/preview/previewSession';
import { pagePlan } from '../src/postgres/preview/previewSql';
import { readOnly } from '../src/postgres/readOnly';
import { machine, median, printTable } from './machine';

const ROWS = 10_000_000;
const DEEP = 9_000_000;
const PAGE = 500;
const EXPORT_ROWS = 1_000_000;
const RUNS = 7;
// The product against raw pg: a ratio of two small figures needs more runs than the others.
const PAIR_RUNS = 41;
const EXPORT_RUNS = 3;
const DATABASE = 'preview_bench';
const PASSWORD = 'bench-preview-pw';
/** The login the product reads as: not a superuser, SELECT on the table only. */
const READER = 'bench_preview_reader';
const READER_PASSWORD = 'bench-reader-pw';

const CREATE_TABLE_SQL = `
CREATE TABLE big (
  id bigint PRIMARY KEY,
  district text NOT NULL,
  cases integer,
  amount numeric(12, 2) NOT NULL,
  reported_at timestamptz NOT NULL,
  note text
);
INSERT INTO big
SELECT g,
       'district ' || (g % 97),
       CASE WHEN g % 13 = 0 THEN NULL ELSE ((g * 7919) % 100000)::integer END,
       ((g * 31) % 1000000) / 100.0,
       timestamptz '2020-01-01 00:00:00+00' + g * interval '7 seconds',
       'visit ' || g || ' notes'
  FROM generate_series(1::bigint, ${ROWS}) g;
CREATE INDEX big_cases ON big (cases, id);
ANALYZE big;`;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function medianOf(runs: number, fn: () => Promise<unknown>, warm = true): Promise<number> {
  if (warm) {
    await fn();
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    times.push(await time(fn));
  }
  return median(times);
}

/** Two ways to do the same work, timed turn about (each one first every other turn), so load on the machine hits both alike. */
async function medianPair(runs: number, a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[number, number]> {
  await a();
  await b();
  const [ta, tb]: [number[], number[]] = [[], []];
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      ta.push(await time(a));
      tb.push(await time(b));
    } else {
      tb.push(await time(b));
      ta.push(await time(a));
    }
  }
  return [median(ta), median(tb)];
}

function psqlBinary(): string | undefined {
  for (const candidate of ['/usr/bin/psql', '/usr/lib/postgresql/15/bin/psql', '/usr/local/bin/psql']) {
    if (fs.existsSync(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

export async function run(resultsDir: string): Promise<void> {
  const folder = process.env.OPENHEXA_BENCH_DIR ?? path.join(os.platform() === 'win32' ? os.tmpdir() : '/var/tmp', 'openhexa-bench');
  const server = new LocalServer({ folder, binaries: embeddedBinaries(), superuser: LOCAL_SUPERUSER, password: PASSWORD, onLog: (line) => process.env.OPENHEXA_BENCH_VERBOSE && process.stderr.write(`${line.text}\n`) });
  const port = await server.start();
  const config = { host: '127.0.0.1', port, user: LOCAL_SUPERUSER, password: PASSWORD };
  try {
    const admin = new Client({ ...config, database: 'postgres' });
    await admin.connect();
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE])).rowCount === 1;
    if (!exists) {
      await admin.query(`CREATE DATABASE ${DATABASE}`);
    }
    await admin.end();
    const client = new Client({ ...config, database: DATABASE });
    client.on('error', () => undefined);
    await client.connect();
    const ready = (await client.query(`SELECT count(*)::int AS n FROM pg_class WHERE relname = 'big' AND relkind = 'r'`)).rows[0].n === 1;
    if (!ready) {
      console.log(`Generating ${ROWS.toLocaleString('en')} rows once (reused by later runs, in ${folder})...`);
      const took = await time(() => client.query(CREATE_TABLE_SQL));
      console.log(`  done in ${(took / 1000).toFixed(0)} s`);
    }
    await client.query('VACUUM ANALYZE big');
    // The product reads as a member would: never as a superuser (readOnly refuses one).
    await client.query(`DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${READER}') THEN CREATE ROLE ${READER} LOGIN PASSWORD '${READER_PASSWORD}'; END IF; END $$`);
    await client.query(`GRANT SELECT ON big TO ${READER}`);
    const readerConfig = { ...config, user: READER, password: READER_PASSWORD };
    const reader = new Client({ ...readerConfig, database: DATABASE });
    reader.on('error', () => undefined);
    await reader.connect();

    const shape = await tableShape(reader, 'public', 'big');
    // As the preview's page lane runs it: one read-only transaction per page, search_path pinned, ROLLBACK.
    const page = (options: PageOptions) => () => readOnly(reader, () => fetchPage(reader, 'public', 'big', shape, { pageSize: PAGE, ...options }));
    const sortCases = { column: 'cases', direction: 'asc' as const };
    const sortedDeep = (await client.query(`SELECT id::text, cases::text FROM big ORDER BY cases ASC NULLS LAST, id ASC OFFSET ${DEEP} LIMIT 1`)).rows[0] as { id: string; cases: string | null };
    const filter = { filters: [{ column: 'district', op: 'eq' as const, value: 'district 42' }] };

    const offset = (sql: string) => () => client.query(sql);
    const cells = 'id, district, cases, amount, reported_at, note';
    const psql = psqlBinary();
    const psqlUrl = `postgresql://${LOCAL_SUPERUSER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;
    const psqlTimed = (sql: string) => async () => {
      if (!psql) return;
      execFileSync(psql, ['-X', '-q', '-o', '/dev/null', '-d', psqlUrl, '-c', sql], { stdio: 'ignore' });
    };
    /** psql's own \timing of a query run `runs` times in one session (no process start in the figure). */
    const psqlTiming = (sql: string, runs: number): number => {
      const args = ['-X', '-d', psqlUrl, '-o', '/dev/null', '-c', '\\timing on'];
      for (let i = 0; i <= runs; i++) args.push('-c', sql);
      const out = execFileSync(psql!, args, { encoding: 'utf8' });
      const times = [...out.matchAll(/Time: ([\d.]+) ms/g)].map((m) => Number(m[1])).slice(1);
      return median(times);
    };
    const keysetSql = (where: string, order = 'id') => `SELECT ${cells} FROM big ${where} ORDER BY ${order} LIMIT ${PAGE}`;

    const rows: { case: string; medianMs: number; runs: number }[] = [];
    const add = async (name: string, fn: () => Promise<unknown>, runs = RUNS) => rows.push({ case: name, medianMs: await medianOf(runs, fn), runs });

    await add('keyset: first page', page({}));
    await add('keyset: page at row 9,000,000', page({ after: { key: [String(DEEP)] } }));
    await add('keyset: sorted (cases), first page', page({ sort: sortCases }));
    await add('keyset: sorted (cases), page at row 9,000,000', page({ sort: sortCases, after: { key: [sortedDeep.id], sortValue: sortedDeep.cases } }));
    await add('keyset: filtered (district = 42), first page', page(filter));
    await add('keyset: filtered, page after id 9,000,000', page({ ...filter, after: { key: [String(DEEP)] } }));
    // The product's first page as the panel gets it (its page lane: a read-only transaction, cells cut, cursors), against
    // the same SQL through raw pg on a connection of its own, in the same run.
    const session = new PreviewSession({ ...readerConfig, database: DATABASE, sslmode: 'disable' }, 'public', 'big');
    const raw = new Client({ ...readerConfig, database: DATABASE });
    await raw.connect();
    const firstSql = pagePlan({ ...selectionOf('public', 'big', shape, {}), maxChars: 2000 })[0]!(PAGE);
    const [productMs, rawMs] = await medianPair(PAIR_RUNS, () => session.page({ pageSize: PAGE }), () => raw.query({ text: firstSql.text, values: firstSql.values, rowMode: 'array' }));
    rows.push({ case: 'product: first page (PreviewSession.page)', medianMs: productMs, runs: PAIR_RUNS });
    rows.push({ case: 'raw pg: the same SQL, rows as arrays', medianMs: rawMs, runs: PAIR_RUNS });
    await add('product: Ctrl+End, the last page (read backwards)', () => session.page({ last: true, pageSize: PAGE }));
    await session.close();
    await raw.end();
    await add('OFFSET: first page', offset(`SELECT ${cells} FROM big ORDER BY id LIMIT ${PAGE} OFFSET 0`), 3);
    await add('OFFSET: page at row 9,000,000', offset(`SELECT ${cells} FROM big ORDER BY id LIMIT ${PAGE} OFFSET ${DEEP}`), 3);
    // About a minute a run: measured once, cold.
    rows.push({ case: 'OFFSET: sorted, page at row 9,000,000', medianMs: await medianOf(1, offset(`SELECT ${cells} FROM big ORDER BY cases, id LIMIT ${PAGE} OFFSET ${DEEP}`), false), runs: 1 });
    await add('OFFSET: count(*) shown beside the grid', offset('SELECT count(*) FROM big'), 3);
    if (psql) {
      rows.push({ case: 'psql \\timing: first page', medianMs: psqlTiming(keysetSql(''), RUNS), runs: RUNS });
      rows.push({ case: 'psql \\timing: page at row 9,000,000', medianMs: psqlTiming(keysetSql(`WHERE id > ${DEEP}`), RUNS), runs: RUNS });
      rows.push({ case: 'psql \\timing: sorted, page at row 9,000,000', medianMs: psqlTiming(keysetSql(`WHERE (cases, id) > (${sortedDeep.cases ?? 0}, ${sortedDeep.id})`, 'cases, id'), RUNS), runs: RUNS });
    }
    printTable(`preview of a ${ROWS.toLocaleString('en')}-row table, ${PAGE} rows a page (PostgreSQL ${(await client.query('SHOW server_version')).rows[0].server_version})`, rows);

    const exportFile = path.join(folder, 'export.csv');
    const selection = selectionOf('public', 'big', shape, { filters: [{ column: 'id', op: 'lt', value: String(EXPORT_ROWS + 1) }] });
    const ours = await medianOf(EXPORT_RUNS, async () => {
      const result = await exportCsv(reader, selection, fs.createWriteStream(exportFile));
      if (result.rows !== EXPORT_ROWS) throw new Error(`exported ${result.rows} rows`);
    });
    const oursBytes = fs.statSync(exportFile).size;
    let psqlCopy: number | undefined;
    if (psql) {
      psqlCopy = await medianOf(EXPORT_RUNS, psqlTimed(`\\copy (SELECT ${cells} FROM big WHERE id < ${EXPORT_ROWS + 1} ORDER BY id) TO '${exportFile}.psql' WITH (FORMAT csv, HEADER true)`));
      fs.rmSync(`${exportFile}.psql`, { force: true });
    }
    fs.rmSync(exportFile, { force: true });
    const exports = [
      { case: 'export: COPY streamed to a file (this extension)', medianMs: ours, rowsPerSecond: Math.round(EXPORT_ROWS / (ours / 1000)), runs: EXPORT_RUNS },
      ...(psqlCopy ? [{ case: 'export: psql \\copy to a file', medianMs: psqlCopy, rowsPerSecond: Math.round(EXPORT_ROWS / (psqlCopy / 1000)), runs: EXPORT_RUNS }] : []),
    ];
    printTable(`CSV export of ${EXPORT_ROWS.toLocaleString('en')} rows (${(oursBytes / 2 ** 20).toFixed(0)} MiB)`, exports);
    for (const e of exports) console.log(`  ${e.case}: ${e.rowsPerSecond.toLocaleString('en')} rows/s`);
    const first = rows[0]!.medianMs;
    const deep = rows[1]!.medianMs;
    const figure = (name: string): number => rows.find((r) => r.case === name)!.medianMs;
    const product = figure('product: first page (PreviewSession.page)');
    const rawPg = figure('raw pg: the same SQL, rows as arrays');
    const gridFile = path.join(resultsDir, 'grid.json');
    const grid = fs.existsSync(gridFile) ? (JSON.parse(fs.readFileSync(gridFile, 'utf8')) as { summary?: { gridRowsKeptAfter1M?: number } }).summary : undefined;
    const summary = {
      firstOverRawPg: Number((product / rawPg).toFixed(2)),
      // From the grid bench (Chromium), which runs before this one.
      gridRowsKeptAfter1M: grid?.gridRowsKeptAfter1M,
      ctrlEndMs: Number(figure('product: Ctrl+End, the last page (read backwards)').toFixed(1)),
      deepOverFirst: Number((deep / first).toFixed(2)),
      exportOverPsqlCopy: psqlCopy ? Number((psqlCopy / ours).toFixed(2)) : undefined,
    };
    console.log(`  product first page / raw pg: ${summary.firstOverRawPg}x; Ctrl+End: ${summary.ctrlEndMs} ms; grid rows kept after 1,000,000: ${summary.gridRowsKeptAfter1M ?? 'n/a'}`);
    console.log(`  deep page / first page: ${summary.deepOverFirst}x; export throughput / psql \\copy: ${summary.exportOverPsqlCopy ?? 'n/a'}`);
    await reader.end();
    await client.end();
    fs.writeFileSync(
      path.join(resultsDir, 'preview.json'),
      `${JSON.stringify({ benchmark: 'preview', date: new Date().toISOString(), table: { rows: ROWS, pageSize: PAGE, exportRows: EXPORT_ROWS }, machine: machine(), summary, pages: rows, exports }, null, 2)}\n`,
    );
  } finally {
    await server.stop();
  }
}

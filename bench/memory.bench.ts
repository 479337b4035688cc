// What the extension host keeps: the heap of the product's host-side modules
// (the same code the extension host runs, in a Node process of their own, so
// nothing else is in the figure) with the tree of a 10,000-table workspace
// listed and measured, and after a preview scrolled through 1,000,000 rows
// page by page as the grid asks for them. Heap after a full collection.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { PoolRegistry } from '../src/postgres/pools';
import type { PreviewPage } from '../src/postgres/preview/preview';
import { PreviewSession } from '../src/postgres/preview/previewSession';
import { databaseLevel, listRelations, measureInBatches, type Browse } from '../src/postgres/workspace/tables';
import { startTestServer } from '../test/fixtures/postgresServer';
import { machine } from './machine';
import { createTables } from './tree.bench';

const PASSWORD = 'bench-tree-pw';
const TABLES = 10_000;
const SCROLL_ROWS = 1_000_000;
const PAGE = 500;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapMiB(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

const round = (mib: number): number => Math.round(mib * 10) / 10;

export async function run(resultsDir: string): Promise<void> {
  const server = await startTestServer();
  try {
    const admin = await server.connect();
    await admin.query(`CREATE ROLE bench_viewer LOGIN PASSWORD '${PASSWORD}'`);
    await admin.end();
    await createTables(server, 'memory10k', TABLES, 50);
    const scroll = await server.connect({ database: 'memory10k' });
    scroll.on('error', () => undefined);
    await scroll.query(`CREATE TABLE public.scroll AS SELECT g AS id, 'district ' || (g % 97) AS district, (g * 7919) % 100000 AS cases FROM pg_catalog.generate_series(1::bigint, ${SCROLL_ROWS}) g`);
    await scroll.query('ALTER TABLE public.scroll ADD PRIMARY KEY (id); GRANT SELECT ON public.scroll TO bench_viewer; ANALYZE public.scroll');
    await scroll.end();
    const login = { host: server.host, port: server.port, user: 'bench_viewer', password: PASSWORD, sslmode: 'disable' as const, database: 'memory10k' };

    const before = heapMiB();
    const pools = new PoolRegistry();
    const browse: Browse = (work) => pools.browse(login, work);
    // What the tree holds once every table was shown (Show more up to all) and measured.
    const level = await browse((c) => databaseLevel(c, TABLES));
    const shown = await browse((c) => listRelations(c, undefined, TABLES));
    const measures = await measureInBatches(browse, shown);
    const withTree = heapMiB();
    if (shown.length < TABLES || measures.size < TABLES) {
      throw new Error(`listed ${shown.length} and measured ${measures.size} of ${TABLES} tables`);
    }

    const session = new PreviewSession(login, 'public', 'scroll');
    let page: PreviewPage = await session.page({ pageSize: PAGE });
    const atFirstPage = heapMiB();
    let rows = page.rows.length;
    let peak = atFirstPage;
    while (page.next) {
      const after = page.next;
      page = await session.page({ pageSize: PAGE, after });
      rows += page.rows.length;
      if (rows % 100_000 === 0) {
        peak = Math.max(peak, heapMiB());
      }
    }
    const afterScroll = heapMiB();
    await session.close();
    await pools.dispose();
    if (rows !== SCROLL_ROWS) {
      throw new Error(`scrolled ${rows} rows of ${SCROLL_ROWS}`);
    }
    void level;

    const summary = {
      treeHeapMiB: round(withTree - before),
      previewHeapGrowthMiB: round(afterScroll - atFirstPage),
      previewPeakGrowthMiB: round(peak - atFirstPage),
      heapAfterScrollMiB: round(afterScroll),
      tables: TABLES,
      scrolledRows: rows,
    };
    console.log(`\nmemory: the product's host-side modules in Node, heap after a full collection (PostgreSQL ${server.version})`);
    console.log(`  heap before anything                          ${round(before)} MiB`);
    console.log(`  + a ${TABLES.toLocaleString('en')}-table level listed and measured       +${summary.treeHeapMiB} MiB`);
    console.log(`  preview: ${SCROLL_ROWS.toLocaleString('en')} rows scrolled, growth       ${summary.previewHeapGrowthMiB} MiB (peak ${summary.previewPeakGrowthMiB} MiB)`);
    fs.writeFileSync(
      path.join(resultsDir, 'memory.json'),
      `${JSON.stringify({ benchmark: 'memory', date: new Date().toISOString(), postgres: server.version, machine: machine(), summary }, null, 2)}\n`,
    );
  } finally {
    await server.stop();
  }
}

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Writable } from 'node:stream';
import { loadSqlParser } from '../../src/core/query/sqlParser';
import { QueryResultsController, GRID_CELL_CHARS, type Runner } from '../../src/features/query/queryResultsController';
import { Cancelled } from '../../src/postgres/preview/queryLane';
import type { RunListener, RunOutcome } from '../../src/postgres/query/queryRun';
import { prepareRun } from '../../src/postgres/query/queryRunner';
import { makeResultsFolder, removeResultsFolder, ResultStore } from '../../src/postgres/query/resultStore';
import type { QueryResultsToWebview } from '../../src/protocol/queryResults';

/** A runner that streams `rows` for the first statement and says the second did an UPDATE; or is cancelled. */
function fakeRunner(folder: string, rows: (string | null)[][], options: { cancelled?: boolean } = {}): Runner & { cancels: number; exported: string[] } {
  const runner = {
    cancels: 0,
    exported: [] as string[],
    async run(_statements: unknown, _settings: unknown, listener: RunListener): Promise<RunOutcome> {
      const store = await ResultStore.create(folder);
      listener.columns?.(0, [{ name: 'id', type: 'integer' }, { name: 'note', type: 'text' }], store);
      for (let i = 0; i < rows.length; i += 1000) {
        await store.append(rows.slice(i, i + 1000));
        listener.progress?.(0, store.rows);
      }
      if (options.cancelled) {
        throw new Cancelled('user');
      }
      const first = { status: 'rows' as const, columns: [], store, rows: store.rows, command: 'SELECT', ms: 5 };
      listener.finished?.(0, first);
      const second = { status: 'done' as const, command: 'UPDATE', rowCount: 3, ms: 2 };
      listener.finished?.(1, second);
      return { results: [first, second], ended: 'committed', ms: 9 };
    },
    async cancel() {
      runner.cancels += 1;
    },
    async exportCsv(statement: { text: string }, out: Writable) {
      runner.exported.push(statement.text);
      await new Promise<void>((resolve) => out.end('id,note\n1,a\n', () => resolve()));
      return { rows: 1, bytes: 12 };
    },
    async cancelExport() {},
    async close() {},
  };
  return runner;
}

describe('a query document\'s results panel (controller)', () => {
  let folder: string;
  before(async () => {
    await loadSqlParser();
    folder = makeResultsFolder();
  });
  after(() => removeResultsFolder(folder));

  function make(runner: Runner) {
    const posted: QueryResultsToWebview[] = [];
    const shown: string[] = [];
    const copies: string[] = [];
    const controller = new QueryResultsController(
      {
        post: (m) => posted.push(m),
        t: (text, ...args) => text.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)] ?? '')),
        log: { debug() {}, info() {}, warn() {}, error() {} },
        locale: 'en',
        describe: (err) => String(err),
        writeClipboard: async () => undefined,
        showValue: async (_name, text) => void shown.push(text),
        neutralizeFormulas: () => false,
        reveal: () => undefined,
        chooseExportFile: async () => path.join(folder, 'export.csv'),
        choosePngFile: async (_title, name) => path.join(folder, name),
        canWrite: () => true,
        askTableName: async () => ({ schema: 'public', name: 'copied' }),
        createTableFromQuery: async (query, table) => {
          copies.push(`${table.schema}.${table.name} AS ${query}`);
          return 1;
        },
        withExportProgress: (_title, run) => run(() => undefined, () => undefined),
        announceExported: () => undefined,
      },
      runner,
      'query.sql',
      'Malaria',
    );
    return { controller, posted, shown, copies };
  }

  /** A query, then an UPDATE: judged as a run with writes allowed judges them. */
  const statements = async () => {
    const prepared = await prepareRun('SELECT id, note FROM t;\nUPDATE t SET note = 1', 'writes');
    assert.ok(prepared.ok);
    return prepared.statements;
  };

  it('streams a run\'s rows, says each statement\'s outcome and the commit, and serves any page, the last one too', async () => {
    const rows = Array.from({ length: 25_000 }, (_, i) => [String(i + 1), i === 24_999 ? 'x'.repeat(GRID_CELL_CHARS + 10) : `note ${i + 1}`]);
    const { controller, posted, shown } = make(fakeRunner(folder, rows));
    const report = await controller.run(await statements(), { mode: 'writes', statementTimeoutMs: 1000, folder }, () => 0);
    assert.notEqual(report.outcome, 'cancelled');
    const types = posted.map((m) => m.type);
    assert.deepEqual([types[0], types[1], types.at(-1)], ['runStarted', 'columns', 'runEnded']);
    assert.ok(types.includes('progress'));
    assert.deepEqual(posted.filter((m) => m.type === 'statement').map((m) => m.type === 'statement' && m.outcome.status), ['rows', 'done']);
    assert.deepEqual(posted.at(-1), { type: 'runEnded', runId: 1, ended: 'committed', ms: 9 });
    await controller.receive({ type: 'rows', runId: 1, index: 0, requestId: 7, from: 24_000, count: 1000 });
    const page = posted.at(-1)!;
    assert.ok(page.type === 'rows');
    assert.equal(page.rows.length, 1000);
    assert.deepEqual(page.rows[0], ['24001', 'note 24001']);
    // The last cell is cut for the grid, and whole when opened.
    assert.deepEqual(page.truncated, [[999, 1]]);
    assert.equal(page.rows[999]![1]!.length, GRID_CELL_CHARS);
    await controller.receive({ type: 'openValue', runId: 1, index: 0, row: 24_999, column: 1 });
    assert.equal(shown[0]!.length, GRID_CELL_CHARS + 10);
    await controller.dispose();
  });

  it('exports a query\'s whole result through the runner into the chosen file, and refuses a statement that is not a query', async () => {
    const runner = fakeRunner(folder, [['1', 'a']]);
    const { controller, posted } = make(runner);
    await controller.run(await statements(), { mode: 'writes', statementTimeoutMs: 1000, folder }, () => 0);
    await controller.receive({ type: 'export', runId: 1, index: 0 });
    assert.deepEqual(runner.exported, ['SELECT id, note FROM t']);
    assert.equal(fs.readFileSync(path.join(folder, 'export.csv'), 'utf8'), 'id,note\n1,a\n');
    const done = posted.at(-1);
    assert.equal(done?.type === 'exportEnded' ? done.outcome : undefined, 'done');
    await controller.receive({ type: 'export', runId: 1, index: 1 });
    const refused = posted.at(-1);
    assert.equal(refused?.type === 'exportEnded' ? refused.outcome : undefined, 'failed');
    assert.deepEqual(runner.exported, ['SELECT id, note FROM t'], 'the UPDATE was not run again');
    fs.rmSync(path.join(folder, 'export.csv'));
    await controller.dispose();
  });

  it('gives a chart its two columns from the first rows on (10,000 at most), and saves the chart drawn as a PNG file', async () => {
    const rows = Array.from({ length: 12_000 }, (_, i) => [String(i), `d${i}`]);
    const { controller, posted } = make(fakeRunner(folder, rows));
    await controller.run(await statements(), { mode: 'writes', statementTimeoutMs: 1000, folder }, () => 0);
    await controller.receive({ type: 'chartRows', runId: 1, index: 0, requestId: 3, label: 1, value: 0 });
    const chart = posted.at(-1)!;
    assert.ok(chart.type === 'chartRows');
    assert.equal(chart.rows.length, 10_000);
    assert.deepEqual([chart.rows[0], chart.rows[9_999], chart.more], [['d0', '0'], ['d9999', '9999'], true]);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    await controller.receive({ type: 'saveChart', png: `data:image/png;base64,${png.toString('base64')}`, name: 'Cases / district "Nord"' });
    const file = path.join(folder, 'Cases-district-Nord.png');
    assert.deepEqual(fs.readFileSync(file), png);
    fs.rmSync(file);
    await controller.dispose();
  });

  it('Copy to New Table runs a query again as CREATE TABLE … AS under the name asked, and refuses a statement that is not a query', async () => {
    const { controller, posted, copies } = make(fakeRunner(folder, [['1', 'a']]));
    await controller.run(await statements(), { mode: 'writes', statementTimeoutMs: 1000, folder }, () => 0);
    await controller.receive({ type: 'copyToTable', runId: 1, index: 0 });
    assert.deepEqual(copies, ['public.copied AS SELECT id, note FROM t']);
    const done = posted.at(-1);
    assert.equal(done?.type === 'notice' && done.text, 'Created the table public.copied with 1 rows.');
    await controller.receive({ type: 'copyToTable', runId: 1, index: 1 });
    assert.deepEqual(copies.length, 1, 'the UPDATE was not copied');
    await controller.dispose();
  });

  it('a new run drops the results before it and their files; a page asked for an old run gets nothing', async () => {
    const { controller, posted } = make(fakeRunner(folder, [['1', 'a']]));
    await controller.run(await statements(), { mode: 'read-only', statementTimeoutMs: 1000, folder }, () => 0);
    await controller.run(await statements(), { mode: 'read-only', statementTimeoutMs: 1000, folder }, () => 0);
    const before = posted.length;
    await controller.receive({ type: 'rows', runId: 1, index: 0, requestId: 1, from: 0, count: 10 });
    assert.equal(posted.length, before);
    assert.equal(fs.readdirSync(folder).length, 1, 'only the latest run keeps a file');
    await controller.dispose();
    assert.equal(fs.readdirSync(folder).length, 0, 'closing the panel removes it');
  });

  it('Cancel reaches the runner for the current run only, and a cancelled run is said as such', async () => {
    const runner = fakeRunner(folder, [['1', 'a']], { cancelled: true });
    const { controller, posted } = make(runner);
    const report = await controller.run(await statements(), { mode: 'read-only', statementTimeoutMs: 1000, folder }, () => 0);
    assert.equal(report.outcome, 'cancelled');
    const ended = posted.at(-1);
    assert.equal(ended?.type === 'runEnded' ? ended.ended : undefined, 'cancelled');
    await controller.receive({ type: 'cancel', runId: 99 });
    assert.equal(runner.cancels, 0);
    await controller.receive({ type: 'cancel', runId: 1 });
    assert.equal(runner.cancels, 1);
    await controller.dispose();
  });
});

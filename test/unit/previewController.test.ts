// The preview panel's controller, driven by the webview's own messages in
// plain Node, over a stand-in reader: what reaches the grid, and what the
// export leaves on disk. (The session itself is tested against PostgreSQL.)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Writable } from 'node:stream';
import { PreviewController, type PreviewDeps, type PreviewReader } from '../../src/features/preview/previewController';
import { ShapeChanged } from '../../src/postgres/preview/previewSession';
import { Cancelled } from '../../src/postgres/preview/queryLane';
import { LeaveQueue } from '../../src/postgres/budget/connectionGate';
import { SuperuserBrowsing } from '../../src/postgres/readOnly';
import { previewToWebviewSchema, type PreviewToWebview } from '../../src/protocol/preview';

const SHAPE = { columns: [{ name: 'id', type: 'integer', nullable: false }, { name: 'doc', type: 'jsonb' }, { name: 'note', type: 'character varying(20)' }], key: [{ name: 'id', type: 'integer' }], keyKind: 'primary key' as const };

function reader(overrides: Partial<PreviewReader> = {}): PreviewReader & { closed: boolean } {
  const r = {
    schema: 'public',
    table: 'cases',
    closed: false,
    shape: async () => SHAPE,
    page: async () => ({ rows: [['1', '{"a":1}']], truncated: [] as [number, number][], at: [{ key: ['1'] }], next: { key: ['1'] }, atStart: true, atEnd: false }),
    jump: async () => ({ rows: [['900', '{}']], truncated: [] as [number, number][], at: [{ key: ['900'] }], next: { key: ['900'] }, atStart: false, atEnd: false, how: 'distribution' as const, column: 'id' }),
    estimate: async () => ({ rows: 1000, exact: false }),
    count: async () => 998,
    cancelCount: async () => undefined,
    wholeValue: async () => '{\n  "a": 1\n}',
    exportCsv: async (_view: unknown, out: Writable) => {
      await new Promise<void>((resolve) => out.end('id,doc\n1,"{""a"":1}"\n', resolve));
      return { rows: 1, bytes: 22 };
    },
    cancelExport: async () => undefined,
    close: async () => void (r.closed = true),
    ...overrides,
  };
  return r as PreviewReader & { closed: boolean };
}

function harness(read: PreviewReader, file?: string, neutralizeFormulas = false) {
  const posted: PreviewToWebview[] = [];
  const shown: [string, string, boolean][] = [];
  let clipboard = '';
  let announced = '';
  const deps: PreviewDeps = {
    post: (message) => posted.push(previewToWebviewSchema.parse(message)),
    t: (text, ...args) => text.replace(/\{(\d+)\}/g, (_h, i: string) => String(args[Number(i)])),
    log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    locale: 'en',
    describe: (err) => (err instanceof Error ? err.message : String(err)),
    writeClipboard: async (text) => void (clipboard = text),
    showValue: async (title, text, json) => void shown.push([title, text, json]),
    chooseExportFile: async () => file,
    withExportProgress: (_title, run) => run(() => undefined, () => undefined),
    announceExported: (text) => void (announced = text),
    neutralizeFormulas: () => neutralizeFormulas,
  };
  const controller = new PreviewController(deps, read, 'Santé', 'cases');
  return { controller, posted, shown, clipboard: () => clipboard, announced: () => announced, last: () => posted.at(-1)! };
}

const VIEW = { filters: [] };

describe('preview panel controller (driven by its messages)', () => {
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openhexa-preview-unit-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('opens with the table, its columns and how it pages', async () => {
    const h = harness(reader());
    await h.controller.receive({ type: 'ready' });
    const init = h.last();
    assert.ok(init.type === 'init');
    assert.deepEqual(init.table, { schema: 'public', name: 'cases', workspace: 'Santé' });
    // Which columns hold text a spreadsheet could run as a formula: only text types, never numbers or JSON.
    // How a filter's value is checked as typed, and whether a sort must say where NULLs go.
    assert.deepEqual(init.columns, [
      { name: 'id', type: 'integer', text: false, kind: 'integer', nullable: false },
      { name: 'doc', type: 'jsonb', text: false, kind: 'other', nullable: true },
      { name: 'note', type: 'character varying(20)', text: true, kind: 'other', nullable: true },
    ]);
    assert.equal(init.keyKind, 'primary key');
    assert.equal(init.neutralizeFormulas, false);
  });

  it('exports with formulas neutralised when the setting says so, and says so to the grid for its copies', async () => {
    let asked: boolean | undefined;
    const h = harness(
      reader({
        exportCsv: async (_view, out, _progress, neutralize) => {
          asked = neutralize;
          await new Promise<void>((resolve) => out.end('x\n', resolve));
          return { rows: 1, bytes: 2 };
        },
      }),
      path.join(os.tmpdir(), `openhexa-safe-${process.pid}.csv`),
      true,
    );
    await h.controller.receive({ type: 'ready' });
    const init = h.posted.find((m) => m.type === 'init');
    assert.ok(init?.type === 'init' && init.neutralizeFormulas);
    await h.controller.receive({ type: 'export', view: VIEW });
    assert.equal(asked, true);
  });

  it('answers a page with its request id; a superseded page answers nothing; a failure says why', async () => {
    const h = harness(reader());
    await h.controller.receive({ type: 'page', requestId: 7, view: VIEW, pageSize: 100 });
    assert.deepEqual(h.last(), { type: 'page', requestId: 7, rows: [['1', '{"a":1}']], truncated: [], at: [{ key: ['1'] }], next: { key: ['1'] }, atStart: true, atEnd: false });
    await h.controller.receive({ type: 'jump', requestId: 10, view: VIEW, fraction: 0.9, position: 900, pageSize: 100 });
    assert.deepEqual(h.last(), { type: 'page', requestId: 10, rows: [['900', '{}']], truncated: [], at: [{ key: ['900'] }], next: { key: ['900'] }, atStart: false, atEnd: false, jumped: 'distribution', jumpColumn: 'id' });
    const superseded = harness(reader({ page: () => Promise.reject(new Cancelled('superseded')) }));
    await superseded.controller.receive({ type: 'page', requestId: 8, view: VIEW, pageSize: 100 });
    assert.deepEqual(superseded.posted, []);
    const timeout = Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' });
    const slow = harness(reader({ page: () => Promise.reject(timeout) }));
    await slow.controller.receive({ type: 'page', requestId: 9, view: VIEW, pageSize: 100 });
    const error = slow.last();
    assert.ok(error.type === 'pageError' && error.requestId === 9 && /after 30 seconds\. Add a filter/.test(error.message));
    assert.equal(error.retry, false, 'the same read would time out again');
  });

  it('refuses a filter value that does not fit its column before any query, in the user\'s words, with no Retry and no second message from the count', async () => {
    let queried = 0;
    const h = harness(reader({ page: async () => (queried++, Promise.reject(new Error('unreachable'))), estimate: async () => (queried++, { rows: 1, exact: false }) }));
    const view = { filters: [{ column: 'id', op: 'eq' as const, value: 'abc' }] };
    await h.controller.receive({ type: 'page', requestId: 3, view, pageSize: 100 });
    await h.controller.receive({ type: 'estimate', view, viewId: 3 });
    assert.equal(queried, 0);
    assert.deepEqual(h.posted, [{ type: 'pageError', requestId: 3, message: '"abc" is not a whole number: integer takes digits only, like 42 or -7.', retry: false }]);
  });

  it('words the server\'s refusal of a value it checks itself (a date), and offers Retry only when the server was unreachable', async () => {
    const badDate = Object.assign(new Error('invalid input syntax for type date: "31/02"'), { code: '22007' });
    const h = harness(reader({ page: () => Promise.reject(badDate), estimate: () => Promise.reject(badDate) }));
    const view = { filters: [{ column: 'note', op: 'eq' as const, value: '31/02' }] };
    await h.controller.receive({ type: 'page', requestId: 5, view, pageSize: 100 });
    await h.controller.receive({ type: 'estimate', view, viewId: 5 });
    assert.deepEqual(h.posted, [{ type: 'pageError', requestId: 5, message: '"31/02" is not a valid date. Change the filter\'s value and apply again.', retry: false }]);
    // A refusal that would repeat offers no Retry, whatever carries it.
    for (const err of [new SuperuserBrowsing(), new Error('Sorting by "x" would run an editor\'s code')]) {
      const repeats = harness(reader({ page: () => Promise.reject(err) }));
      await repeats.controller.receive({ type: 'page', requestId: 7, view: VIEW, pageSize: 100 });
      const said = repeats.last();
      assert.ok(said.type === 'pageError' && !said.retry, err.message);
    }
    const down = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const restarting = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    for (const err of [down, restarting]) {
      const gone = harness(reader({ page: () => Promise.reject(err) }));
      await gone.controller.receive({ type: 'page', requestId: 6, view: VIEW, pageSize: 100 });
      const error = gone.last();
      assert.ok(error.type === 'pageError' && error.retry, err.message);
    }
  });

  it('a table whose columns could not be read says why, with Retry only when the server was busy or away (a cancelled wait for a connection)', async () => {
    const busy = harness(reader({ shape: () => Promise.reject(new LeaveQueue()) }));
    await busy.controller.receive({ type: 'ready' });
    const first = busy.last();
    assert.ok(first.type === 'initError' && first.retry && first.strings['Retry'] === 'Retry');
    const denied = harness(reader({ shape: () => Promise.reject(Object.assign(new Error('permission denied for table cases'), { code: '42501' })) }));
    await denied.controller.receive({ type: 'ready' });
    const refused = denied.last();
    assert.ok(refused.type === 'initError' && !refused.retry && /permission denied/.test(refused.message));
  });

  it('starts again on the table as it is now when a page says it changed: its new columns, then a note', async () => {
    const reshaped = { ...SHAPE, columns: [{ name: 'id', type: 'integer' }, { name: 'note', type: 'text' }] };
    let shape = SHAPE;
    const h = harness(
      reader({
        shape: async () => shape,
        page: async () => {
          shape = reshaped;
          throw new ShapeChanged(Object.assign(new Error('column "doc" does not exist'), { code: '42703' }));
        },
      }),
    );
    await h.controller.receive({ type: 'page', requestId: 4, view: VIEW, pageSize: 100 });
    const [init, note] = h.posted;
    assert.ok(init?.type === 'init');
    assert.deepEqual(init.columns, reshaped.columns.map((c) => ({ ...c, text: c.type === 'text', kind: c.type === 'integer' ? 'integer' : 'other', nullable: true })));
    assert.ok(note?.type === 'notice' && /The table changed since the preview read its columns/.test(note.text) && !note.error);
    assert.equal(h.posted.length, 2);
  });

  it('counts and estimates for the view they were asked for', async () => {
    const h = harness(reader());
    await h.controller.receive({ type: 'estimate', view: VIEW, viewId: 3 });
    assert.deepEqual(h.last(), { type: 'rowCount', viewId: 3, rows: 1000, exact: false });
    await h.controller.receive({ type: 'count', view: VIEW, viewId: 4 });
    assert.deepEqual(h.last(), { type: 'rowCount', viewId: 4, rows: 998, exact: true });
  });

  it('copies a selection as TSV and opens a whole JSON value in an editor', async () => {
    const h = harness(reader());
    await h.controller.receive({ type: 'copy', text: '1\t{"a":1}', rows: 1 });
    assert.equal(h.clipboard(), '1\t{"a":1}');
    assert.deepEqual(h.last(), { type: 'notice', text: 'Copied 1 row as TSV.', error: false });
    await h.controller.receive({ type: 'openValue', view: VIEW, column: 'doc', at: { key: ['1'] } });
    assert.deepEqual(h.shown, [['cases.doc', '{\n  "a": 1\n}', true]]);
  });

  it('exports to the chosen file, leaving no .part behind', async () => {
    const file = path.join(dir, 'cases.csv');
    const h = harness(reader(), file);
    await h.controller.receive({ type: 'export', view: VIEW });
    assert.equal(fs.readFileSync(file, 'utf8'), 'id,doc\n1,"{""a"":1}"\n');
    assert.deepEqual(fs.readdirSync(dir), ['cases.csv']);
    assert.deepEqual(h.last(), { type: 'exportEnded', outcome: 'done', message: 'Exported 1 rows to cases.csv.' });
    assert.equal(h.announced(), 'Exported 1 rows to cases.csv.');
  });

  it('an export cancelled in the dialog, cancelled on the way or failed writes no file', async () => {
    const none = harness(reader(), undefined);
    await none.controller.receive({ type: 'export', view: VIEW });
    assert.deepEqual(none.last(), { type: 'exportEnded', outcome: 'cancelled', message: '' });
    for (const [why, error] of [
      ['cancelled', new Cancelled('user')],
      ['failed', new Error('disk full')],
    ] as const) {
      const file = path.join(dir, `${why}.csv`);
      const h = harness(
        reader({
          exportCsv: async (_view, out) => {
            out.write('id\n1\n');
            throw error;
          },
        }),
        file,
      );
      await h.controller.receive({ type: 'export', view: VIEW });
      const ended = h.last();
      assert.ok(ended.type === 'exportEnded' && ended.outcome === why, JSON.stringify(ended));
      assert.equal(fs.existsSync(file) || fs.existsSync(`${file}.part`), false, `${why}: a file was left`);
    }
  });

  it('the webview\'s Cancel reaches the session while an export runs', async () => {
    let cancelled = 0;
    let started: () => void = () => undefined;
    const running = new Promise<void>((r) => (started = r));
    let release: () => void = () => undefined;
    const h = harness(
      reader({
        cancelExport: async () => void (cancelled += 1),
        exportCsv: async (_view, out) => {
          started();
          await new Promise<void>((r) => (release = r));
          out.end();
          throw new Cancelled('user');
        },
      }),
      path.join(dir, 'slow.csv'),
    );
    const exporting = h.controller.receive({ type: 'export', view: VIEW });
    await running;
    await h.controller.receive({ type: 'cancelExport' });
    release();
    await exporting;
    assert.equal(cancelled, 1);
    await h.controller.receive({ type: 'cancelExport' });
    assert.equal(cancelled, 1, 'a Cancel with no export running reached the session');
  });

  it('closing closes the session, and nothing is read after', async () => {
    const read = reader();
    const h = harness(read);
    await h.controller.dispose();
    assert.equal(read.closed, true);
    await h.controller.receive({ type: 'page', requestId: 1, view: VIEW, pageSize: 10 });
    assert.deepEqual(h.posted, []);
  });
});

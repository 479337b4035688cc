// Importing a file into a workspace table, each member through their own login: the previewed DDL
// exactly, all or nothing (a bad row far down, a cancel), an atomic replace, readers reading the new
// table at once, and PostgreSQL refusing a viewer.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Client } from 'pg';
import { workspaceRoleNames } from '../../src/core/workspaceNames';
import { importCsv, ImportRowError, type CsvImportPlan } from '../../src/postgres/import/csvImport';
import { createTableFromQuery } from '../../src/postgres/query/tableFromQuery';
import { revealPassword } from '../../src/postgres/workspace/catalogCalls';
import { loginAs, makeWorld, refused, using, type ServerLogin, type World } from './workspaceWorld';

describe('importing a CSV file, each member through their own login', function () {
  this.timeout(180_000);
  let w: World;
  let dir: string;
  const data = <T>(who: ServerLogin, run: (c: Client) => Promise<T>): Promise<T> => using(who, w.workspace.dbName, run);
  const tableExists = (name: string): Promise<boolean> => data(w.editor, async (c) => (await c.query('SELECT pg_catalog.to_regclass($1) IS NOT NULL AS e', [name])).rows[0].e as boolean);

  const plan = (file: string, table: string, extra: Partial<CsvImportPlan> = {}): CsvImportPlan => ({
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
    ],
    key: { kind: 'column', name: 'id' },
    mode: 'create',
    ...extra,
  });

  before(async () => {
    w = await makeWorld({ workspace: 'Imports', other: 'Imports elsewhere' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openhexa-import-'));
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates exactly the table the panel showed, with the file\'s rows; the read-only login reads it at once', async () => {
    const file = path.join(dir, 'small.csv');
    fs.writeFileSync(file, 'id,district,cases\n1,"Kindu, Maniema",12\n2,Goma,\n3,"line\nbreak",7\n');
    const result = await data(w.editor, (c) => importCsv(c, plan(file, 'visits')));
    assert.equal(result.rows, 3);
    const columns = await data(w.viewer, async (c) =>
      (await c.query("SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name = 'visits' ORDER BY ordinal_position")).rows,
    );
    assert.deepEqual(columns, [
      { column_name: 'id', data_type: 'integer', is_nullable: 'NO' },
      { column_name: 'district', data_type: 'text', is_nullable: 'YES' },
      { column_name: 'cases', data_type: 'integer', is_nullable: 'YES' },
    ]);
    const roPassword = (await using(w.editor, w.catalog, (c) => revealPassword(c, w.workspace.slug, 'ro', 'reveal'))).password;
    const rows = await using(loginAs(workspaceRoleNames(w.workspace.dbName).ro, roPassword), w.workspace.dbName, async (c) => (await c.query('SELECT * FROM visits ORDER BY id')).rows);
    assert.deepEqual(rows, [
      { id: 1, district: 'Kindu, Maniema', cases: 12 },
      { id: 2, district: 'Goma', cases: null },
      { id: 3, district: 'line\nbreak', cases: 7 },
    ]);
  });

  it('a bad row at line 812,345 of a 1,000,000-line file leaves no table, and says the line, the column and the value', async () => {
    const file = path.join(dir, 'big.csv');
    const out = fs.createWriteStream(file);
    out.write('id,district,cases\n');
    for (let i = 1; i < 1_000_000; i++) {
      out.write(i === 812_344 ? `${i},d${i},oops\n` : `${i},d${i},${i % 40}\n`);
    }
    await new Promise<void>((resolve) => out.end(resolve));
    await assert.rejects(data(w.editor, (c) => importCsv(c, plan(file, 'big'))), (err: unknown) => {
      assert.ok(err instanceof ImportRowError, String(err));
      assert.deepEqual([err.line, err.column, err.value], [812_345, 'cases', 'oops']);
      return true;
    });
    assert.equal(await tableExists('public.big'), false);
  });

  it('Cancel stops the import and leaves no table', async () => {
    const file = path.join(dir, 'big.csv');
    const controller = new AbortController();
    const running = data(w.editor, (c) => importCsv(c, plan(file, 'cancelled'), { onProgress: () => controller.abort() }));
    await assert.rejects(running);
    assert.equal(await tableExists('public.cancelled'), false);
  });

  it('replace is atomic for a concurrent reader: the old rows until the commit, then the new ones, never none', async () => {
    const first = path.join(dir, 'first.csv');
    fs.writeFileSync(first, 'id,district,cases\n1,old,1\n2,old,2\n');
    await data(w.editor, (c) => importCsv(c, plan(first, 'replaced')));
    const next = path.join(dir, 'next.csv');
    const out = fs.createWriteStream(next);
    out.write('id,district,cases\n');
    for (let i = 1; i <= 300_000; i++) {
      out.write(`${i},new,${i % 9}\n`);
    }
    await new Promise<void>((resolve) => out.end(resolve));
    const counts = new Set<number>();
    let done = false;
    const reading = data(w.viewer, async (c) => {
      while (!done) {
        counts.add(Number((await c.query('SELECT count(*) AS n FROM replaced')).rows[0].n));
      }
    });
    await data(w.editor, (c) => importCsv(c, plan(next, 'replaced', { mode: 'replace' })));
    done = true;
    await reading;
    counts.add(Number(await data(w.viewer, async (c) => (await c.query('SELECT count(*) AS n FROM replaced')).rows[0].n)));
    assert.ok(!counts.has(0), [...counts].join(', '));
    assert.ok(counts.has(300_000));
  });

  it('PostgreSQL refuses a viewer\'s import', async () => {
    const file = path.join(dir, 'small.csv');
    await refused(data(w.viewer, (c) => importCsv(c, plan(file, 'by_viewer'))), '42501');
    assert.equal(await tableExists('public.by_viewer'), false);
  });

  it('a Latin-1 file with semicolons and decimal commas: numbers read with their decimals, accents kept, a bad row named by the file\'s own line', async () => {
    const file = path.join(dir, 'comma.csv');
    fs.writeFileSync(file, Buffer.from('id;district;rate\n1;"Kéré; Sahel";1,5\n2;"deux\nlignes";\n3;Bobo;-0,25\n', 'latin1'));
    const commas = (table: string, f = file): CsvImportPlan =>
      plan(f, table, { encoding: 'windows-1252', dialect: { delimiter: ';', quote: '"', header: true, decimalComma: true }, columns: [{ name: 'id', type: 'integer', nullable: false }, { name: 'district', type: 'text', nullable: true }, { name: 'rate', type: 'numeric', nullable: true }] });
    assert.equal((await data(w.editor, (c) => importCsv(c, commas('rates')))).rows, 3);
    const rows = await data(w.viewer, async (c) => (await c.query('SELECT id, district, rate::text AS rate FROM rates ORDER BY id')).rows);
    assert.deepEqual(rows, [
      { id: 1, district: 'Kéré; Sahel', rate: '1.5' },
      { id: 2, district: 'deux\nlignes', rate: null },
      { id: 3, district: 'Bobo', rate: '-0.25' },
    ]);
    const bad = path.join(dir, 'comma-bad.csv');
    fs.writeFileSync(bad, 'id;district;rate\n1;"a\nb";1,5\n2;c;douze\n');
    await assert.rejects(data(w.editor, (c) => importCsv(c, commas('rates_bad', bad))), (err: unknown) => {
      assert.ok(err instanceof ImportRowError, String(err));
      assert.deepEqual([err.line, err.column, err.value], [4, 'rate', 'douze']);
      return true;
    });
    assert.equal(await tableExists('public.rates_bad'), false);
  });

  it('Copy to New Table: a query\'s result becomes a table the readers read, with the run\'s search path; a viewer is refused', async () => {
    const query = 'WITH d AS (SELECT district, sum(cases) AS cases FROM visits GROUP BY district) SELECT * FROM d ORDER BY district';
    assert.equal(await data(w.editor, (c) => createTableFromQuery(c, query, { schema: 'public', name: 'Résumé "2026"' })), 3);
    const rows = await data(w.viewer, async (c) => (await c.query('SELECT district, cases::int AS cases FROM public."Résumé ""2026""" ORDER BY district')).rows);
    assert.deepEqual(rows, [{ district: 'Goma', cases: null }, { district: 'Kindu, Maniema', cases: 12 }, { district: 'line\nbreak', cases: 7 }]);
    await refused(data(w.viewer, (c) => createTableFromQuery(c, 'SELECT 1 AS one', { schema: 'public', name: 'by_viewer_copy' })), '42501');
    assert.equal(await tableExists('public.by_viewer_copy'), false);
  });
});

// Importing a file into a workspace table, each member through their own login: the previewed DDL
// exactly, all or nothing (a bad row far down, a cancel), an atomic replace, readers reading the new
// table at once, and PostgreSQL refusing a viewer.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Client } from 'pg';
import { workspaceRoleNames } from '../../src/core/workspaceNames';
import { readImportTargets } from '../../src/postgres/import/importTargets';
import { importIntoTable, ImportRowError, type ImportPlan } from '../../src/postgres/import/tableImport';
import { createTableFromQuery } from '../../src/postgres/query/tableFromQuery';
import { revealPassword } from '../../src/postgres/workspace/catalogCalls';
import { loginAs, makeWorld, refused, using, type ServerLogin, type World } from './workspaceWorld';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'import');

describe('importing a CSV file, each member through their own login', function () {
  this.timeout(180_000);
  let w: World;
  let dir: string;
  const data = <T>(who: ServerLogin, run: (c: Client) => Promise<T>): Promise<T> => using(who, w.workspace.dbName, run);
  const tableExists = (name: string): Promise<boolean> => data(w.editor, async (c) => (await c.query('SELECT pg_catalog.to_regclass($1) IS NOT NULL AS e', [name])).rows[0].e as boolean);

  const plan = (file: string, table: string, extra: Partial<ImportPlan> = {}): ImportPlan => ({
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
    const result = await data(w.editor, (c) => importIntoTable(c, plan(file, 'visits')));
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
    await assert.rejects(data(w.editor, (c) => importIntoTable(c, plan(file, 'big'))), (err: unknown) => {
      assert.ok(err instanceof ImportRowError, String(err));
      assert.deepEqual([err.line, err.column, err.value], [812_345, 'cases', 'oops']);
      return true;
    });
    assert.equal(await tableExists('public.big'), false);
  });

  it('Cancel stops the import and leaves no table', async () => {
    const file = path.join(dir, 'big.csv');
    const controller = new AbortController();
    const running = data(w.editor, (c) => importIntoTable(c, plan(file, 'cancelled'), { onProgress: () => controller.abort() }));
    await assert.rejects(running);
    assert.equal(await tableExists('public.cancelled'), false);
  });

  it('replace is atomic for a concurrent reader: the old rows until the commit, then the new ones, never none', async () => {
    const first = path.join(dir, 'first.csv');
    fs.writeFileSync(first, 'id,district,cases\n1,old,1\n2,old,2\n');
    await data(w.editor, (c) => importIntoTable(c, plan(first, 'replaced')));
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
    await data(w.editor, (c) => importIntoTable(c, plan(next, 'replaced', { mode: 'replace' })));
    done = true;
    await reading;
    counts.add(Number(await data(w.viewer, async (c) => (await c.query('SELECT count(*) AS n FROM replaced')).rows[0].n)));
    assert.ok(!counts.has(0), [...counts].join(', '));
    assert.ok(counts.has(300_000));
  });

  it('PostgreSQL refuses a viewer\'s import', async () => {
    const file = path.join(dir, 'small.csv');
    await refused(data(w.viewer, (c) => importIntoTable(c, plan(file, 'by_viewer'))), '42501');
    assert.equal(await tableExists('public.by_viewer'), false);
  });

  it('a Latin-1 file with semicolons and decimal commas: numbers read with their decimals, accents kept, a bad row named by the file\'s own line', async () => {
    const file = path.join(dir, 'comma.csv');
    fs.writeFileSync(file, Buffer.from('id;district;rate\n1;"Kéré; Sahel";1,5\n2;"deux\nlignes";\n3;Bobo;-0,25\n', 'latin1'));
    const commas = (table: string, f = file): ImportPlan =>
      plan(f, table, { encoding: 'windows-1252', dialect: { delimiter: ';', quote: '"', header: true, decimalComma: true }, columns: [{ name: 'id', type: 'integer', nullable: false }, { name: 'district', type: 'text', nullable: true }, { name: 'rate', type: 'numeric', nullable: true }] });
    assert.equal((await data(w.editor, (c) => importIntoTable(c, commas('rates')))).rows, 3);
    const rows = await data(w.viewer, async (c) => (await c.query('SELECT id, district, rate::text AS rate FROM rates ORDER BY id')).rows);
    assert.deepEqual(rows, [
      { id: 1, district: 'Kéré; Sahel', rate: '1.5' },
      { id: 2, district: 'deux\nlignes', rate: null },
      { id: 3, district: 'Bobo', rate: '-0.25' },
    ]);
    const bad = path.join(dir, 'comma-bad.csv');
    fs.writeFileSync(bad, 'id;district;rate\n1;"a\nb";1,5\n2;c;douze\n');
    await assert.rejects(data(w.editor, (c) => importIntoTable(c, commas('rates_bad', bad))), (err: unknown) => {
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

  it('an Excel sheet picked by name: its dates, date-times, numbers and texts as the server reads them; a bad cell named by its row', async () => {
    const book = path.join(FIXTURES, 'two-sheets.xlsx');
    const sheet = (table: string, name: string, columns: ImportPlan['columns']): ImportPlan => plan(book, table, { sheet: name, columns, key: { kind: 'id' } });
    const districts: ImportPlan['columns'] = [
      { name: 'district', type: 'text', nullable: false },
      { name: 'population', type: 'integer', nullable: true },
      { name: 'surveyed_on', type: 'date', nullable: true },
    ];
    assert.equal((await data(w.editor, (c) => importIntoTable(c, sheet('districts', 'Districts', districts)))).rows, 5);
    const rows = await data(w.viewer, async (c) => (await c.query('SELECT district, population, surveyed_on::text AS surveyed_on FROM districts ORDER BY id')).rows);
    assert.deepEqual(rows.slice(0, 2), [
      { district: 'Bo', population: 575478, surveyed_on: '2024-03-14' },
      { district: 'Kenema', population: 609891, surveyed_on: '2024-03-15' },
    ]);
    assert.deepEqual(rows[4], { district: 'Bo + Kenema', population: null, surveyed_on: null });
    const visits: ImportPlan['columns'] = [
      { name: 'visit_id', type: 'integer', nullable: false },
      { name: 'started_at', type: 'timestamp with time zone', nullable: false },
      { name: 'clinic', type: 'text', nullable: false },
      { name: 'cost', type: 'numeric', nullable: true },
    ];
    await assert.rejects(data(w.editor, (c) => importIntoTable(c, sheet('visits_2024', 'Visits 2024', visits))), (err: unknown) => {
      assert.ok(err instanceof ImportRowError, String(err));
      assert.deepEqual([err.line, err.column, err.value], [3, 'cost', '#N/A']);
      return true;
    });
    assert.equal(await tableExists('public.visits_2024'), false);
    const nulled = await data(w.editor, (c) => importIntoTable(c, { ...sheet('visits_2024', 'Visits 2024', visits), nullInconvertible: true }));
    assert.deepEqual(nulled, { rows: 3, nulled: { count: 1, listed: [{ line: 3, column: 'cost', value: '#N/A' }] } });
    const read = await data(w.viewer, async (c) => {
      await c.query("SET TIME ZONE 'UTC'");
      return (await c.query('SELECT visit_id, started_at::text AS started_at, clinic, cost::text AS cost FROM visits_2024 ORDER BY visit_id')).rows;
    });
    assert.deepEqual(read, [
      { visit_id: 1, started_at: '2024-01-05 08:30:00+00', clinic: 'Clinique Saint-Joseph', cost: '1250.5' },
      { visit_id: 2, started_at: '2024-01-06 14:05:30+00', clinic: 'Kailahun CHC', cost: null },
      { visit_id: 3, started_at: '2024-01-07 00:00:00+00', clinic: 'Ngala PHU', cost: '980' },
    ]);
  });

  it('into an existing table: only the matched columns, from their own fields; the others get their default; replace swaps the rows in one go', async () => {
    await data(w.editor, (c) => c.query('CREATE TABLE public."Stock levels" (id bigint GENERATED ALWAYS AS IDENTITY, "Item" text NOT NULL, qty integer, price numeric(8,2), seen timestamptz NOT NULL DEFAULT now())'));
    const targets = await data(w.viewer, (c) => readImportTargets(c, 'public'));
    const target = targets.find((t) => t.name === 'Stock levels');
    assert.deepEqual(
      target?.columns.map((c) => `${c.name}:${c.type}:${c.required ? 'required' : 'optional'}`),
      ['id:bigint:optional', 'Item:text:required', 'qty:integer:optional', 'price:numeric(8,2):optional', 'seen:timestamp with time zone:optional'],
    );
    const file = path.join(dir, 'stock.csv');
    fs.writeFileSync(file, 'note;price;item;qty\nfrom the field;1,25;Nets;40\n;;Gloves;\n');
    const into = (mode: 'append' | 'replace', f = file): ImportPlan =>
      plan(f, 'Stock levels', {
        mode,
        dialect: { delimiter: ';', quote: '"', header: true, decimalComma: true },
        columns: [
          { name: 'Item', type: 'text', nullable: true },
          { name: 'qty', type: 'integer', nullable: true },
          { name: 'price', type: 'numeric', nullable: true },
        ],
        fields: [2, 3, 1],
      });
    assert.equal((await data(w.editor, (c) => importIntoTable(c, into('append')))).rows, 2);
    assert.equal((await data(w.editor, (c) => importIntoTable(c, into('append')))).rows, 2);
    const read = (): Promise<unknown[]> => data(w.viewer, async (c) => (await c.query('SELECT "Item" AS item, qty, price::text AS price, seen IS NOT NULL AS seen FROM public."Stock levels" ORDER BY id')).rows);
    assert.deepEqual((await read()).length, 4);
    assert.deepEqual((await read())[0], { item: 'Nets', qty: 40, price: '1.25', seen: true });
    const next = path.join(dir, 'stock-next.csv');
    fs.writeFileSync(next, 'note;price;item;qty\n;2,5;Soap;3\n');
    assert.equal((await data(w.editor, (c) => importIntoTable(c, into('replace', next)))).rows, 1);
    assert.deepEqual(await read(), [{ item: 'Soap', qty: 3, price: '2.50', seen: true }]);
    const bad = path.join(dir, 'stock-bad.csv');
    fs.writeFileSync(bad, 'note;price;item;qty\n;1;Pens;2\n;1;;4\n');
    await assert.rejects(data(w.editor, (c) => importIntoTable(c, into('replace', bad))), (err: unknown) => {
      assert.ok(err instanceof ImportRowError, String(err));
      assert.deepEqual([err.line, err.column], [3, 'Item']);
      return true;
    });
    assert.deepEqual(await read(), [{ item: 'Soap', qty: 3, price: '2.50', seen: true }]);
    await refused(data(w.viewer, (c) => importIntoTable(c, into('append'))), '42501');
    // A file with a field no column takes, after the matched ones in their order: the extra field is left out, not refused.
    const wider = path.join(dir, 'stock-wider.csv');
    fs.writeFileSync(wider, 'Item,qty,remark\nTape,5,from the store\n');
    const plain: ImportPlan = plan(wider, 'Stock levels', { mode: 'append', columns: [{ name: 'Item', type: 'text', nullable: true }, { name: 'qty', type: 'integer', nullable: true }], fields: [0, 1] });
    assert.equal((await data(w.editor, (c) => importIntoTable(c, plain))).rows, 1);
    assert.deepEqual((await read()).at(-1), { item: 'Tape', qty: 5, price: null, seen: true });
  });
});

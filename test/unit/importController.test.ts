// The import panel's logic: what it proposes from a file, what it refuses, and how an import's outcomes are said.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ImportController, INFER_ROWS, type ImportDeps, type ImportFileSample } from '../../src/features/import/importController';
import { checkWholeFile } from '../../src/files/checkWholeFile';
import { readImportSample } from '../../src/files/importSample';
import { readSheetSample, workbookSheetNames } from '../../src/files/workbookSheets';
import type { ImportTarget } from '../../src/postgres/import/importTargets';
import { ImportRowError, type ImportPlan } from '../../src/postgres/import/tableImport';
import type { ImportState, ImportToWebview } from '../../src/protocol/importFile';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'import');
const imported = async () => ({ rows: 2, nulled: { count: 0, listed: [] } });

async function make(content: string | Buffer | { fixture: string }, run: ImportDeps['runImport'] = imported, targets: ImportTarget[] = []) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openhexa-import-unit-'));
  const fileName = typeof content === 'object' && 'fixture' in content ? content.fixture : 'Cas 2026.csv';
  const file = path.join(dir, fileName);
  if (typeof content === 'object' && 'fixture' in content) {
    fs.copyFileSync(path.join(FIXTURES, content.fixture), file);
  } else {
    fs.writeFileSync(file, content);
  }
  let sample: ImportFileSample;
  if (file.endsWith('.xlsx')) {
    const sheets = await workbookSheetNames(file);
    const first = await readSheetSample(file, sheets[0]!, INFER_ROWS + 1);
    sample = { kind: 'workbook', bytes: fs.statSync(file).size, sheets, sheet: sheets[0]!, rows: first.rows, whole: first.whole };
  } else {
    sample = { kind: 'text', sample: await readImportSample(file) };
  }
  const targetReads: string[] = [];
  const posted: ImportToWebview[] = [];
  const plans: ImportPlan[] = [];
  const previews: string[] = [];
  const controller = new ImportController(
    {
      post: (m) => posted.push(m),
      t: (text, ...args) => text.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)] ?? '')),
      log: { debug() {}, info() {}, warn() {}, error() {} },
      locale: 'en',
      describe: (err) => (err instanceof Error ? err.message : String(err)),
      runImport: (plan, onProgress, signal) => {
        plans.push(plan);
        onProgress({ bytes: 10, rows: 1 });
        return run(plan, onProgress, signal);
      },
      checkWholeFile: (source, width, onProgress, signal) => checkWholeFile(source, width, { onProgress, signal }),
      readSheet: async (sheet) => (await readSheetSample(file, sheet, INFER_ROWS + 1)).rows,
      readTargets: async (schema) => {
        targetReads.push(schema);
        return targets;
      },
      openPreview: (schema, table) => previews.push(`${schema}.${table}`),
      refresh: () => undefined,
    },
    { file, fileName, sample, workspaceName: 'Malaria', schema: 'public', table: 'cas_2026' },
  );
  await controller.receive({ type: 'ready' });
  const init = posted[0];
  assert.ok(init?.type === 'init');
  const last = (): ImportState => {
    const m = [...posted].reverse().find((x) => x.type === 'state' || x.type === 'init');
    return (m as { state: ImportState }).state;
  };
  return { controller, posted, plans, previews, init, last, targetReads, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

describe('the import panel (controller)', () => {
  it('proposes the dialect, the columns and their types, a new id key, and the CREATE TABLE it will run', async () => {
    const c = await make('district;cases;seen\nKindu;12;2026-01-03\nGoma;;2026-01-04\n');
    assert.deepEqual(c.init.type === 'init' && c.init.state.draft, {
      schema: 'public',
      table: 'cas_2026',
      delimiter: ';',
      header: true,
      columns: [
        { name: 'district', type: 'text', nullable: false },
        { name: 'cases', type: 'integer', nullable: true },
        { name: 'seen', type: 'date', nullable: false },
      ],
      key: '*id',
      sheet: '',
      into: 'new',
      existing: '',
      nullInconvertible: false,
    });
    assert.equal(c.last().ddl, 'CREATE TABLE "public"."cas_2026" (\n  "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n  "district" text NOT NULL,\n  "cases" integer,\n  "seen" date NOT NULL\n)');
    assert.deepEqual(c.last().problems, []);
    c.cleanup();
  });

  it('keeps the user\'s changes (a type, a name, the key) and imports exactly them; then offers the preview', async () => {
    const c = await make('district,cases\nKindu,12\nGoma,7\n');
    const draft = { ...c.last().draft, table: 'Cas "2026"', key: 'district', columns: [{ name: 'district', type: 'text' as const, nullable: false }, { name: 'Cases', type: 'numeric' as const, nullable: true }] };
    await c.controller.receive({ type: 'change', draft });
    assert.match(c.last().ddl, /"Cases" numeric,?\n/);
    await c.controller.receive({ type: 'import' });
    assert.deepEqual(c.plans[0]!.columns, draft.columns);
    assert.deepEqual([c.plans[0]!.table, c.plans[0]!.key, c.plans[0]!.mode], ['Cas "2026"', { kind: 'column', name: 'district' }, 'create']);
    assert.deepEqual(c.posted.slice(-2).map((m) => m.type), ['progress', 'done']);
    await c.controller.receive({ type: 'preview' });
    assert.deepEqual(c.previews, ['public.Cas "2026"']);
    c.cleanup();
  });

  it('refuses what PostgreSQL would refuse or cut, each problem for its field, and imports nothing then', async () => {
    const c = await make('id,name,name\n1,a,b\n');
    const draft = { ...c.last().draft, table: '', key: '*id' };
    await c.controller.receive({ type: 'change', draft: { ...draft, columns: [{ name: 'id', type: 'integer', nullable: false }, { name: 'é'.repeat(40), type: 'text', nullable: true }, { name: 'name', type: 'text', nullable: true }] } });
    assert.deepEqual(c.last().problems.map((p) => p.field), ['table', 'column:0', 'column:1']);
    await c.controller.receive({ type: 'import' });
    assert.equal(c.plans.length, 0);
    c.cleanup();
  });

  it('a row that does not fit is said with its line, column and value; a change of delimiter reads the columns again', async () => {
    const c = await make('a,b\n1,2\n', async () => {
      throw new ImportRowError('invalid input syntax for type integer: "x"', 812_345, 'b', 'x');
    });
    await c.controller.receive({ type: 'import' });
    const failed = c.posted.at(-1);
    assert.equal(failed?.type === 'failed' && failed.message, 'Nothing was imported: line 812345, column b, value "x": invalid input syntax for type integer: "x"');
    await c.controller.receive({ type: 'change', draft: { ...c.last().draft, delimiter: ';' } });
    assert.deepEqual(c.last().draft.columns.map((x) => x.name), ['a,b']);
    c.cleanup();
  });

  it('a file with decimal commas: its numbers are proposed as numeric, and the import is told so', async () => {
    const c = await make('district;rate\nKindu;1,5\nGoma;2\n');
    assert.deepEqual(c.last().problems, []);
    assert.deepEqual(c.last().draft.columns.map((x) => x.type), ['text', 'numeric']);
    await c.controller.receive({ type: 'import' });
    assert.equal(c.plans[0]!.dialect.decimalComma, true);
    c.cleanup();
  });

  it('a workbook: its sheets offered by name, the first proposed with its dates; another sheet read when picked, and imported by name', async () => {
    const c = await make({ fixture: 'two-sheets.xlsx' });
    assert.deepEqual(c.last().sheets, ['Districts', 'Visits 2024']);
    assert.equal(c.init.type === 'init' && c.init.file.encoding, 'xlsx');
    assert.deepEqual(
      c.last().draft.columns.map((x) => `${x.name}:${x.type}`),
      ['District:text', 'Population:integer', 'Surveyed on:date', 'Households:integer', 'Coverage:numeric', 'Urban:boolean'],
    );
    await c.controller.receive({ type: 'change', draft: { ...c.last().draft, sheet: 'Visits 2024' } });
    assert.deepEqual(
      c.last().draft.columns.map((x) => `${x.name}:${x.type}`),
      ['Visit id:integer', 'Started at:timestamp with time zone', 'Clinic:text', 'Cost (Le):text', 'Note:text'],
    );
    assert.equal(c.last().draft.sheet, 'Visits 2024');
    await c.controller.receive({ type: 'import' });
    assert.equal(c.plans[0]!.sheet, 'Visits 2024');
    assert.equal(c.plans[0]!.dialect.header, true);
    c.cleanup();
  });

  it('into an existing table: the file\'s columns matched by name (case aside), the unmatched said both ways, a required column missing stops it', async () => {
    const targets: ImportTarget[] = [
      {
        name: 'cases',
        columns: [
          { name: 'id', type: 'bigint', required: false, generated: false },
          { name: 'District', type: 'text', required: true, generated: false },
          { name: 'cases', type: 'integer', required: false, generated: false },
          { name: 'rate', type: 'numeric(6,2)', required: false, generated: false },
          { name: 'doubled', type: 'integer', required: false, generated: true },
        ],
      },
      { name: 'strict', columns: [{ name: 'code', type: 'text', required: true, generated: false }, { name: 'cases', type: 'integer', required: false, generated: false }] },
    ];
    const c = await make('district;cases;note;rate\nKindu;12;x;1,5\nGoma;7;y;2\n', imported, targets);
    await c.controller.receive({ type: 'change', draft: { ...c.last().draft, into: 'append' } });
    assert.deepEqual(c.targetReads, ['public']);
    assert.deepEqual(c.last().targets?.map((x) => x.name), ['cases', 'strict']);
    assert.deepEqual(c.last().problems.map((p) => p.field), ['existing']);
    await c.controller.receive({ type: 'change', draft: { ...c.last().draft, existing: 'cases' } });
    const match = c.last().match!;
    assert.deepEqual(match.columns.map((x) => `${x.name}<${x.from}`), ['id<', 'District<district', 'cases<cases', 'rate<rate', 'doubled<']);
    assert.deepEqual(match.leftOut, ['note']);
    assert.equal(c.last().ddl, 'COPY "public"."cases" ("District", "cases", "rate") FROM STDIN');
    assert.deepEqual(c.last().problems, []);
    await c.controller.receive({ type: 'change', draft: { ...c.last().draft, into: 'replace' } });
    assert.equal(c.last().ddl, 'DELETE FROM "public"."cases";\nCOPY "public"."cases" ("District", "cases", "rate") FROM STDIN');
    await c.controller.receive({ type: 'import' });
    const plan = c.plans[0]!;
    assert.deepEqual([plan.mode, plan.table, plan.fields, plan.columns.map((x) => `${x.name}:${x.type}`)], ['replace', 'cases', [0, 1, 3], ['District:text', 'cases:integer', 'rate:numeric']]);
    assert.equal(plan.dialect.decimalComma, true);
    await c.controller.receive({ type: 'change', draft: { ...c.last().draft, existing: 'strict' } });
    assert.deepEqual(c.last().problems, [{ field: 'match', message: 'The file gives no value for code, which cannot be empty and has no default.' }]);
    await c.controller.receive({ type: 'import' });
    assert.equal(c.plans.length, 1);
    c.cleanup();
  });

  it('values made NULL when asked: the choice reaches the import, and the count and the first values are said', async () => {
    const listed = [{ line: 3, column: 'cases', value: 'n/a' }];
    const c = await make('district,cases\nKindu,12\nGoma,n/a\n', async () => ({ rows: 2, nulled: { count: 1, listed } }));
    await c.controller.receive({ type: 'change', draft: { ...c.last().draft, columns: c.last().draft.columns.map((x) => ({ ...x, type: x.name === 'cases' ? ('integer' as const) : x.type })), nullInconvertible: true } });
    await c.controller.receive({ type: 'import' });
    assert.equal(c.plans[0]!.nullInconvertible, true);
    const done = c.posted.at(-1);
    assert.deepEqual(done?.type === 'done' && done.nulled, { count: 1, listed });
    c.cleanup();
  });

  it('a file larger than its sample: the whole file is read once, and a later value a type cannot read is said beside its column, with the type that reads it', async function () {
    this.timeout(30_000);
    const lines = ['id,cases,district'];
    for (let i = 1; i <= 300_000; i++) {
      lines.push(`${i},${i === 250_000 ? '12.5' : String(i % 97)},${i === 280_000 ? '' : `District ${i % 13}`}`);
    }
    const c = await make(`${lines.join('\n')}\n`);
    assert.equal(c.init.type === 'init' && c.init.state.check.state, 'checking');
    assert.deepEqual(c.last().check, { state: 'checked', rows: 300_000 });
    assert.deepEqual(c.last().draft.columns.map((x) => `${x.name}:${x.type}${x.nullable ? '?' : ''}`), ['id:integer', 'cases:integer', 'district:text']);
    assert.deepEqual(c.last().warnings, [
      { field: 'column:1', message: 'Line 250001 holds "12.5", which is not integer; the whole file reads as numeric.', type: 'numeric' },
      { field: 'column:2', message: 'Line 280001 is empty here: allow empty values, or the import stops there.', nullable: true },
    ]);
    assert.ok(c.posted.some((m) => m.type === 'checking'));
    const draft = c.last().draft;
    await c.controller.receive({ type: 'change', draft: { ...draft, columns: draft.columns.map((x, i) => (i === 1 ? { ...x, type: 'numeric' as const } : i === 2 ? { ...x, nullable: true } : x)) } });
    assert.deepEqual(c.last().warnings, []);
    // The column with an empty value made the key: no "allow empty values" for a key.
    await c.controller.receive({ type: 'change', draft: { ...c.last().draft, key: 'district' } });
    assert.deepEqual(c.last().warnings, [{ field: 'column:2', message: 'Line 280001 is empty here, and a key cannot be: pick another key.' }]);
    c.cleanup();
  });
});

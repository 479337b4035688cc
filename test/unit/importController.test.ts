// The import panel's logic: what it proposes from a file, what it refuses, and how an import's outcomes are said.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ImportController, type ImportDeps } from '../../src/features/import/importController';
import { readImportSample } from '../../src/files/importSample';
import { ImportRowError, type CsvImportPlan } from '../../src/postgres/import/csvImport';
import type { ImportState, ImportToWebview } from '../../src/protocol/importFile';

async function make(content: string | Buffer, run: ImportDeps['runImport'] = async () => ({ rows: 2 })) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openhexa-import-unit-'));
  const file = path.join(dir, 'Cas 2026.csv');
  fs.writeFileSync(file, content);
  const posted: ImportToWebview[] = [];
  const plans: CsvImportPlan[] = [];
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
        onProgress(10);
        return run(plan, onProgress, signal);
      },
      openPreview: (schema, table) => previews.push(`${schema}.${table}`),
      refresh: () => undefined,
    },
    { file, fileName: 'Cas 2026.csv', sample: await readImportSample(file), workspaceName: 'Malaria', schema: 'public', table: 'cas_2026' },
  );
  await controller.receive({ type: 'ready' });
  const init = posted[0];
  assert.ok(init?.type === 'init');
  const last = (): ImportState => {
    const m = [...posted].reverse().find((x) => x.type === 'state' || x.type === 'init');
    return (m as { state: ImportState }).state;
  };
  return { controller, posted, plans, previews, init, last, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
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
});

import * as assert from 'node:assert/strict';
import { readOnly } from '../../src/postgres/readOnly';
import { listColumns, listTables, type TableInfo } from '../../src/postgres/workspace/tables';
import { makeWorld, using, type World } from './workspaceWorld';

describe('tables of a workspace, as a viewer sees them in the tree', function () {
  this.timeout(120_000);
  let w: World;
  let tables: TableInfo[];
  const find = (schema: string, name: string) => tables.find((t) => t.schema === schema && t.name === name);
  const longName = `t${'é'.repeat(31)}`; // 63 bytes

  before(async () => {
    w = await makeWorld({ workspace: 'Tables', other: 'Tables other' });
    await using(w.editor, w.workspace.dbName, async (c) => {
      await c.query('CREATE TABLE facilities (id int PRIMARY KEY, name text NOT NULL, opened date)');
      await c.query("INSERT INTO facilities SELECT g, 'HF ' || g, NULL FROM generate_series(1, 5) g");
      await c.query('CREATE TABLE reports (id bigint PRIMARY KEY, month date, cases int)');
      await c.query("INSERT INTO reports SELECT g, date '2024-01-01', g % 50 FROM generate_series(1, 20000) g");
      await c.query('ANALYZE reports');
      await c.query('CREATE TABLE never_analyzed (id int)');
      await c.query('INSERT INTO never_analyzed SELECT generate_series(1, 42)');
      await c.query('CREATE VIEW big_reports AS SELECT * FROM reports WHERE cases > 10');
      await c.query('CREATE MATERIALIZED VIEW monthly AS SELECT month, sum(cases) AS cases FROM reports GROUP BY month');
      await c.query('CREATE TABLE visits (id int, at date) PARTITION BY RANGE (at)');
      await c.query("CREATE TABLE visits_2024 PARTITION OF visits FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
      await c.query("INSERT INTO visits SELECT g, date '2024-03-01' FROM generate_series(1, 7) g");
      await c.query('CREATE SCHEMA "Sé ""quoted"" ; DROP"');
      await c.query(`CREATE TABLE "Sé ""quoted"" ; DROP"."select" ("from" int, "'; DROP TABLE x; --" text)`);
      await c.query(`CREATE TABLE "${longName}" (id int)`);
    });
    tables = await using(w.viewer, w.workspace.dbName, (c) => listTables((run) => readOnly(c, () => run(c))));
  });

  it('counts small tables exactly', () => {
    assert.deepEqual([find('public', 'facilities')?.rows, find('public', 'facilities')?.rowsExact], [5, true]);
    assert.deepEqual([find('public', 'never_analyzed')?.rows, find('public', 'never_analyzed')?.rowsExact], [42, true]);
  });

  it('estimates big tables from statistics instead of counting them', () => {
    const reports = find('public', 'reports')!;
    assert.equal(reports.rowsExact, false);
    assert.ok(Math.abs(reports.rows! - 20000) < 2000, String(reports.rows));
    assert.ok(reports.bytes! > 500_000);
  });

  it('gives the planner estimate for views, and lists every kind', () => {
    const view = find('public', 'big_reports')!;
    assert.equal(view.kind, 'view');
    assert.equal(view.rowsExact, false);
    assert.ok(view.rows! > 1000, String(view.rows));
    assert.equal(find('public', 'monthly')?.kind, 'materialized view');
    const visits = find('public', 'visits')!;
    assert.deepEqual([visits.kind, visits.rows, visits.rowsExact], ['partitioned table', 7, true]);
    assert.equal(find('public', 'visits_2024'), undefined, 'partitions are listed under their parent only');
  });

  it('shows hostile schema, table and column names as they are', async () => {
    const hostile = find('Sé "quoted" ; DROP', 'select');
    assert.ok(hostile, JSON.stringify(tables.map((t) => [t.schema, t.name])));
    assert.equal(hostile.rows, 0);
    assert.ok(find('public', longName));
    const columns = await using(w.viewer, w.workspace.dbName, (c) => listColumns(c, 'Sé "quoted" ; DROP', 'select'));
    assert.deepEqual(columns.map((c) => [c.name, c.type]), [
      ['from', 'integer'],
      ["'; DROP TABLE x; --", 'text'],
    ]);
  });

  it('lists columns with types, nullability and the primary key', async () => {
    const columns = await using(w.viewer, w.workspace.dbName, (c) => listColumns(c, 'public', 'facilities'));
    assert.deepEqual(columns, [
      { name: 'id', type: 'integer', nullable: false, primaryKey: true, paramType: 'integer', spatialSchema: null },
      { name: 'name', type: 'text', nullable: false, primaryKey: false, paramType: 'text', spatialSchema: null },
      { name: 'opened', type: 'date', nullable: true, primaryKey: false, paramType: 'date', spatialSchema: null },
    ]);
  });
});

import * as assert from 'node:assert/strict';
import { completionContext, sqlName } from '../../src/core/query/completionContext';
import { loadSqlParser } from '../../src/core/query/sqlParser';
import { PoolRegistry } from '../../src/postgres/pools';
import { readOutline } from '../../src/postgres/workspace/outline';
import { databaseLevel, listRelations, listSchemas, measureInBatches, schemaLevel, MEASURE_BATCH, type Browse, type TableMeasure } from '../../src/postgres/workspace/tables';
import { LEVEL_PAGE } from '../../src/features/workspaces/tableBrowsing';
import { makeWorld, using, type World } from './workspaceWorld';

const TABLES = 10_000;
const OTHER_SCHEMA = 'Sé "data"';

/**
 * A workspace of 10,000 small tables, browsed as the tree does it: the level
 * from the catalog, then the tables it shows measured a batch per
 * transaction. On a server with the default lock table, which one
 * transaction counting every table at once overflows.
 */
describe('a workspace with 10,000 tables, browsed as a viewer', function () {
  this.timeout(600_000);
  let w: World;
  let pools: PoolRegistry;

  before(async () => {
    w = await makeWorld({ workspace: 'Ten thousand tables', other: 'Ten thousand other' });
    pools = new PoolRegistry();
    await using(w.editor, w.workspace.dbName, async (c) => {
      // 500 tables a transaction: each CREATE holds a lock until its commit.
      for (let from = 1; from <= TABLES - 10; from += 500) {
        const to = Math.min(TABLES - 10, from + 499);
        await c.query(`DO $$ BEGIN FOR i IN ${from}..${to} LOOP
          EXECUTE pg_catalog.format('CREATE TABLE public.%I AS SELECT g AS id FROM pg_catalog.generate_series(1, 50) g', 'facility_' || pg_catalog.lpad(i::text, 5, '0'));
        END LOOP; END $$`);
      }
      await c.query(`CREATE SCHEMA "Sé ""data"""`);
      await c.query(`DO $$ BEGIN FOR i IN 1..10 LOOP
        EXECUTE pg_catalog.format('CREATE TABLE "Sé ""data""".%I AS SELECT g AS id FROM pg_catalog.generate_series(1, 50) g', 'select ' || i);
      END LOOP; END $$`);
    });
  });

  after(async () => {
    await pools.dispose();
  });

  const browse: Browse = (run) => pools.browse({ ...w.viewer, database: w.workspace.dbName }, run);

  it('runs on a server with the default lock table', async () => {
    const setting = await using(w.viewer, w.workspace.dbName, async (c) => (await c.query<{ max_locks_per_transaction: string }>('SHOW max_locks_per_transaction')).rows[0]!.max_locks_per_transaction);
    assert.equal(setting, '64');
  });

  it('groups the database level by schema, with each schema’s number of tables, when it is too big to list at once', async () => {
    const schemas = await browse((c) => listSchemas(c));
    assert.deepEqual(schemas, [
      { name: 'public', relations: TABLES - 10 },
      { name: OTHER_SCHEMA, relations: 10 },
    ]);
    assert.deepEqual(await browse((c) => databaseLevel(c, LEVEL_PAGE)), { schemas });
    // Within the limit, the same database is listed flat.
    const flat = await browse((c) => databaseLevel(c, TABLES));
    assert.ok('page' in flat);
    assert.deepEqual([flat.page.tables.length, flat.page.total], [TABLES, TABLES]);
  });

  it('lists a schema a page at a time, saying how many more there are', async () => {
    const [publicSchema, otherSchema] = await browse((c) => listSchemas(c));
    const page = await browse((c) => schemaLevel(c, publicSchema!, LEVEL_PAGE));
    assert.equal(page.tables.length, LEVEL_PAGE);
    assert.equal(page.total, TABLES - 10);
    assert.equal(page.tables[0]!.name, 'facility_00001');
    assert.equal(page.tables.at(-1)!.name, `facility_${String(LEVEL_PAGE).padStart(5, '0')}`);
    const more = await browse((c) => schemaLevel(c, publicSchema!, 2 * LEVEL_PAGE));
    assert.equal(more.tables.length, 2 * LEVEL_PAGE);
    const other = await browse((c) => schemaLevel(c, otherSchema!, LEVEL_PAGE));
    assert.deepEqual([other.total, other.tables[0]!.name], [10, 'select 1']);
  });

  it('counts every table it shows exactly, a batch per transaction, without running out of locks', async () => {
    const tables = await browse((c) => listRelations(c, 'public', LEVEL_PAGE));
    let batches = 0;
    const measures = await measureInBatches(browse, tables, (batch) => {
      batches += 1;
      assert.ok(batch.size <= MEASURE_BATCH);
    });
    assert.equal(batches, LEVEL_PAGE / MEASURE_BATCH);
    const counted = [...measures.values()];
    assert.equal(counted.length, LEVEL_PAGE);
    assert.ok(counted.every((m: TableMeasure) => m.rows === 50 && m.rowsExact && (m.bytes ?? 0) > 0), JSON.stringify(counted.find((m) => m.rows !== 50)));
  });

  it('can still measure every one of the 10,000 tables, a batch at a time', async () => {
    const all = await browse((c) => listRelations(c, undefined, Number.MAX_SAFE_INTEGER));
    assert.equal(all.length, TABLES);
    const measures = await measureInBatches(browse, all);
    assert.equal([...measures.values()].filter((m) => m.rows === 50 && m.rowsExact).length, TABLES);
  });

  it('reads the whole outline for the query editor\'s completion at once, quickly, and each name it offers reads back through the server', async () => {
    await loadSqlParser();
    const started = Date.now();
    const outline = await browse((c) => readOutline(c));
    const ms = Date.now() - started;
    assert.equal(outline.relations.length, TABLES);
    assert.equal(outline.cut, false);
    assert.ok(ms < 5_000, `the outline took ${ms} ms`);
    const hostile = outline.relations.filter((r) => r.schema === OTHER_SCHEMA);
    assert.equal(hostile.length, 10);
    assert.deepEqual(hostile[0]!.columns, [{ name: 'id', type: 'integer' }]);
    // What completion inserts is what the server reads: a schema with a quote and an accent, tables named "select N".
    for (const relation of hostile) {
      const sql = `SELECT ${sqlName(relation.columns[0]!.name)} FROM ${sqlName(relation.schema)}.${sqlName(relation.name)} LIMIT 1`;
      await using(w.viewer, w.workspace.dbName, (c) => c.query(sql));
      const aliased = `SELECT x. FROM ${sqlName(relation.schema)}.${sqlName(relation.name)} x`;
      assert.deepEqual(completionContext(aliased, 'SELECT x.'.length), { kind: 'member', qualifier: 'x', relations: [{ schema: relation.schema, name: relation.name, alias: 'x' }] });
    }
  });
});


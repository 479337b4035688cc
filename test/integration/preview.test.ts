import * as assert from 'node:assert/strict';
import type { Client } from 'pg';
import { fetchPage, tableShape, type PageOptions } from '../../src/postgres/preview/preview';
import type { FilterOp } from '../../src/postgres/preview/previewSql';
import { testServer } from './setup';

async function walk(client: Client, table: string, options: PageOptions, between?: () => Promise<void>): Promise<string[]> {
  const shape = await tableShape(client, 'public', table);
  const ids: string[] = [];
  let after: PageOptions['after'];
  for (let guard = 0; guard < 1000; guard++) {
    const page = await fetchPage(client, 'public', table, shape, { ...options, after });
    ids.push(...page.rows.map((r) => r[0]!));
    if (!page.next) {
      return ids;
    }
    after = page.next;
    await between?.();
  }
  throw new Error('paging did not end');
}

describe('preview engine: keyset paging, sort, filters (no vscode)', function () {
  this.timeout(60_000);
  let client: Client;
  const all = Array.from({ length: 1000 }, (_, i) => String(i + 1));

  before(async () => {
    client = await testServer().connect();
    await client.query('CREATE DATABASE preview_it');
    await client.end();
    client = await testServer().connect({ database: 'preview_it' });
    await client.query(`CREATE TABLE events (id int PRIMARY KEY, grp int, note text)`);
    await client.query(`INSERT INTO events SELECT g, CASE WHEN g % 7 = 0 THEN NULL ELSE g % 10 END, 'n' || g FROM generate_series(1, 1000) g`);
    await client.query(`CREATE TABLE heap (v text)`);
    await client.query(`INSERT INTO heap SELECT 'row ' || g FROM generate_series(1, 500) g`);
    await client.query(`CREATE TABLE "we""ird ; DROP" ("sé lect" text PRIMARY KEY, big text)`);
    await client.query(`INSERT INTO "we""ird ; DROP" VALUES ('a%b', repeat('x', 5000)), ('axb', 'short'), ('''; DROP TABLE events; --', NULL)`);
  });

  after(async () => {
    await client.end();
  });

  it('walks a table by primary key: every row once, in order', async () => {
    assert.deepEqual(await walk(client, 'events', { pageSize: 37 }), all);
  });

  for (const direction of ['asc', 'desc'] as const) {
    it(`sorted ${direction} on a column with duplicates and NULLs: every row exactly once, NULLs where PostgreSQL puts them`, async () => {
      const ids = await walk(client, 'events', { pageSize: 37, sort: { column: 'grp', direction } });
      assert.deepEqual([...ids].sort((a, b) => Number(a) - Number(b)), all);
      const nullIds = all.filter((id) => Number(id) % 7 === 0);
      const position = ids.indexOf(nullIds[0]!);
      assert.ok(direction === 'asc' ? position >= ids.length - nullIds.length : position < nullIds.length, `NULL group at ${position}`);
    });
  }

  it('concurrent inserts while paging neither skip nor repeat an existing row', async () => {
    let next = 5000;
    const ids = await walk(client, 'events', { pageSize: 50, sort: { column: 'grp', direction: 'asc' } }, async () => {
      await client.query('INSERT INTO events VALUES ($1, 3, $2), ($3, NULL, $4)', [next, 'new', next + 1, 'new']);
      next += 2;
    });
    const original = ids.filter((id) => Number(id) <= 1000);
    assert.equal(new Set(ids).size, ids.length, 'a row was repeated');
    assert.deepEqual([...original].sort((a, b) => Number(a) - Number(b)), all);
    await client.query('DELETE FROM events WHERE id > 1000');
  });

  it('walks a table without a primary key by ctid', async () => {
    const shape = await tableShape(client, 'public', 'heap');
    assert.equal(shape.keyKind, 'ctid');
    const values = await walk(client, 'heap', { pageSize: 64 });
    assert.equal(values.length, 500);
    assert.equal(new Set(values).size, 500);
  });

  it('every filter operator takes its value as a parameter: an injection finds nothing and drops nothing', async () => {
    const hostile = `'; DROP TABLE events; --`;
    const ops: FilterOp[] = ['eq', 'ne', 'lt', 'gt', 'contains', 'startsWith'];
    for (const op of ops) {
      await fetchPage(client, 'public', 'events', await tableShape(client, 'public', 'events'), { filters: [{ column: 'note', op, value: hostile }] });
    }
    await fetchPage(client, 'public', 'events', await tableShape(client, 'public', 'events'), { filters: [{ column: 'note', op: 'in', values: [hostile, 'n1'] }] });
    const count = await client.query('SELECT count(*)::int AS n FROM events');
    assert.equal(count.rows[0].n, 1000);
    const eq = await fetchPage(client, 'public', 'events', await tableShape(client, 'public', 'events'), { filters: [{ column: 'note', op: 'eq', value: hostile }] });
    assert.equal(eq.rows.length, 0);
  });

  it('filters do what they say, with LIKE wildcards taken literally', async () => {
    const shape = await tableShape(client, 'public', 'we"ird ; DROP');
    const page = async (op: FilterOp, value?: string, values?: string[]) =>
      (await fetchPage(client, 'public', 'we"ird ; DROP', shape, { filters: [{ column: 'sé lect', op, value, values }] })).rows.map((r) => r[0]);
    assert.deepEqual(await page('contains', '%'), ['a%b']);
    assert.deepEqual(await page('startsWith', "'"), ["'; DROP TABLE events; --"]);
    assert.deepEqual(await page('in', undefined, ['axb', 'zzz']), ['axb']);
    const nulls = await fetchPage(client, 'public', 'we"ird ; DROP', shape, { filters: [{ column: 'big', op: 'isNull' }] });
    assert.equal(nulls.rows.length, 1);
    const numbers = await fetchPage(client, 'public', 'events', await tableShape(client, 'public', 'events'), { filters: [{ column: 'id', op: 'lt', value: '4' }] });
    assert.deepEqual(numbers.rows.map((r) => r[0]), ['1', '2', '3']);
  });

  it('cuts long values on the server and says which cells were cut', async () => {
    const shape = await tableShape(client, 'public', 'we"ird ; DROP');
    const page = await fetchPage(client, 'public', 'we"ird ; DROP', shape, { maxChars: 100 });
    const row = page.rows.findIndex((r) => r[0] === 'a%b');
    assert.equal(page.rows[row]![1]!.length, 100);
    assert.deepEqual(page.truncated, [[row, 1]]);
  });
});

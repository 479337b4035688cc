import * as assert from 'node:assert/strict';
import type { Client } from 'pg';
import { Writable } from 'node:stream';
import { exportCsv } from '../../src/postgres/preview/exportCsv';
import { countRows, estimateRows, fetchPage, fetchWholeValue, selectionOf, tableShape, type PageOptions } from '../../src/postgres/preview/preview';
import type { FilterOp } from '../../src/postgres/preview/previewSql';
import { planSeek } from '../../src/postgres/preview/seek';
import { testServer } from './setup';
import { unique } from './workspaceWorld';

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

/** The view read from its last page back to its first (Ctrl+End, then scrolling up): first column of each row, in the view's order. */
async function walkBack(client: Client, table: string, options: PageOptions): Promise<{ ids: string[]; startSeen: boolean }> {
  const shape = await tableShape(client, 'public', table);
  let page = await fetchPage(client, 'public', table, shape, { ...options, last: true });
  assert.equal(page.atEnd, true);
  const ids = page.rows.map((r) => r[0]!);
  for (let guard = 0; guard < 1000 && !page.atStart; guard++) {
    page = await fetchPage(client, 'public', table, shape, { ...options, before: page.at[0] });
    ids.unshift(...page.rows.map((r) => r[0]!));
  }
  return { ids, startSeen: page.atStart };
}

describe('preview engine: keyset paging, sort, filters (no vscode)', function () {
  this.timeout(60_000);
  let client: Client;
  const all = Array.from({ length: 1000 }, (_, i) => String(i + 1));

  before(async () => {
    // The product reads as no superuser (readOnly refuses one): a login that owns this database and its tables.
    const owner = unique('preview_owner');
    client = await testServer().connect();
    await client.query(`CREATE ROLE ${owner} LOGIN PASSWORD 'Owner-Pw-1'`);
    await client.query(`CREATE DATABASE preview_it OWNER ${owner}`);
    await client.end();
    client = await testServer().connect({ database: 'preview_it', user: owner, password: 'Owner-Pw-1' });
    await client.query('CREATE SCHEMA IF NOT EXISTS public');
    await client.query(`CREATE TABLE events (id int PRIMARY KEY, grp int, note text)`);
    await client.query(`INSERT INTO events SELECT g, CASE WHEN g % 7 = 0 THEN NULL ELSE g % 10 END, 'n' || g FROM generate_series(1, 1000) g`);
    await client.query(`CREATE TABLE heap (v text)`);
    await client.query(`INSERT INTO heap SELECT 'row ' || g FROM generate_series(1, 500) g`);
    await client.query(`CREATE TABLE "we""ird ; DROP" ("sé lect" text PRIMARY KEY, big text)`);
    await client.query(`INSERT INTO "we""ird ; DROP" VALUES ('a%b', repeat('x', 5000)), ('axb', 'short'), ('''; DROP TABLE events; --', NULL)`);
    await client.query(`CREATE VIEW "select" AS SELECT grp AS "r", note FROM events`);
    await client.query(`CREATE TABLE typed (id int8 PRIMARY KEY, n numeric, t timestamptz, j json, a text[], b bytea, big text)`);
    await client.query(`INSERT INTO typed VALUES (9223372036854775807, 12345678901234567890.000000000000000001, '2024-03-10 12:30:00+02', '{"z": 1, "a": [1, 2, {"deep": 12345678901234567890}], "e": {}}', ARRAY['x', 'y, z', NULL], decode(repeat('ab', 5000), 'hex'), repeat('é', 100000))`);
  });

  /** Collects what a Writable receives, as text. */
  function sink(): { out: Writable; text: () => string } {
    const chunks: Buffer[] = [];
    const out = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    });
    return { out, text: () => Buffer.concat(chunks).toString('utf8') };
  }

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

  for (const [label, table, options] of [
    ['by primary key', 'events', {}],
    ['sorted ascending, NULLs last', 'events', { sort: { column: 'grp', direction: 'asc' } }],
    ['sorted descending, NULLs first', 'events', { sort: { column: 'grp', direction: 'desc' } }],
    ['by ctid', 'heap', {}],
    ['a view, by position', 'select', { sort: { column: 'r', direction: 'desc' } }],
  ] as const) {
    it(`reads backwards from the last page to the first, ${label}: the same rows in the same order as forwards`, async () => {
      const forwards = await walk(client, table, { pageSize: 37, ...options });
      const backwards = await walkBack(client, table, { pageSize: 37, ...options });
      assert.equal(backwards.startSeen, true);
      assert.deepEqual(backwards.ids, forwards);
    });
  }

  it('jumps to a fraction of the table by the key’s distribution, by physical position without a key, and says when it cannot', async () => {
    await client.query('CREATE TABLE fresh (id int PRIMARY KEY)');
    await client.query('INSERT INTO fresh SELECT generate_series(1, 100)');
    await client.query('ANALYZE events, heap');
    const events = await tableShape(client, 'public', 'events');
    const byKey = await planSeek(client, 'public', 'events', events, {}, 0.5);
    assert.equal(byKey.how, 'distribution');
    const page = await fetchPage(client, 'public', 'events', events, { pageSize: 10, seek: byKey.how === 'distribution' ? byKey.seek : undefined });
    assert.ok(Math.abs(Number(page.rows[0]![0]) - 500) <= 20, `jumped to ${page.rows[0]![0]}`);
    assert.equal(page.atStart, false);
    // Descending: 90% down the order is near the smallest values.
    const sortedDesc = await planSeek(client, 'public', 'events', events, { sort: { column: 'id', direction: 'desc' } }, 0.9);
    assert.equal(sortedDesc.how, 'distribution');
    const desc = await fetchPage(client, 'public', 'events', events, { pageSize: 10, sort: { column: 'id', direction: 'desc' }, seek: sortedDesc.how === 'distribution' ? sortedDesc.seek : undefined });
    assert.ok(Math.abs(Number(desc.rows[0]![0]) - 100) <= 20, `jumped to ${desc.rows[0]![0]}`);
    assert.ok(Number(desc.rows[1]![0]) < Number(desc.rows[0]![0]));
    const heap = await tableShape(client, 'public', 'heap');
    const byBlocks = await planSeek(client, 'public', 'heap', heap, {}, 0.5);
    assert.equal(byBlocks.how, 'blocks');
    const heapPage = await fetchPage(client, 'public', 'heap', heap, { pageSize: 10, after: byBlocks.how === 'blocks' ? byBlocks.after : undefined });
    assert.ok(Math.abs(Number(heapPage.rows[0]![0]!.replace('row ', '')) - 250) <= 100, heapPage.rows[0]![0]!);
    assert.equal((await planSeek(client, 'public', 'fresh', await tableShape(client, 'public', 'fresh'), {}, 0.5)).how, 'none');
  });

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

  it('every filter operator takes its value as a parameter: each finds exactly what the literal value matches, and drops nothing', async () => {
    const hostile = `'; DROP TABLE events; --`;
    // What each operator must find, counted by a query of our own that binds the value as a parameter.
    const truth: [FilterOp, string, unknown][] = [
      ['eq', 'note = $1', hostile],
      ['ne', 'note <> $1', hostile],
      ['lt', 'note < $1', hostile],
      ['gt', 'note > $1', hostile],
      ['contains', "strpos(lower(note), lower($1)) > 0", hostile],
      ['startsWith', 'starts_with(lower(note), lower($1))', hostile],
      ['in', 'note = ANY($1)', [hostile, 'n1']],
    ];
    const shape = await tableShape(client, 'public', 'events');
    for (const [op, where, value] of truth) {
      const filter = op === 'in' ? { column: 'note', op, values: value as string[] } : { column: 'note', op, value: value as string };
      const found = (await fetchPage(client, 'public', 'events', shape, { filters: [filter], pageSize: 5000 })).rows.length;
      const expected = (await client.query(`SELECT count(*)::int AS n FROM events WHERE ${where}`, [value])).rows[0].n;
      assert.equal(found, expected, `${op} found ${found} rows, the literal value matches ${expected}`);
    }
    // Not vacuous: some operators find rows, others none.
    assert.ok((await client.query('SELECT count(*)::int AS n FROM events WHERE note > $1', [hostile])).rows[0].n > 0);
    assert.equal((await client.query('SELECT count(*)::int AS n FROM events')).rows[0].n, 1000);
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

  it('pages a view (no key) by position: every row exactly once, sorted or not', async () => {
    const shape = await tableShape(client, 'public', 'select');
    assert.equal(shape.keyKind, 'position');
    for (const sort of [undefined, { column: 'r', direction: 'desc' as const }]) {
      const seen: string[] = [];
      let after: PageOptions['after'];
      for (;;) {
        const page = await fetchPage(client, 'public', 'select', shape, { pageSize: 70, sort, after });
        seen.push(...page.rows.map((r) => r[1]!));
        if (!page.next) break;
        after = page.next;
      }
      assert.equal(seen.length, 1000);
      assert.equal(new Set(seen).size, 1000);
    }
  });

  it('renders types without loss: int8 and numeric exact, timestamps with zone, arrays, bytea as a hex excerpt', async () => {
    await client.query(`SET TimeZone = 'UTC'`);
    const shape = await tableShape(client, 'public', 'typed');
    const page = await fetchPage(client, 'public', 'typed', shape, { maxChars: 100 });
    const [id, n, t, j, a, b, big] = page.rows[0]!;
    assert.equal(id, '9223372036854775807');
    assert.equal(n, '12345678901234567890.000000000000000001');
    assert.equal(t, '2024-03-10 10:30:00+00');
    assert.match(j!, /^\{"z": 1/);
    assert.equal(a, '{x,"y, z",NULL}');
    assert.equal(b, `\\x${'ab'.repeat(49)}`);
    assert.equal(big, 'é'.repeat(100));
    assert.deepEqual(page.truncated, [[0, 5], [0, 6]]);
  });

  it('fetches a whole value by its row, JSON indented with its numbers and key order kept', async () => {
    const shape = await tableShape(client, 'public', 'typed');
    const selection = selectionOf('public', 'typed', shape, {});
    const page = await fetchPage(client, 'public', 'typed', shape, { maxChars: 10 });
    assert.equal((await fetchWholeValue(client, selection, 'big', page.at[0]!))!.length, 100000);
    assert.equal(await fetchWholeValue(client, selection, 'b', page.at[0]!), `\\x${'ab'.repeat(5000)}`);
    const json = (await fetchWholeValue(client, selection, 'j', page.at[0]!))!;
    assert.ok(json.includes('"deep": 12345678901234567890'), json);
    assert.ok(json.indexOf('"z"') < json.indexOf('"a"'));
    assert.ok(json.includes('\n  "a": [\n'), json);
    const view = await tableShape(client, 'public', 'select');
    const viewPage = await fetchPage(client, 'public', 'select', view, { pageSize: 5, after: { key: [], offset: 500 } });
    assert.equal(await fetchWholeValue(client, selectionOf('public', 'select', view, {}), 'note', viewPage.at[2]!), viewPage.rows[2]![1]);
  });

  it('estimates the row count from the planner, and counts exactly with the filters applied', async () => {
    await client.query('ANALYZE events');
    const shape = await tableShape(client, 'public', 'events');
    const all = selectionOf('public', 'events', shape, {});
    assert.ok(Math.abs((await estimateRows(client, all)) - 1000) < 50);
    const filtered = selectionOf('public', 'events', shape, { filters: [{ column: 'grp', op: 'isNull' }] });
    assert.equal(await countRows(client, filtered), 142);
    assert.equal(await countRows(client, selectionOf('public', 'events', shape, { filters: [{ column: 'note', op: 'eq', value: `'; DROP TABLE events; --` }] })), 0);
  });

  it('exports the current view as CSV through COPY: header, sort and filters applied, values as parameters', async () => {
    const shape = await tableShape(client, 'public', 'events');
    const view = { sort: { column: 'id', direction: 'desc' as const }, filters: [{ column: 'grp', op: 'in' as const, values: ['3', '4'] }, { column: 'note', op: 'startsWith' as const, value: 'n1' }] };
    const { out, text } = sink();
    const result = await exportCsv(client, selectionOf('public', 'events', shape, view), out);
    const lines = text().trimEnd().split('\n');
    assert.equal(lines[0], 'id,grp,note');
    const expected = (await client.query(`SELECT id FROM events WHERE grp IN (3, 4) AND note LIKE 'n1%' ORDER BY id DESC`)).rows.map((r: { id: number }) => String(r.id));
    assert.deepEqual(lines.slice(1).map((l) => l.split(',')[0]), expected);
    assert.equal(result.rows, expected.length);
    const hostile = sink();
    const none = await exportCsv(client, selectionOf('public', 'events', shape, { filters: [{ column: 'note', op: 'contains', value: `'); DROP TABLE events; --` }] }), hostile.out);
    assert.equal(none.rows, 0);
    assert.equal(hostile.text(), 'id,grp,note\n');
    assert.equal((await client.query('SELECT count(*)::int AS n FROM events')).rows[0].n, 1000);
    const settings = await client.query(`SELECT current_setting('openhexa_export.p1', true) AS v`);
    assert.ok(!settings.rows[0].v, 'a filter value outlived the export');
  });

  it('an export its caller stopped ends with nothing left open: before the COPY, or at its first data', async () => {
    const shape = await tableShape(client, 'public', 'events');
    const selection = selectionOf('public', 'events', shape, { filters: [{ column: 'grp', op: 'eq', value: '3' }] });
    for (const checksBeforeStop of [0, 1, 2]) {
      const { out, text } = sink();
      let checks = 0;
      await assert.rejects(exportCsv(client, selection, out, { stopped: () => checks++ >= checksBeforeStop }), /stopped/);
      assert.equal(text(), '', `data written after a stop at check ${checksBeforeStop}`);
      // Outside a transaction block every statement starts its own transaction: now() is its start.
      const state = await client.query(`SELECT current_setting('openhexa_export.p1', true) AS v, now() = statement_timestamp() AS own`);
      assert.ok(!state.rows[0].v && state.rows[0].own, `a transaction outlived a stop at check ${checksBeforeStop}`);
    }
    // Stopped once the COPY runs: the server is asked to stop, nothing more is written, the rest is drained.
    const { out, text } = sink();
    let checks = 0;
    let interrupted = 0;
    await assert.rejects(exportCsv(client, selection, out, { stopped: () => checks++ >= 3, interrupt: async () => void interrupted++ }), /stopped/);
    assert.equal(interrupted, 1);
    assert.equal(text(), '');
    assert.equal((await client.query('SELECT count(*)::int AS n FROM events')).rows[0].n, 1000);
  });

  it('exports hostile names and values as CSV readers expect (NULL as an empty field)', async () => {
    const shape = await tableShape(client, 'public', 'we"ird ; DROP');
    const { out, text } = sink();
    await exportCsv(client, selectionOf('public', 'we"ird ; DROP', shape, { filters: [{ column: 'sé lect', op: 'ne', value: 'a%b' }] }), out);
    assert.equal(text(), `sé lect,big\n'; DROP TABLE events; --,\naxb,short\n`);
  });
});

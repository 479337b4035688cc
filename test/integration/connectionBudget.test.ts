// A window's share of a team's server: at most two connections to a database
// whatever it does at once, waiting (not failing) while the server has no
// free slot, and nothing left behind by a Cancel while waiting. Against a
// real PostgreSQL, through a viewer's own login.
import * as assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import type { Client } from 'pg';
import { LeaveQueue } from '../../src/postgres/budget/connectionGate';
import { ServerFull } from '../../src/postgres/budget/serverFull';
import { PoolRegistry } from '../../src/postgres/pools';
import { PreviewSession } from '../../src/postgres/preview/previewSession';
import { listRelations, measureInBatches, type Browse } from '../../src/postgres/workspace/tables';
import { pollUntil } from '../harness/pollUntil';
import { asSuperuser, clientAs, makeWorld, unique, using, type World } from './workspaceWorld';
import { loginEndpoint } from './setup';

describe('a window\'s connections to a team\'s server: a budget per database, and waiting when the server is full', function () {
  this.timeout(90_000);
  let w: World;

  /** The viewer's connections to the workspace database now, by pg_stat_activity. */
  const held = (): Promise<number> =>
    asSuperuser('postgres', async (c) => (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_catalog.pg_stat_activity WHERE usename = $1 AND datname = $2', [w.viewer.user, w.workspace.dbName])).rows[0]!.n);

  before(async function () {
    if (loginEndpoint().pooler) {
      // A database's CONNECTION LIMIT met directly: through PgBouncer its queue decides (pgbouncer.test.ts).
      this.skip();
    }
    w = await makeWorld({ workspace: unique('Budget WS'), other: unique('Other WS') });
    await using(w.editor, w.workspace.dbName, async (c) => {
      for (const t of ['a', 'b', 'c']) {
        await c.query(`CREATE TABLE ${t} AS SELECT g AS id, 'row ' || g AS note FROM generate_series(1, 20000) g`);
        await c.query(`ALTER TABLE ${t} ADD PRIMARY KEY (id)`);
      }
      await c.query('ANALYZE');
    });
    // OpenHEXA's guard, made tight: three connections to this database for everyone at once.
    await asSuperuser('postgres', (c) => c.query(`ALTER DATABASE ${w.workspace.dbName} CONNECTION LIMIT 3`));
  });

  it('one window\'s tree, two previews, a count and an export at once all complete, never holding more than 2 connections', async () => {
    const pools = new PoolRegistry();
    const login = { ...w.viewer, database: w.workspace.dbName };
    let most = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        most = Math.max(most, await held());
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    const previews = ['a', 'b'].map((t) => new PreviewSession(login, 'public', t, pools));
    try {
      const browse: Browse = (run) => pools.browse(login, run);
      const sink = new Writable({ write: (_chunk, _e, done) => done() });
      const [, pageA, pageB, count, exported] = await Promise.all([
        browse((c) => listRelations(c, undefined, 100)).then((shown) => measureInBatches(browse, shown)),
        previews[0]!.page({ pageSize: 500 }),
        previews[1]!.page({ pageSize: 500, last: true }),
        previews[0]!.count({}),
        previews[1]!.exportCsv({}, sink),
      ]);
      assert.equal(pageA.rows.length, 500);
      assert.equal(pageB.rows.at(-1)?.[0], '20000');
      assert.equal(count, 20000);
      assert.equal(exported.rows, 20000);
    } finally {
      sampling = false;
      await sampler;
      await Promise.all(previews.map((p) => p.close()));
      await pools.dispose();
    }
    assert.ok(most >= 1 && most <= 2, `the window held ${most} connections to the database at once`);
  });

  it('a client that meets "too many connections" waits, and completes once a slot frees', async () => {
    // Three other clients take every slot of the database.
    const others: Client[] = await Promise.all([0, 1, 2].map(() => clientAs(w.editor, w.workspace.dbName)));
    const waits: string[] = [];
    const pools = new PoolRegistry({ waitMs: 20_000 }, { serverFull: (_login, limit) => (waits.push(limit), { done: () => waits.push('done') }) });
    try {
      const reading = pools.browse({ ...w.viewer, database: w.workspace.dbName }, async (c) => (await c.query<{ n: string }>('SELECT count(*) AS n FROM public.a')).rows[0]!.n);
      await pollUntil(() => waits.length > 0, 'the read to meet the full database');
      assert.deepEqual(waits, ['database']);
      await others.pop()!.end();
      assert.equal(await reading, '20000');
      assert.deepEqual(waits, ['database', 'done']);
    } finally {
      await Promise.all(others.map((c) => c.end()));
      await pools.dispose();
    }
  });

  it('after the wait, says which limit was reached; Cancel while waiting leaves nothing behind', async () => {
    const others: Client[] = await Promise.all([0, 1, 2].map(() => clientAs(w.editor, w.workspace.dbName)));
    const cancel = new AbortController();
    const pools = new PoolRegistry({ waitMs: 1_500 }, { serverFull: () => ({ done: () => undefined, signal: cancel.signal }) });
    const login = { ...w.viewer, database: w.workspace.dbName };
    try {
      const error = await pools.browse(login, (c) => c.query('SELECT 1')).catch((err: unknown) => err);
      assert.ok(error instanceof ServerFull, String(error));
      assert.equal(error.limit, 'database');
      const preview = new PreviewSession(login, 'public', 'a', pools);
      const page = preview.page({ pageSize: 100 });
      setTimeout(() => cancel.abort(), 300);
      await assert.rejects(page, (err: unknown) => err instanceof LeaveQueue || (err instanceof Error && /Stopped waiting/.test(err.message)));
      await preview.close();
      await Promise.all(others.splice(0).map((c) => c.end()));
      assert.equal(await held(), 0, 'a connection of the viewer was left open');
    } finally {
      await Promise.all(others.map((c) => c.end()));
      await pools.dispose();
    }
  });
});

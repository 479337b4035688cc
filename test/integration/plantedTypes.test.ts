// An editor owns the types, domains, casts and policies of what it creates,
// so its code can run when someone else previews its tables (issue 23,
// finding 2). Planted here through the editor's own login: a cast from its
// composite type to text, a domain named "geometry" beside an ST_AsText of
// its own, a primary key whose domain CHECK calls its function, a policy
// that calls one, and a view whose function takes a session advisory lock
// and prepares a statement (both outlive ROLLBACK). Then a viewer, the
// platform login and a superuser preview, count and export through the
// product's modules. Each trap says it ran in the server's log (RAISE LOG
// reaches it whoever runs it, read only or not).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import type { Login } from '../../src/postgres/connect';
import { PoolRegistry } from '../../src/postgres/pools';
import { PreviewSession } from '../../src/postgres/preview/previewSession';
import { SuperuserBrowsing } from '../../src/postgres/readOnly';
import { describeColumns, listTables } from '../../src/postgres/workspace/tables';
import { testServer } from './setup';
import { makeWorld, unique, using, type World } from './workspaceWorld';

/** A trap: logs its name, then does what the vector needs. */
const trap = (tag: string, name: string): string => `RAISE LOG 'openhexa-trap % %', '${tag}', '${name}';`;

function plantingSql(tag: string, marker: string): string[] {
  return [
    'CREATE SCHEMA evil',
    // 1. A composite type of the editor's, and a cast from it to text that the editor may create (it owns the type).
    'CREATE TYPE public.fancy AS (a int, b text)',
    `CREATE FUNCTION public.fancy_text(public.fancy) RETURNS text LANGUAGE plpgsql AS $$ BEGIN ${trap(tag, 'cast')} RETURN 'cast!'; END $$`,
    'CREATE CAST (public.fancy AS text) WITH FUNCTION public.fancy_text(public.fancy)',
    // 2. A domain named geometry in a schema of the editor's, and an ST_AsText for it beside it.
    'CREATE DOMAIN evil.geometry AS text',
    `CREATE FUNCTION evil.st_astext(evil.geometry) RETURNS text LANGUAGE plpgsql AS $$ BEGIN ${trap(tag, 'st_astext')} RETURN 'POINT(6 6)'; END $$`,
    // 3. A primary key whose domain's CHECK calls the editor's function: reading a value as the domain runs it.
    `CREATE FUNCTION public.chk(text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN ${trap(tag, 'domain check')} RETURN true; END $$`,
    'CREATE DOMAIN public.code AS text CHECK (public.chk(VALUE))',
    'CREATE TABLE public.planted (id public.code PRIMARY KEY, fancy public.fancy, place evil.geometry, note text)',
    "INSERT INTO public.planted SELECT 'k' || lpad(g::text, 4, '0'), ROW(g, 'b' || g)::public.fancy, 'POINT(1 2)', 'n' || g FROM generate_series(1, 120) g",
    // 4. A row-level security policy that calls the editor's function on every row read.
    `CREATE FUNCTION public.allowed(text) RETURNS boolean LANGUAGE plpgsql STABLE AS $$ BEGIN ${trap(tag, 'policy')} RETURN true; END $$`,
    'CREATE TABLE public.guarded (id int PRIMARY KEY, note text)',
    "INSERT INTO public.guarded SELECT g, 'n' || g FROM generate_series(1, 30) g",
    'ALTER TABLE public.guarded ENABLE ROW LEVEL SECURITY',
    'CREATE POLICY everyone ON public.guarded USING (public.allowed(note))',
    // 5. A view whose function leaves a session advisory lock and a prepared statement, and as a superuser would run a program.
    `CREATE FUNCTION evil.linger() RETURNS int LANGUAGE plpgsql VOLATILE AS $$
     BEGIN
       ${trap(tag, 'view')}
       PERFORM pg_catalog.pg_advisory_lock(424242);
       BEGIN EXECUTE 'PREPARE openhexa_planted AS SELECT 1'; EXCEPTION WHEN OTHERS THEN NULL; END;
       BEGIN EXECUTE pg_catalog.format('COPY (SELECT 1) TO PROGRAM %L', 'touch ${marker}'); EXCEPTION WHEN OTHERS THEN NULL; END;
       RETURN 1;
     END $$`,
    'CREATE VIEW public.lingering AS SELECT g AS id, evil.linger() AS x FROM generate_series(1, 3) g',
  ];
}

describe("an editor's types, casts, domains and policies never run with the power of whoever previews (finding 2)", function () {
  this.timeout(180_000);
  let w: World;
  let tag: string;
  let marker: string;

  before(async () => {
    w = await makeWorld({ workspace: 'Planted types', other: 'Planted elsewhere' });
    tag = unique('trap');
    marker = path.join(os.tmpdir(), `openhexa-${tag}-ran`);
    const statements = plantingSql(tag, marker);
    await using(w.editor, w.workspace.dbName, async (c) => {
      for (const statement of statements) {
        await c.query(statement);
      }
      await c.query('GRANT SELECT ON ALL TABLES IN SCHEMA public TO PUBLIC');
    });
  });
  after(() => fs.rmSync(marker, { force: true }));

  /** The traps that logged since `from` (an offset in the server's log). */
  const fired = (from: number): string[] => [...testServer().log().slice(from).matchAll(new RegExp(`openhexa-trap ${tag} ([a-z_ ]+)`, 'g'))].map((m) => m[1]!.trim());

  async function readEverything(login: Login): Promise<void> {
    const pools = new PoolRegistry();
    const planted = new PreviewSession(login, 'public', 'planted');
    try {
      await listTables((run) => pools.browse(login, run));
      const first = await planted.page({ pageSize: 50 });
      assert.equal(first.rows.length, 50);
      // The composite comes out by its output function, the look-alike geometry as its text: no planted function ran to make them.
      assert.deepEqual(first.rows[0]!.slice(1, 3), ['(1,b1)', 'POINT(1 2)']);
      await planted.page({ pageSize: 50, after: first.next });
      await planted.page({ pageSize: 20, sort: { column: 'id', direction: 'desc' } });
      await planted.page({ pageSize: 20, filters: [{ column: 'id', op: 'in', values: ['k0001', 'k0002'] }] });
      await planted.page({ pageSize: 20, filters: [{ column: 'fancy', op: 'contains', value: 'b1' }] });
      assert.equal(await planted.wholeValue({}, 'fancy', first.at[3]!), '(4,b4)');
      await planted.count({ filters: [{ column: 'id', op: 'gt', value: 'k0100' }] });
      let csv = '';
      await planted.exportCsv({}, new Writable({ write: (chunk: Buffer, _e, cb) => ((csv += chunk.toString()), cb()) }));
      assert.match(csv, /^id,fancy,place,note\nk0001,"\(1,b1\)",POINT\(1 2\),n1\n/);
    } finally {
      await planted.close();
      await pools.dispose();
    }
  }

  for (const who of ['viewer', 'platform login'] as const) {
    it(`the ${who} previews, pages, sorts, filters, counts and exports: no cast, look-alike ST_AsText or domain CHECK runs`, async () => {
      const login = { ...(who === 'viewer' ? w.viewer : w.platform), database: w.workspace.dbName };
      const from = testServer().log().length;
      await readEverything(login);
      // The policy's function runs when a member counts that table: that is the table's own rule, read only.
      assert.deepEqual(fired(from).filter((t) => t !== 'policy'), []);
    });
  }

  it("a policy's or view's own code runs for a member (that is PostgreSQL), but leaves nothing on the pooled connection: no advisory lock, no prepared statement", async () => {
    const login = { ...w.viewer, database: w.workspace.dbName };
    const pools = new PoolRegistry();
    const guarded = new PreviewSession(login, 'public', 'guarded');
    const lingering = new PreviewSession(login, 'public', 'lingering');
    try {
      const from = testServer().log().length;
      assert.equal(await guarded.count({}), 30);
      await lingering.page({ pageSize: 5 });
      await pools.browse(login, (c) => c.query('SELECT * FROM public.lingering'));
      assert.ok(fired(from).includes('policy') && fired(from).includes('view'), 'the harness must see the traps run');
      // The same pooled connection, and the preview's own lane, carry nothing of it.
      const left = await pools.withClient(login, async (c) => (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_catalog.pg_prepared_statements')).rows[0]!.n);
      assert.equal(left, 0, 'a prepared statement outlived the read on the pooled connection');
      const locks = await using(w.platform, w.workspace.dbName, async (c) => (await c.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_catalog.pg_locks WHERE locktype = 'advisory' AND objid = 424242")).rows[0]!.n);
      assert.equal(locks, 0, 'a session advisory lock outlived the read');
      assert.ok(!fs.existsSync(marker), 'a member ran a program on the server');
    } finally {
      await Promise.all([guarded.close(), lingering.close()]);
      await pools.dispose();
    }
  });

  it('a superuser login reads no workspace data at all: refused before any planted code runs, COPY TO PROGRAM included', async () => {
    const server = testServer();
    const login: Login = { host: server.host, port: server.port, user: server.superuser, password: server.password, database: w.workspace.dbName, sslmode: 'disable' };
    const from = server.log().length;
    const pools = new PoolRegistry();
    const sessions = ['planted', 'guarded', 'lingering'].map((table) => new PreviewSession(login, 'public', table));
    try {
      await assert.rejects(listTables((run) => pools.browse(login, run)), SuperuserBrowsing);
      await assert.rejects(pools.browse(login, (c) => describeColumns(c, 'public', 'planted')), SuperuserBrowsing);
      for (const session of sessions) {
        await assert.rejects(session.page({ pageSize: 5 }), SuperuserBrowsing);
      }
      await assert.rejects(sessions[2]!.exportCsv({}, new Writable({ write: (_c, _e, cb) => cb() })), SuperuserBrowsing);
    } finally {
      await Promise.all(sessions.map((s) => s.close()));
      await pools.dispose();
    }
    assert.deepEqual(fired(from), []);
    assert.ok(!fs.existsSync(marker), 'COPY TO PROGRAM ran as the superuser');
  });
});

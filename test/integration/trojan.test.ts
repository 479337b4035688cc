// An editor plants code that whoever browses the workspace would run: look-alikes
// of every built-in the product's browsing SQL uses (in `public`, which editors
// may create in, and in a schema of their own), operators on a type of theirs,
// and a view whose IMMUTABLE function calls a writer. Then the platform login
// and a member of two workspaces browse through the product's own modules.
// No look-alike may run, and nothing may be written or granted.
import * as assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { workspaceRoleNames } from '../../src/core/workspaceNames';
import { PoolRegistry } from '../../src/postgres/pools';
import { PreviewSession } from '../../src/postgres/preview/previewSession';
import { Cancelled } from '../../src/postgres/preview/queryLane';
import type { FilterOp } from '../../src/postgres/preview/previewSql';
import { addMember, createMember } from '../../src/postgres/workspace/catalogCalls';
import { describeColumns, listTables } from '../../src/postgres/workspace/tables';
import { testServer } from './setup';
import { loginAs, makeWorld, unique, using, type ServerLogin, type World } from './workspaceWorld';

/** [name, arguments, result, the real call]: each a look-alike of a built-in the product calls. */
const FUNCTIONS: readonly (readonly [string, string, string, string])[] = [
  // Better matches than the built-ins for the argument types the product passes.
  ['array_position', 'smallint[], smallint', 'integer', 'pg_catalog.array_position($1, $2)'],
  ['format', 'text, name, name', 'text', 'pg_catalog.format($1, $2, $3)'],
  ['concat', 'text, text, text', 'text', 'pg_catalog.concat($1, $2, $3)'],
  ['concat', 'text, text', 'text', 'pg_catalog.concat($1, $2)'],
  ['pg_total_relation_size', 'oid', 'bigint', 'pg_catalog.pg_total_relation_size($1)'],
  // Same signatures as the built-ins: they win only if search_path puts their schema first.
  ['has_table_privilege', 'oid, text', 'boolean', 'pg_catalog.has_table_privilege($1, $2)'],
  ['query_to_xml', 'text, boolean, boolean, text', 'xml', 'pg_catalog.query_to_xml($1, $2, $3, $4)'],
  ['xpath', 'text, xml', 'xml[]', 'pg_catalog.xpath($1, $2)'],
  ['substr', 'text, integer, integer', 'text', 'pg_catalog.substr($1, $2, $3)'],
  ['substring', 'bytea, integer, integer', 'bytea', 'pg_catalog.substring($1, $2, $3)'],
  ['encode', 'bytea, text', 'text', 'pg_catalog.encode($1, $2)'],
  ['format_type', 'oid, integer', 'text', 'pg_catalog.format_type($1, $2)'],
  ['current_setting', 'text', 'text', 'pg_catalog.current_setting($1)'],
  ['set_config', 'text, text, boolean', 'text', 'pg_catalog.set_config($1, $2, $3)'],
];
/** [operator, left, right, function]: on the editor's enum they are better matches than pg_catalog's anyenum ones. */
const OPERATORS: readonly (readonly [string, string, string, string])[] = [
  ['=', 'mood', 'mood', 'pg_catalog.enum_eq($1, $2)'],
  ['<>', 'mood', 'mood', 'pg_catalog.enum_ne($1, $2)'],
  ['<', 'mood', 'mood', 'pg_catalog.enum_lt($1, $2)'],
  ['>', 'mood', 'mood', 'pg_catalog.enum_gt($1, $2)'],
  ['~~*', 'text', 'text', 'pg_catalog.texticlike($1, $2)'],
  ['||', 'text', 'text', 'pg_catalog.textcat($1, $2)'],
];
const SCHEMAS = ['public', 'evil'] as const;

/**
 * Each look-alike says in the server's log that it ran: evidence that
 * outlives READ ONLY and ROLLBACK (a session advisory lock did too, but the
 * product now releases those after every read, which would hide a trap).
 */
const TRAP_LOG = `openhexa-trojan-${process.pid}`;

function trapBody(schema: string, label: string, real: string): string {
  const tag = `${schema}.${label}`.replace(/'/g, "''");
  return `BEGIN
    RAISE LOG '${TRAP_LOG} fired: %', '${tag}';
    BEGIN INSERT INTO public.evidence VALUES ('${tag}', current_user, session_user); EXCEPTION WHEN OTHERS THEN NULL; END;
    RETURN ${real};
  END`;
}

function plantingSql(bWriter: string, editor: string): string[] {
  const sql = [
    'CREATE TABLE public.evidence (what text, acting_as name, login name)',
    'GRANT INSERT ON public.evidence TO PUBLIC',
    'CREATE SCHEMA evil',
    "CREATE TYPE public.mood AS ENUM ('sad', 'ok', 'happy')",
    `CREATE TABLE public.moods (id int PRIMARY KEY, mood public.mood, note text, data bytea)`,
    `INSERT INTO public.moods SELECT g, (ARRAY['sad', 'ok', 'happy']::public.mood[])[1 + g % 3], 'note ' || g, decode(lpad(to_hex(g), 8, '0'), 'hex') FROM generate_series(1, 300) g`,
    'UPDATE public.moods SET mood = NULL WHERE id % 50 = 0',
  ];
  for (const schema of SCHEMAS) {
    FUNCTIONS.forEach(([name, args, returns, real]) => {
      sql.push(`CREATE FUNCTION ${schema}.${name}(${args}) RETURNS ${returns} LANGUAGE plpgsql AS $$ ${trapBody(schema, name, real)} $$`);
    });
    OPERATORS.forEach(([op, left, right, real], j) => {
      const fn = `${schema}.op_trap_${j}`;
      sql.push(`CREATE FUNCTION ${fn}(public.${left === 'mood' ? 'mood' : 'text'}, public.${right === 'mood' ? 'mood' : 'text'}) RETURNS ${op === '||' ? 'text' : 'boolean'} LANGUAGE plpgsql AS $$ ${trapBody(schema, op, real)} $$`.replace(/public\.text/g, 'text'));
      sql.push(`CREATE OPERATOR ${schema}.${op} (LEFTARG = ${left === 'mood' ? 'public.mood' : 'text'}, RIGHTARG = ${right === 'mood' ? 'public.mood' : 'text'}, FUNCTION = ${fn})`);
    });
    // Aggregates: count(*) and sum(real) with trapped state functions.
    sql.push(`CREATE FUNCTION ${schema}.count_step(bigint) RETURNS bigint LANGUAGE plpgsql AS $$ ${trapBody(schema, 'count(*)', '$1 + 1')} $$`);
    sql.push(`CREATE AGGREGATE ${schema}.count(*) (SFUNC = ${schema}.count_step, STYPE = bigint, INITCOND = '0')`);
    sql.push(`CREATE FUNCTION ${schema}.sum_step(real, real) RETURNS real LANGUAGE plpgsql AS $$ ${trapBody(schema, 'sum(real)', 'COALESCE($1, 0) + $2')} $$`);
    sql.push(`CREATE AGGREGATE ${schema}.sum(real) (SFUNC = ${schema}.sum_step, STYPE = real)`);
  }
  // The view's own code runs when it is previewed or estimated (that is PostgreSQL): it may not write or grant.
  sql.push(
    `CREATE FUNCTION evil.payload() RETURNS integer LANGUAGE plpgsql VOLATILE AS $$
     BEGIN
       BEGIN INSERT INTO public.evidence VALUES ('view payload', current_user, session_user); EXCEPTION WHEN OTHERS THEN NULL; END;
       BEGIN PERFORM pg_catalog.set_config('role', 'none', false); EXECUTE pg_catalog.format('GRANT %I TO %I', '${bWriter}', '${editor}'); EXCEPTION WHEN OTHERS THEN NULL; END;
       BEGIN PERFORM pg_catalog.set_config('role', 'none', false); EXECUTE pg_catalog.format('ALTER ROLE %I PASSWORD %L', session_user, 'owned-by-an-editor'); EXCEPTION WHEN OTHERS THEN NULL; END;
       -- A lasting hijack: every later statement of this session would find the look-alikes first.
       PERFORM pg_catalog.set_config('search_path', 'evil, public, pg_catalog', false);
       RETURN 1;
     END $$`,
    `CREATE FUNCTION evil.fold(integer) RETURNS integer LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN RETURN evil.payload() + $1; END $$`,
    'CREATE VIEW public.innocent AS SELECT g AS id, evil.fold(41) AS answer FROM generate_series(1, 10) g',
    'ANALYZE public.moods',
  );
  return sql;
}

describe('an editor’s planted code never runs with the power of whoever browses', function () {
  this.timeout(180_000);
  let w: World;
  let victim: ServerLogin;

  before(async () => {
    w = await makeWorld({ workspace: 'Trojan target', other: 'Other team' });
    // A member of two workspaces: viewer here, admin of the other.
    const user = unique('two_hats');
    victim = loginAs(user, await using(w.platform, w.catalog, (c) => createMember(c, w.workspace.slug, user, 'viewer')));
    await using(w.platform, w.catalog, (c) => addMember(c, w.other.slug, user, 'admin'));
    const statements = plantingSql(workspaceRoleNames(w.other.dbName).writer, w.editor.user);
    await using(w.editor, w.workspace.dbName, async (c) => {
      for (const statement of statements) {
        await c.query(statement);
      }
    });
  });

  /** Look-alikes that logged since the log's offset `from`, by name, once each. */
  function firedTraps(from: number): string[] {
    return [...new Set([...testServer().log().slice(from).matchAll(new RegExp(`${TRAP_LOG} fired: (\\S+)`, 'g'))].map((m) => m[1]!))];
  }

  async function evidence(): Promise<unknown[]> {
    const admin = await testServer().connect({ database: w.workspace.dbName });
    try {
      return (await admin.query('SELECT * FROM public.evidence')).rows;
    } finally {
      await admin.end();
    }
  }

  it('the traps are there, and each one fires where its schema comes first (so they can catch the product)', async () => {
    const logFrom = testServer().log().length;
    await using(w.editor, w.workspace.dbName, async (c) => {
      const count = (await c.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_proc WHERE pronamespace IN ('public'::regnamespace, 'evil'::regnamespace)")).rows[0]!.n;
      assert.ok(count >= 2 * (FUNCTIONS.length + OPERATORS.length + 4), `only ${count} planted functions`);
      // The better matches win even with pg_catalog first on the path: these are what 0.1.0's browsing ran.
      await c.query('SET search_path = public');
      await c.query("SELECT array_position('{1,2}'::int2[], 2::int2), format('%I.%I', 'a'::name, 'b'::name), 'ok'::public.mood = 'ok'::public.mood");
    });
    // The log saw them fire: the harness can see a trap that runs.
    assert.deepEqual(firedTraps(logFrom).sort(), ['public.=', 'public.array_position', 'public.format']);
    // Evidence of that editor session: it wrote, as a session that may write would.
    const rows = (await evidence()) as { what: string }[];
    assert.deepEqual(rows.map((r) => r.what).sort(), ['public.=', 'public.array_position', 'public.format']);
    const admin = await testServer().connect({ database: w.workspace.dbName });
    await admin.query('TRUNCATE public.evidence').finally(() => admin.end());
  });

  for (const who of ['platform login', 'member of two workspaces'] as const) {
    it(`the ${who} browses the tree, previews, sorts, filters, counts, estimates and exports: nothing planted runs, nothing is written or granted`, async () => {
      const login = who === 'platform login' ? w.platform : victim;
      const logFrom = testServer().log().length;
      const db = { ...login, database: w.workspace.dbName };
      const pools = new PoolRegistry();
      const sessions: PreviewSession[] = [];
      try {
        // The tree: the Database level (with a view's estimate) and a table's columns.
        const tables = await listTables((run) => pools.browse(db, run));
        assert.ok(tables.some((t) => t.name === 'moods' && t.rows === 300));
        const columns = await pools.browse(db, (c) => describeColumns(c, 'public', 'moods'));
        assert.deepEqual(columns.primaryKey, ['id']);
        assert.equal(columns.columns.find((c) => c.name === 'mood')?.type, 'public.mood');
        // The same pooled connection again, after the view's code tried to hijack its search_path.
        assert.ok((await listTables((run) => pools.browse(db, run))).some((t) => t.name === 'moods'));

        // The preview: pages, a sort on the editor's type with keyset pages beyond the first, every filter.
        const moods = new PreviewSession(db, 'public', 'moods');
        sessions.push(moods);
        const first = await moods.page({ pageSize: 50, sort: { column: 'mood', direction: 'asc' } });
        assert.equal(first.rows.length, 50);
        const second = await moods.page({ pageSize: 50, sort: { column: 'mood', direction: 'asc' }, after: first.next });
        assert.equal(second.rows.length, 50);
        const desc = await moods.page({ pageSize: 100, sort: { column: 'mood', direction: 'desc' } });
        await moods.page({ pageSize: 100, sort: { column: 'mood', direction: 'desc' }, after: desc.next });
        const filters: { column: string; op: FilterOp; value?: string; values?: string[] }[] = [
          { column: 'mood', op: 'eq', value: 'ok' },
          { column: 'mood', op: 'ne', value: 'ok' },
          { column: 'mood', op: 'lt', value: 'happy' },
          { column: 'mood', op: 'gt', value: 'sad' },
          { column: 'mood', op: 'in', values: ['sad', 'happy'] },
          { column: 'note', op: 'contains', value: '7' },
          { column: 'note', op: 'startsWith', value: 'note 1' },
          { column: 'mood', op: 'isNull' },
        ];
        for (const filter of filters) {
          const view = { filters: [filter] };
          const page = await moods.page({ ...view, pageSize: 20 });
          assert.ok(page.rows.length > 0, `no row for ${JSON.stringify(filter)}`);
          assert.ok((await moods.estimate(view)).rows >= 0);
          assert.ok((await moods.count(view)) > 0);
        }
        assert.equal(await moods.count({ filters: [{ column: 'mood', op: 'eq', value: 'ok' }] }), 100 - 2);
        assert.match((await moods.wholeValue({}, 'data', first.at[0]!)) ?? '', /^\\x[0-9a-f]{8}$/);
        let exported = '';
        const out = new Writable({ write: (chunk: Buffer, _e, cb) => ((exported += chunk.toString()), cb()) });
        const result = await moods.exportCsv({ filters: [{ column: 'mood', op: 'in', values: ['ok'] }], sort: { column: 'mood', direction: 'desc' } }, out);
        assert.equal(result.rows, 98);
        assert.equal(exported.trim().split('\n').length, 99);

        // The planted view: its own code runs (that is PostgreSQL) but, read-only, writes and grants nothing.
        const innocent = new PreviewSession(db, 'public', 'innocent');
        sessions.push(innocent);
        await innocent.page({ pageSize: 5 }).catch((err: unknown) => assert.ok(!(err instanceof Cancelled), String(err)));
        await innocent.estimate({}).catch(() => undefined);
        // ...and what it set for the session is gone: the next statements on the same connection are clean.
        assert.equal((await moods.page({ pageSize: 5, filters: [{ column: 'mood', op: 'eq', value: 'sad' }] })).rows.length, 5);
        await innocent.page({ pageSize: 5 }).catch(() => undefined);
        assert.equal(await moods.count({ filters: [{ column: 'mood', op: 'ne', value: 'sad' }] }), 200 - 4);

        assert.deepEqual(firedTraps(logFrom), [], 'planted look-alikes ran');
      } finally {
        await Promise.all(sessions.map((s) => s.close()));
        await pools.dispose();
      }
      assert.deepEqual(await evidence(), [], 'planted code wrote to the database');
      const admin = await testServer().connect();
      try {
        const granted = await admin.query<{ yes: boolean }>("SELECT pg_has_role($1, $2, 'MEMBER') AS yes", [w.editor.user, workspaceRoleNames(w.other.dbName).writer]);
        assert.equal(granted.rows[0]!.yes, false, 'the editor was granted the other workspace');
      } finally {
        await admin.end();
      }
      // The victim's password was not changed by the view's code.
      await using(login, w.workspace.dbName, async (c) => assert.equal((await c.query('SELECT 1 AS one')).rows[0].one, 1));
    });
  }
});

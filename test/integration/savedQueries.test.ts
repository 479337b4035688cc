// Saved queries and the run history (migration 8), each member through their
// own login with raw `pg`: OpenHEXA's permission table, nobody reads another
// member's private query through any function or table, every run logged
// and committed whatever its own transaction did, and the server's retention.
import * as assert from 'node:assert/strict';
import type { Client } from 'pg';
import type { Login } from '../../src/postgres/connect';
import { PoolRegistry } from '../../src/postgres/pools';
import { Cancelled } from '../../src/postgres/preview/queryLane';
import { prepareRun, QueryRunner } from '../../src/postgres/query/queryRunner';
import { makeResultsFolder, removeResultsFolder } from '../../src/postgres/query/resultStore';
import { runRecord } from '../../src/postgres/query/runRecord';
import { historyRetention, logRun, myHistory, setHistoryRetention, workspaceLog } from '../../src/postgres/savedQueries/historyCalls';
import {
  createSavedQuery,
  deleteSavedQuery,
  listSavedQueries,
  readSavedQuery,
  setSavedQueryVisibility,
  updateSavedQuery,
} from '../../src/postgres/savedQueries/savedQueryCalls';
import type { RunMode } from '../../src/core/query/runRules';
import { asSuperuser, makeWorld, refused, rejectsWith, using, type ServerLogin, type World } from './workspaceWorld';

/** Text no one but its author may read back. */
const MARKER = 'PRIVATE-sql-marker-41d2';
const PRIVATE_NAME = `Mine ${MARKER}`;
const PRIVATE_DESCRIPTION = `About ${MARKER}`;
const PRIVATE_SQL = `SELECT '${MARKER}'`;

describe('saved queries and the run history, each member through their own login', function () {
  this.timeout(180_000);
  let w: World;
  const as = <T>(who: ServerLogin, run: (c: Client) => Promise<T>): Promise<T> => using(who, w.catalog, run);
  const ws = (): string => w.workspace.slug;

  before(async () => {
    w = await makeWorld({ workspace: 'Queries "Sud"', other: 'Queries elsewhere' });
  });

  describe('who may do what (OpenHEXA\'s rules)', () => {
    let shared: string;
    let editorsPrivate: string;

    before(async () => {
      shared = await as(w.admin, (c) => createSavedQuery(c, ws(), { name: 'Cases by district', description: 'Weekly', sql: 'SELECT 1 AS shared', visibility: 'WORKSPACE' }));
      editorsPrivate = await as(w.editor, (c) => createSavedQuery(c, ws(), { name: PRIVATE_NAME, description: PRIVATE_DESCRIPTION, sql: PRIVATE_SQL, visibility: 'PRIVATE' }));
    });

    it('a viewer saves a private query, reads and lists the shared ones and their own, and nobody else\'s private one', async () => {
      const own = await as(w.viewer, (c) => createSavedQuery(c, ws(), { name: 'Viewer notes', description: '', sql: 'SELECT 2', visibility: 'PRIVATE' }));
      const list = await as(w.viewer, (c) => listSavedQueries(c, ws()));
      assert.deepEqual(list.map((q) => [q.slug, q.visibility, q.canEdit, q.isAuthor]), [
        [shared, 'WORKSPACE', false, false],
        [own, 'PRIVATE', true, true],
      ]);
      assert.equal((await as(w.viewer, (c) => readSavedQuery(c, ws(), shared))).sql, 'SELECT 1 AS shared');
      for (const who of [w.viewer, w.admin, w.platform]) {
        await rejectsWith(as(who, (c) => readSavedQuery(c, ws(), editorsPrivate)), 'notFound');
        assert.ok(!(await as(who, (c) => listSavedQueries(c, ws()))).some((q) => q.slug === editorsPrivate));
      }
      // Unknown and private read the same.
      const unknown = await as(w.admin, (c) => readSavedQuery(c, ws(), 'no-such-query').then(() => '', (err: Error) => err.message));
      const hidden = await as(w.admin, (c) => readSavedQuery(c, ws(), editorsPrivate).then(() => '', (err: Error) => err.message));
      assert.equal(hidden.replace(editorsPrivate, 'X'), unknown.replace('no-such-query', 'X'));
    });

    it('another member\'s private query cannot be changed, shared, deleted or linked to a run, even by an admin', async () => {
      for (const who of [w.admin, w.platform, w.viewer]) {
        await rejectsWith(as(who, (c) => updateSavedQuery(c, ws(), editorsPrivate, { name: 'taken' })), 'notFound');
        await rejectsWith(as(who, (c) => setSavedQueryVisibility(c, ws(), editorsPrivate, 'WORKSPACE')), 'notFound');
        await rejectsWith(as(who, (c) => deleteSavedQuery(c, ws(), editorsPrivate)), 'notFound');
      }
      assert.equal((await as(w.editor, (c) => readSavedQuery(c, ws(), editorsPrivate))).name, PRIVATE_NAME);
      // A run the admin logs naming it is logged, but not linked to it.
      await as(w.admin, (c) => logRun(c, ws(), { sql: 'SELECT 1 AS admin_linking', origin: 'console', writes: false, status: 'success', durationMs: 1, rows: 1, savedQuery: editorsPrivate }));
      assert.deepEqual((await as(w.admin, (c) => myHistory(c, ws(), 'admin_linking'))).map((e) => [e.sql, e.savedQuery]), [['SELECT 1 AS admin_linking', undefined]]);
      const linked = await asSuperuser(w.catalog, async (c) => (await c.query("SELECT saved_query_id FROM openhexa.query_log WHERE sql = 'SELECT 1 AS admin_linking'")).rows[0] as { saved_query_id: string | null });
      assert.equal(linked.saved_query_id, null);
    });

    it('a shared query: a viewer runs it but cannot edit or delete it; an editor edits it; only its author shares or unshares it', async () => {
      await rejectsWith(as(w.viewer, (c) => updateSavedQuery(c, ws(), shared, { name: 'x' })), 'notAllowed');
      await rejectsWith(as(w.viewer, (c) => deleteSavedQuery(c, ws(), shared)), 'notAllowed');
      const before = await as(w.editor, (c) => readSavedQuery(c, ws(), shared));
      assert.equal(before.canEdit, true);
      const revision = await as(w.editor, (c) => updateSavedQuery(c, ws(), shared, { sql: 'SELECT 1 AS edited', revision: before.revision }));
      assert.equal(revision, before.revision + 1);
      const after = await as(w.viewer, (c) => readSavedQuery(c, ws(), shared));
      assert.deepEqual([after.sql, after.updatedBy, after.author], ['SELECT 1 AS edited', w.editor.user, w.admin.user]);
      await rejectsWith(as(w.editor, (c) => setSavedQueryVisibility(c, ws(), shared, 'PRIVATE')), 'notAllowed', /only its author/);
      await as(w.admin, (c) => setSavedQueryVisibility(c, ws(), shared, 'PRIVATE'));
      await rejectsWith(as(w.editor, (c) => readSavedQuery(c, ws(), shared)), 'notFound');
      await as(w.admin, (c) => setSavedQueryVisibility(c, ws(), shared, 'WORKSPACE'));
    });

    it('a viewer\'s shared query is edited by an editor, and deleted by an admin', async () => {
      const slug = await as(w.viewer, (c) => createSavedQuery(c, ws(), { name: 'Shared by a viewer', description: '', sql: 'SELECT 3', visibility: 'WORKSPACE' }));
      const q = await as(w.editor, (c) => readSavedQuery(c, ws(), slug));
      await as(w.editor, (c) => updateSavedQuery(c, ws(), slug, { sql: 'SELECT 4', revision: q.revision }));
      await as(w.admin, (c) => deleteSavedQuery(c, ws(), slug));
      await rejectsWith(as(w.viewer, (c) => readSavedQuery(c, ws(), slug)), 'notFound');
    });

    it('an edit made elsewhere since a query was opened is refused, not overwritten; a rename keeps the SQL and the slug', async () => {
      const opened = await as(w.admin, (c) => readSavedQuery(c, ws(), shared));
      await as(w.editor, (c) => updateSavedQuery(c, ws(), shared, { sql: 'SELECT 1 AS theirs', revision: opened.revision }));
      await rejectsWith(as(w.admin, (c) => updateSavedQuery(c, ws(), shared, { sql: 'SELECT 1 AS mine', revision: opened.revision })), 'conflict', new RegExp(`changed by ${w.editor.user}`));
      assert.equal((await as(w.viewer, (c) => readSavedQuery(c, ws(), shared))).sql, 'SELECT 1 AS theirs');
      await as(w.admin, (c) => updateSavedQuery(c, ws(), shared, { name: 'Cases by district (weekly)' }));
      const renamed = await as(w.viewer, (c) => readSavedQuery(c, ws(), shared));
      assert.deepEqual([renamed.slug, renamed.name, renamed.sql], [shared, 'Cases by district (weekly)', 'SELECT 1 AS theirs']);
    });

    it('slugs follow OpenHEXA\'s rule: accents dropped, words joined by hyphens, "query" when nothing is left, a suffix when taken', async () => {
      const make = (name: string): Promise<string> => as(w.viewer, (c) => createSavedQuery(c, ws(), { name, description: '', sql: 'SELECT 1', visibility: 'PRIVATE' }));
      assert.equal(await make('Taux de létalité — 2026 "Nord"'), 'taux-de-letalite-2026-nord');
      assert.match(await make('Taux de létalité — 2026 "Nord"'), /^taux-de-letalite-2026-nord-[0-9a-f]{6}$/);
      assert.equal(await make('🎯 !!!'), 'query');
      assert.equal(await make(`SELECT * FROM "x"; DROP TABLE y; --`), 'select-from-x-drop-table-y');
      await rejectsWith(make('   '), 'invalid');
      await rejectsWith(as(w.viewer, (c) => createSavedQuery(c, ws(), { name: 'Huge', description: '', sql: 'x'.repeat(1_000_001), visibility: 'PRIVATE' })), 'invalid');
    });

    it('a member of another workspace reads none of this workspace\'s queries', async () => {
      const slug = await as(w.platform, (c) => createSavedQuery(c, w.other.slug, { name: 'Elsewhere', description: '', sql: 'SELECT 5', visibility: 'WORKSPACE' }));
      await rejectsWith(as(w.viewer, (c) => listSavedQueries(c, w.other.slug)), 'notAllowed');
      await rejectsWith(as(w.viewer, (c) => readSavedQuery(c, w.other.slug, slug)), 'notAllowed');
      // A slug of another workspace is not found through this one.
      await rejectsWith(as(w.viewer, (c) => readSavedQuery(c, ws(), slug)), 'notFound');
    });

    it('a scan of every function and table the others may use finds no trace of a private query\'s name, description or SQL', async () => {
      // The author runs it, so the history holds its SQL too.
      await as(w.editor, (c) => logRun(c, ws(), { sql: PRIVATE_SQL, origin: 'console', writes: false, status: 'success', durationMs: 3, rows: 1, savedQuery: editorsPrivate }));
      for (const who of [w.viewer, w.admin, w.platform]) {
        await as(who, async (c) => {
          const tables = await c.query(
            `SELECT c.oid::regclass::text AS t FROM pg_class c
              WHERE c.relnamespace = 'openhexa'::regnamespace AND c.relkind IN ('r', 'v', 'm', 'p', 'f') AND has_table_privilege(current_user, c.oid, 'SELECT')`,
          );
          // The platform login here made the catalog and owns its tables (as a server's owner and superusers, it reads them; docs/architecture.md §3).
          if (who !== w.platform) {
            assert.deepEqual(tables.rows, []);
            await refused(c.query('SELECT * FROM openhexa.saved_queries'), '42501');
            await refused(c.query('SELECT * FROM openhexa.query_log'), '42501');
          }
          const functions = await c.query<{ name: string; args: string[] }>(
            `SELECT p.proname AS name, array(SELECT format_type(t, NULL) FROM unnest(p.proargtypes) t) AS args
               FROM pg_proc p WHERE p.pronamespace = 'openhexa'::regnamespace AND has_function_privilege(current_user, p.oid, 'EXECUTE')`,
          );
          assert.ok(functions.rows.some((f) => f.name === 'workspace_query_log'));
          for (const f of functions.rows) {
            for (const texts of [[ws(), editorsPrivate, '', '', ''], [ws(), '', '', '', ''], [ws(), MARKER, MARKER, MARKER, MARKER]]) {
              let t = 0;
              const args = f.args.map((type) => (type === 'text' ? texts[t++] : type === 'integer' ? 1000 : type === 'boolean' ? false : null));
              const placeholders = args.map((_, i) => `$${i + 1}`).join(', ');
              // Each call in a transaction rolled back: the scan changes nothing.
              await c.query('BEGIN');
              const result = await c.query(`SELECT * FROM openhexa.${f.name}(${placeholders})`, args).then(
                (r) => JSON.stringify(r.rows),
                (err: Error) => err.message,
              );
              await c.query('ROLLBACK');
              for (const secret of [PRIVATE_NAME, PRIVATE_DESCRIPTION, PRIVATE_SQL]) {
                assert.ok(!result.includes(secret), `${f.name}(${f.args.join(', ')}) showed ${who.user} another member's private query: ${result.slice(0, 300)}`);
              }
            }
          }
        });
      }
    });
  });

  describe('the history', () => {
    let pools: PoolRegistry;
    let folder: string;

    before(async () => {
      pools = new PoolRegistry();
      folder = makeResultsFolder();
      await using(w.editor, w.workspace.dbName, (c) => c.query('CREATE TABLE visits (id int PRIMARY KEY, district text NOT NULL)'));
    });

    after(async () => {
      await pools?.dispose();
      if (folder) {
        removeResultsFolder(folder);
      }
    });

    /** A run as the console makes it, then logged as the console logs it: on the catalog's connection, after. */
    async function runAndLog(member: ServerLogin, sql: string, mode: RunMode, cancelAfterMs?: number): Promise<void> {
      const prepared = await prepareRun(sql, mode);
      assert.ok(prepared.ok);
      const login: Login = { ...member, database: w.workspace.dbName };
      const runner = new QueryRunner(pools.source(login));
      const started = Date.now();
      try {
        const running = runner.run(prepared.statements, { mode, statementTimeoutMs: 60_000, folder }, {});
        if (cancelAfterMs !== undefined) {
          setTimeout(() => void runner.cancel(), cancelAfterMs);
        }
        const outcome = await running.catch((err: unknown) => (err instanceof Cancelled ? ('cancelled' as const) : (err as Error)));
        await as(member, (c) => logRun(c, ws(), runRecord(outcome, { sql, mode, origin: 'console', durationMs: Date.now() - started })));
      } finally {
        await runner.close();
      }
    }

    it('logs a success, an error and a cancel, each committed though the failed runs rolled back', async () => {
      await runAndLog(w.editor, "INSERT INTO visits VALUES (1, 'Kindu'), (2, 'Goma')", 'writes');
      await runAndLog(w.editor, "INSERT INTO visits VALUES (3, 'Uvira'); INSERT INTO visits VALUES (1, 'again')", 'writes');
      await runAndLog(w.editor, 'SELECT pg_catalog.pg_sleep(30)', 'read-only', 400);
      const mine = await as(w.editor, (c) => myHistory(c, ws(), ''));
      assert.deepEqual(
        mine.slice(0, 3).map((e) => [e.status, e.errorCode, e.writes, e.rows]),
        [
          ['cancelled', '57014', false, undefined],
          ['error', '23505', true, 1],
          ['success', undefined, true, 2],
        ],
      );
      assert.ok(mine[2]!.durationMs !== undefined && mine[2]!.durationMs >= 0);
      // The failed run's insert was rolled back whole; its log row was not.
      const ids = await using(w.editor, w.workspace.dbName, async (c) => (await c.query('SELECT id FROM visits ORDER BY id')).rows.map((r: { id: number }) => r.id));
      assert.deepEqual(ids, [1, 2]);
    });

    it('a member reads only their own runs; an admin reads the workspace\'s, but not the SQL of another member\'s private query', async () => {
      const slug = await as(w.viewer, (c) => createSavedQuery(c, ws(), { name: 'Viewer private run', description: '', sql: 'SELECT 77 AS viewer_private_run', visibility: 'PRIVATE' }));
      await as(w.viewer, (c) => logRun(c, ws(), { sql: 'SELECT 77 AS viewer_private_run', origin: 'console', writes: false, status: 'success', durationMs: 2, rows: 1, savedQuery: slug }));
      await as(w.viewer, (c) => logRun(c, ws(), { sql: 'SELECT 78 AS viewer_console_run', origin: 'console', writes: false, status: 'success', durationMs: 2, rows: 1 }));
      const viewers = await as(w.viewer, (c) => myHistory(c, ws(), 'viewer_'));
      assert.deepEqual(viewers.map((e) => [e.sql, e.savedQuery]), [['SELECT 78 AS viewer_console_run', undefined], ['SELECT 77 AS viewer_private_run', slug]]);
      assert.deepEqual(await as(w.editor, (c) => myHistory(c, ws(), 'viewer_')), []);
      await rejectsWith(as(w.editor, (c) => workspaceLog(c, ws(), '')), 'notAllowed');
      const log = await as(w.admin, (c) => workspaceLog(c, ws(), w.viewer.user));
      assert.deepEqual(log.map((e) => [e.login, e.sql]), [[w.viewer.user, 'SELECT 78 AS viewer_console_run'], [w.viewer.user, undefined]]);
      // The hidden SQL is not found by searching for it either.
      assert.deepEqual(await as(w.admin, (c) => workspaceLog(c, ws(), 'viewer_private_run')), []);
      // Nobody logs a run in another member's name: the login is the session's.
      await as(w.viewer, (c) => c.query("SELECT openhexa.log_query_run($1, 'SELECT 79', 'console', false, 'success', NULL, 1, 1, NULL)", [ws()]));
      const last = await asSuperuser(w.catalog, async (c) => (await c.query("SELECT login FROM openhexa.query_log WHERE sql = 'SELECT 79'")).rows[0] as { login: string });
      assert.equal(last.login, w.viewer.user);
      await refused(as(w.viewer, (c) => c.query("INSERT INTO openhexa.query_log (workspace_id, login, sql, origin, writes, status) VALUES (1, 'someone', 'x', 'console', false, 'success')")), '42501');
    });

    it('keeps the server\'s retention (90 days unless a platform admin says otherwise): older runs are neither shown nor kept', async () => {
      assert.equal(await as(w.viewer, (c) => historyRetention(c)), 90);
      await rejectsWith(as(w.admin, (c) => setHistoryRetention(c, 7)), 'notAllowed');
      await as(w.editor, (c) => logRun(c, ws(), { sql: 'SELECT 1 AS old_run', origin: 'console', writes: false, status: 'success', durationMs: 1, rows: 1 }));
      await asSuperuser(w.catalog, (c) => c.query("UPDATE openhexa.query_log SET at = now() - interval '91 days' WHERE sql = 'SELECT 1 AS old_run'"));
      assert.deepEqual(await as(w.editor, (c) => myHistory(c, ws(), 'old_run')), []);
      const kept = (): Promise<number> => asSuperuser(w.catalog, async (c) => (await c.query("SELECT count(*)::int AS n FROM openhexa.query_log WHERE sql = 'SELECT 1 AS old_run'")).rows[0].n as number);
      assert.equal(await kept(), 1);
      // The next run logged deletes what expired.
      await as(w.viewer, (c) => logRun(c, ws(), { sql: 'SELECT 1 AS next_run', origin: 'console', writes: false, status: 'success', durationMs: 1, rows: 1 }));
      assert.equal(await kept(), 0);
      // A platform admin shortens it: what is older goes at once.
      await asSuperuser(w.catalog, (c) => c.query("UPDATE openhexa.query_log SET at = now() - interval '10 days' WHERE sql = 'SELECT 1 AS next_run'"));
      await as(w.platform, (c) => setHistoryRetention(c, 7));
      assert.equal(await as(w.viewer, (c) => historyRetention(c)), 7);
      assert.deepEqual(await asSuperuser(w.catalog, async (c) => (await c.query("SELECT count(*)::int AS n FROM openhexa.query_log WHERE sql = 'SELECT 1 AS next_run'")).rows[0].n), 0);
      await rejectsWith(as(w.platform, (c) => setHistoryRetention(c, 0)), 'invalid');
      await as(w.platform, (c) => setHistoryRetention(c, 90));
    });
  });
});

// Each member uses their own login through raw `pg`: PostgreSQL itself must
// refuse what the role forbids, whatever the UI shows.
import * as assert from 'node:assert/strict';
import { CatalogError } from '../../src/postgres/catalog/catalogError';
import { listWorkspaces, regeneratePassword, revealCredentials, addMember, listMembers, setMemberRole, removeMember, createMember } from '../../src/postgres/workspace/catalogCalls';
import { testServer } from './setup';
import { loginAs, makeWorld, refused, unique, using, type ServerLogin, type World } from './workspaceWorld';

async function rejectsWith(promise: Promise<unknown>, kind: CatalogError['kind']): Promise<void> {
  await assert.rejects(promise, (err: unknown) => err instanceof CatalogError && err.kind === kind);
}

describe('workspace roles enforced by PostgreSQL (each member through their own login)', function () {
  this.timeout(120_000);
  let w: World;
  let ro: ServerLogin;
  let rw: ServerLogin;

  before(async () => {
    w = await makeWorld({ workspace: 'Santé publique "Nord"; DROP TABLE x', other: 'Other team' });
    // The editor creates data the way a notebook would: a table in public and one in a new schema.
    await using(w.editor, w.workspace.dbName, async (c) => {
      await c.query('CREATE TABLE cases (id int PRIMARY KEY, district text, n int)');
      await c.query("INSERT INTO cases VALUES (1, 'Nord', 10), (2, 'Sud', 20)");
      await c.query('CREATE SCHEMA survey');
      await c.query('CREATE TABLE survey.answers (id int PRIMARY KEY, answer text)');
      await c.query("INSERT INTO survey.answers VALUES (1, 'oui')");
    });
    const creds = await using(w.editor, w.catalog, (c) => revealCredentials(c, w.workspace.slug));
    const find = (kind: 'rw' | 'ro') => creds.find((x) => x.kind === kind)!;
    ro = loginAs(find('ro').username, find('ro').password);
    rw = loginAs(find('rw').username, find('rw').password);
  });

  describe('viewer', () => {
    it('reads the tables of the workspace, in public and in other schemas', async () => {
      await using(w.viewer, w.workspace.dbName, async (c) => {
        assert.equal((await c.query('SELECT count(*)::int AS n FROM cases')).rows[0].n, 2);
        assert.equal((await c.query('SELECT answer FROM survey.answers')).rows[0].answer, 'oui');
      });
    });

    it('cannot INSERT, UPDATE or DELETE', async () => {
      await using(w.viewer, w.workspace.dbName, async (c) => {
        await refused(c.query("INSERT INTO cases VALUES (3, 'Est', 1)"), '42501');
        await refused(c.query('UPDATE cases SET n = 0'), '42501');
        await refused(c.query('DELETE FROM cases'), '42501');
      });
    });

    it('cannot create tables or schemas, nor use temporary tables', async () => {
      await using(w.viewer, w.workspace.dbName, async (c) => {
        await refused(c.query('CREATE TABLE mine (id int)'), '42501');
        await refused(c.query('CREATE TABLE survey.mine (id int)'), '42501');
        await refused(c.query('CREATE SCHEMA mine'), '42501');
        await refused(c.query('CREATE TEMP TABLE scratch (id int)'), '42501');
      });
    });

    it('cannot read any password, through the catalog functions or the tables', async () => {
      await using(w.viewer, w.catalog, async (c) => {
        await refused(c.query('SELECT * FROM openhexa.workspace_credentials($1)', [w.workspace.slug]), '42501');
        await refused(c.query('SELECT * FROM openhexa.workspace_credentials'), '42501');
        await refused(c.query('SELECT * FROM openhexa.audit_log'), '42501');
        await refused(c.query('SELECT * FROM openhexa.memberships'), '42501');
        await refused(c.query('SELECT * FROM public.openhexa_schema_version'), '42501');
        await refused(c.query('SELECT * FROM openhexa._require($1, $2)', [w.workspace.slug, 'viewer']), '42501');
      });
    });

    it('cannot regenerate a password or manage members', async () => {
      await using(w.viewer, w.catalog, async (c) => {
        await rejectsWith(regeneratePassword(c, w.workspace.slug, 'ro'), 'notAllowed');
        await rejectsWith(addMember(c, w.workspace.slug, w.editor.user, 'admin'), 'notAllowed');
        await rejectsWith(setMemberRole(c, w.workspace.slug, w.viewer.user, 'admin'), 'notAllowed');
        await refused(c.query('SELECT openhexa.begin_workspace($1, $2, $3, $4)', ['x', 'x', 'a', 'b']), '42501');
      });
    });

    it('sees only the workspaces it is a member of, with its role', async () => {
      const seen = await using(w.viewer, w.catalog, (c) => listWorkspaces(c));
      assert.deepEqual(
        seen.map((x) => [x.slug, x.role]),
        [[w.workspace.slug, 'viewer']],
      );
      await refused(using(w.viewer, w.other.dbName, async () => undefined), '42501');
    });
  });

  describe('editor', () => {
    it('writes to the workspace database', async () => {
      await using(w.editor, w.workspace.dbName, async (c) => {
        await c.query("INSERT INTO cases VALUES (3, 'Est', 30)");
        await c.query('UPDATE cases SET n = n + 1 WHERE id = 3');
        await c.query('DELETE FROM cases WHERE id = 3');
      });
    });

    it('creates tables owned by the read/write role, readable with the read-only credentials (public and new schemas)', async () => {
      await using(w.editor, w.workspace.dbName, async (c) => {
        const owner = await c.query("SELECT tableowner FROM pg_tables WHERE tablename = 'cases'");
        assert.equal(owner.rows[0].tableowner, w.workspace.dbName);
        await c.query('CREATE SCHEMA later');
        await c.query('CREATE TABLE later.made_after (id int)');
        await c.query('INSERT INTO later.made_after VALUES (42)');
      });
      await using(ro, w.workspace.dbName, async (c) => {
        assert.equal((await c.query('SELECT count(*)::int AS n FROM cases')).rows[0].n, 2);
        assert.equal((await c.query('SELECT id FROM later.made_after')).rows[0].id, 42);
      });
    });

    it('reveals both credential sets, and the reveal is audited', async () => {
      const creds = await using(w.editor, w.catalog, (c) => revealCredentials(c, w.workspace.slug));
      assert.deepEqual(creds.map((c) => [c.kind, c.username]), [
        ['rw', w.workspace.dbName],
        ['ro', `${w.workspace.dbName}_ro`],
      ]);
      for (const c of creds) {
        assert.match(c.password, /^[a-hjkmnp-zA-HJ-NP-Z2-9]{16}$/);
      }
      const audit = await using(w.platform, w.catalog, (c) =>
        c.query("SELECT actor, action FROM openhexa.audit_log WHERE action = 'reveal_credentials' AND workspace_slug = $1", [w.workspace.slug]),
      );
      assert.ok(audit.rows.some((r: { actor: string }) => r.actor === w.editor.user));
    });

    it('cannot regenerate a password or manage members', async () => {
      await using(w.editor, w.catalog, async (c) => {
        await rejectsWith(regeneratePassword(c, w.workspace.slug, 'rw'), 'notAllowed');
        await rejectsWith(listMembers(c, w.workspace.slug), 'notAllowed');
        await rejectsWith(addMember(c, w.workspace.slug, w.viewer.user, 'admin'), 'notAllowed');
        await rejectsWith(removeMember(c, w.workspace.slug, w.viewer.user), 'notAllowed');
      });
    });
  });

  describe('admin', () => {
    it('regenerates: the old password is refused at once, the new one works', async () => {
      const fresh = await using(w.admin, w.catalog, (c) => regeneratePassword(c, w.workspace.slug, 'ro'));
      await refused(using(ro, w.workspace.dbName, async () => undefined), '28P01');
      ro = loginAs(ro.user, fresh);
      await using(ro, w.workspace.dbName, async (c) => assert.equal((await c.query('SELECT 1 AS one')).rows[0].one, 1));
      const audit = await using(w.platform, w.catalog, (c) =>
        c.query("SELECT actor, detail FROM openhexa.audit_log WHERE action = 'regenerate_password' AND workspace_slug = $1", [w.workspace.slug]),
      );
      assert.deepEqual(audit.rows.at(-1), { actor: w.admin.user, detail: { kind: 'ro' } });
    });

    it('two regenerations at once end with one consistent password that works', async () => {
      const [a, b] = await Promise.all([
        using(w.admin, w.catalog, (c) => regeneratePassword(c, w.workspace.slug, 'rw')),
        using(w.platform, w.catalog, (c) => regeneratePassword(c, w.workspace.slug, 'rw')),
      ]);
      const stored = (await using(w.admin, w.catalog, (c) => revealCredentials(c, w.workspace.slug))).find((c) => c.kind === 'rw')!.password;
      assert.ok(stored === a || stored === b);
      rw = loginAs(rw.user, stored);
      await using(rw, w.workspace.dbName, async (c) => assert.equal((await c.query('SELECT count(*)::int AS n FROM cases')).rows[0].n, 2));
      const loser = stored === a ? b : a;
      await refused(using(loginAs(rw.user, loser), w.workspace.dbName, async () => undefined), '28P01');
    });

    it('manages members: role changes take effect in PostgreSQL at once', async () => {
      const user = unique('mia');
      const password = await using(w.admin, w.catalog, (c) => createMember(c, w.workspace.slug, user, 'viewer'));
      const mia = loginAs(user, password);
      await using(mia, w.workspace.dbName, (c) => refused(c.query("INSERT INTO cases VALUES (9, 'x', 1)"), '42501'));
      await using(w.admin, w.catalog, (c) => setMemberRole(c, w.workspace.slug, user, 'editor'));
      await using(mia, w.workspace.dbName, async (c) => {
        await c.query("INSERT INTO cases VALUES (9, 'x', 1)");
        await c.query('DELETE FROM cases WHERE id = 9');
      });
      assert.deepEqual(
        (await using(w.admin, w.catalog, (c) => listMembers(c, w.workspace.slug))).find((m) => m.login === user)?.role,
        'editor',
      );
      await using(w.admin, w.catalog, (c) => removeMember(c, w.workspace.slug, user));
      await refused(using(mia, w.workspace.dbName, async () => undefined), '42501');
      assert.deepEqual(await using(mia, w.catalog, (c) => listWorkspaces(c)), []);
    });

    it('cannot reach a workspace it is not a member of', async () => {
      await using(w.admin, w.catalog, async (c) => {
        await rejectsWith(revealCredentials(c, w.other.slug), 'notAllowed');
        await rejectsWith(addMember(c, w.other.slug, w.admin.user, 'admin'), 'notAllowed');
      });
    });
  });

  describe('read-only credentials', () => {
    it('write nothing anywhere', async () => {
      await using(ro, w.workspace.dbName, async (c) => {
        await refused(c.query("INSERT INTO cases VALUES (5, 'x', 1)"), '42501');
        await refused(c.query('UPDATE survey.answers SET answer = $1', ['non']), '42501');
        await refused(c.query('CREATE TABLE public.ro_table (id int)'), '42501');
        await refused(c.query('CREATE TABLE later.ro_table (id int)'), '42501');
        await refused(c.query('CREATE SCHEMA ro_schema'), '42501');
        await refused(c.query('CREATE TEMP TABLE ro_temp (id int)'), '42501');
      });
    });

    it('cannot read the catalog', async () => {
      await refused(using(ro, w.catalog, async () => undefined), '42501');
    });
  });

  describe('no escalation through the catalog functions', () => {
    it('a search_path hijack does not change what a function checks', async () => {
      const superuser = await testServer().connect({ database: w.catalog });
      try {
        // Give the viewer a place to plant look-alikes of what the functions call.
        await superuser.query(`CREATE SCHEMA trap AUTHORIZATION ${w.viewer.user}`);
      } finally {
        await superuser.end();
      }
      await using(w.viewer, w.catalog, async (c) => {
        await c.query(`CREATE FUNCTION trap.pg_has_role(name, oid, text) RETURNS boolean LANGUAGE sql AS 'SELECT true'`);
        await c.query(`CREATE FUNCTION trap.pg_has_role(name, text, text) RETURNS boolean LANGUAGE sql AS 'SELECT true'`);
        await c.query(`CREATE FUNCTION trap.format(text, VARIADIC "any") RETURNS text LANGUAGE internal AS 'text_format'`).catch(() => undefined);
        await c.query('CREATE OPERATOR trap.= (LEFTARG = text, RIGHTARG = text, FUNCTION = pg_catalog.texteq)').catch(() => undefined);
        await c.query('SET search_path = trap, public, pg_catalog');
        const seen = await listWorkspaces(c);
        assert.deepEqual(seen.map((x) => x.role), ['viewer']);
        await rejectsWith(revealCredentials(c, w.workspace.slug), 'notAllowed');
        await rejectsWith(revealCredentials(c, w.other.slug), 'notAllowed');
      });
    });
  });
});

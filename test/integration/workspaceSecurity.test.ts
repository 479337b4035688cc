// Each member uses their own login through raw `pg`: PostgreSQL itself must
// refuse what the role forbids, whatever the UI shows. The whole suite runs
// on a server made by this version and on one made by 0.1.0 and upgraded.
import * as assert from 'node:assert/strict';
import type { Client, QueryResult } from 'pg';
import { workspaceRoleNames } from '../../src/core/workspaceNames';
import {
  addMember,
  createMember,
  listMembers,
  listWorkspaces,
  regeneratePassword,
  removeMember,
  revealPassword,
  setMemberRole,
  type CredentialAccess,
} from '../../src/postgres/workspace/catalogCalls';
import { deleteWorkspace } from '../../src/postgres/workspace/provisioning';
import { loginEndpoint, testServer } from './setup';
import { asSuperuser, loginAs, makeWorld, ORIGINS, refused, rejectsWith, unique, using, type ServerLogin, type World } from './workspaceWorld';

async function password(login: ServerLogin, w: World, kind: 'rw' | 'ro', access: CredentialAccess = 'reveal'): Promise<string> {
  return (await using(login, w.catalog, (c) => revealPassword(c, w.workspace.slug, kind, access))).password;
}

/** Whether `member` belongs to `role` in any way (directly, through a group, with or without inheritance). */
async function belongs(member: string, role: string): Promise<boolean> {
  return asSuperuser('postgres', async (c) => (await c.query<{ yes: boolean }>("SELECT pg_has_role($1, $2, 'MEMBER') AS yes", [member, role])).rows[0]!.yes);
}

/**
 * One statement as the login itself (its session role set aside), in a
 * transaction of its own that commits what it did: through PgBouncer a
 * session-level SET ROLE would stay on the server connection for the
 * login's next client, and the next statement could run on another one.
 */
async function asItself(c: Client, sql: string, params?: unknown[]): Promise<QueryResult> {
  await c.query('BEGIN');
  try {
    await c.query('SET LOCAL ROLE NONE');
    return await c.query(sql, params);
  } finally {
    await c.query('COMMIT');
  }
}

for (const origin of ORIGINS) {
  describe(`workspace roles enforced by PostgreSQL, each member through their own login (${origin} server)`, function () {
    this.timeout(180_000);
    let w: World;
    let ro: ServerLogin;
    let rw: ServerLogin;
    let roles: ReturnType<typeof workspaceRoleNames>;

    before(async () => {
      w = await makeWorld(
        { workspace: 'Santé publique "Nord"; DROP TABLE x', other: 'Other team' },
        {
          origin,
          // The editor creates data the way a notebook would: a table in public and one in a new schema.
          seed: async (world) =>
            using(world.editor, world.workspace.dbName, async (c) => {
              await c.query('CREATE TABLE cases (id int PRIMARY KEY, district text, n int)');
              await c.query("INSERT INTO cases VALUES (1, 'Nord', 10), (2, 'Sud', 20)");
              await c.query('CREATE SCHEMA survey');
              await c.query('CREATE TABLE survey.answers (id int PRIMARY KEY, answer text)');
              await c.query("INSERT INTO survey.answers VALUES (1, 'oui')");
            }),
        },
      );
      roles = workspaceRoleNames(w.workspace.dbName);
      ro = loginAs(roles.ro, await password(w.editor, w, 'ro'));
      rw = loginAs(roles.rw, await password(w.editor, w, 'rw'));
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
          await refused(c.query('SELECT openhexa.log_credential_access($1, $2, $3)', [w.workspace.slug, 'ro', 'reveal']), '42501');
          await refused(c.query('SELECT * FROM openhexa.credential_password(1)'), '42501');
          await refused(c.query('SELECT * FROM openhexa.workspace_credentials'), '42501');
          await refused(c.query('SELECT * FROM openhexa.audit_log'), '42501');
          await refused(c.query('SELECT * FROM openhexa.memberships'), '42501');
          await refused(c.query('SELECT * FROM public.openhexa_schema_version'), '42501');
          await refused(c.query('SELECT * FROM openhexa._require($1, $2)', [w.workspace.slug, 'viewer']), '42501');
          await refused(c.query('SELECT openhexa._new_password()'), '42501');
        });
      });

      it('cannot regenerate a password or manage members', async () => {
        await using(w.viewer, w.catalog, async (c) => {
          await rejectsWith(regeneratePassword(c, w.workspace.slug, 'ro'), 'notAllowed');
          await rejectsWith(addMember(c, w.workspace.slug, w.editor.user, 'admin'), 'notAllowed');
          await rejectsWith(setMemberRole(c, w.workspace.slug, w.viewer.user, 'admin'), 'notAllowed');
          await refused(c.query('SELECT openhexa.begin_workspace($1, $2)', ['x', 'x']), '42501');
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

      it("creates tables owned by the workspace's writer group, readable with the read-only credentials (public and new schemas)", async () => {
        await using(w.editor, w.workspace.dbName, async (c) => {
          const owner = await c.query("SELECT tableowner FROM pg_tables WHERE tablename = 'cases'");
          assert.equal(owner.rows[0].tableowner, roles.writer);
          await c.query('CREATE SCHEMA later');
          await c.query('CREATE TABLE later.made_after (id int)');
          await c.query('INSERT INTO later.made_after VALUES (42)');
        });
        await using(ro, w.workspace.dbName, async (c) => {
          assert.equal((await c.query('SELECT count(*)::int AS n FROM cases')).rows[0].n, 2);
          assert.equal((await c.query('SELECT id FROM later.made_after')).rows[0].id, 42);
        });
        await using(w.viewer, w.workspace.dbName, async (c) => {
          assert.equal((await c.query('SELECT id FROM later.made_after')).rows[0].id, 42);
        });
      });

      it('what the read/write login creates is owned by the writer group too, and editors can change it', async () => {
        await using(rw, w.workspace.dbName, async (c) => {
          await c.query('CREATE TABLE by_rw_login (id int)');
          // As itself (no role), the read/write login may create nothing: it owns nothing of its own.
          await refused(asItself(c, 'CREATE TABLE by_rw_itself (id int)'), '42501');
        });
        await using(w.editor, w.workspace.dbName, async (c) => {
          assert.equal((await c.query("SELECT tableowner FROM pg_tables WHERE tablename = 'by_rw_login'")).rows[0].tableowner, roles.writer);
          await c.query('DROP TABLE by_rw_login');
        });
      });

      it('reveals each credential set; every reveal and copy leaves a committed audit row saying which credential and what', async () => {
        const since = await asSuperuser(w.catalog, async (c) => (await c.query<{ id: string }>('SELECT COALESCE(max(id), 0) AS id FROM openhexa.audit_log')).rows[0]!.id);
        for (const kind of ['rw', 'ro'] as const) {
          const credential = await using(w.editor, w.catalog, (c) => revealPassword(c, w.workspace.slug, kind, 'reveal'));
          assert.equal(credential.username, kind === 'rw' ? roles.rw : roles.ro);
          assert.match(credential.password, /^[a-hjkmnp-zA-HJ-NP-Z2-9]{16}$/);
        }
        await password(w.editor, w, 'ro', 'copy');
        const audit = await asSuperuser(w.catalog, (c) =>
          c.query('SELECT actor, action, credential FROM openhexa.audit_log WHERE id > $1 AND workspace_slug = $2 ORDER BY id', [since, w.workspace.slug]),
        );
        assert.deepEqual(audit.rows, [
          { actor: w.editor.user, action: 'reveal', credential: 'rw' },
          { actor: w.editor.user, action: 'reveal', credential: 'ro' },
          { actor: w.editor.user, action: 'copy', credential: 'ro' },
        ]);
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
        assert.match(fresh, /^[a-hjkmnp-zA-HJ-NP-Z2-9]{16}$/);
        await refused(using(ro, w.workspace.dbName, async () => undefined), '28P01');
        ro = loginAs(ro.user, fresh);
        await using(ro, w.workspace.dbName, async (c) => assert.equal((await c.query('SELECT 1 AS one')).rows[0].one, 1));
        const audit = await asSuperuser(w.catalog, (c) =>
          c.query("SELECT actor, credential FROM openhexa.audit_log WHERE action = 'regenerate' AND workspace_slug = $1 ORDER BY id", [w.workspace.slug]),
        );
        assert.deepEqual(audit.rows.at(-1), { actor: w.admin.user, credential: 'ro' });
      });

      it('two regenerations at once end with one consistent password that works', async () => {
        const [a, b] = await Promise.all([
          using(w.admin, w.catalog, (c) => regeneratePassword(c, w.workspace.slug, 'rw')),
          using(w.platform, w.catalog, (c) => regeneratePassword(c, w.workspace.slug, 'rw')),
        ]);
        const stored = await password(w.admin, w, 'rw');
        assert.ok(stored === a || stored === b);
        rw = loginAs(rw.user, stored);
        await using(rw, w.workspace.dbName, async (c) => assert.equal((await c.query('SELECT count(*)::int AS n FROM cases')).rows[0].n, 2));
        const loser = stored === a ? b : a;
        await refused(using(loginAs(rw.user, loser), w.workspace.dbName, async () => undefined), '28P01');
      });

      it('manages members: role changes take effect in PostgreSQL at once', async () => {
        const user = unique('mia');
        const pw = await using(w.admin, w.catalog, (c) => createMember(c, w.workspace.slug, user, 'viewer'));
        const mia = loginAs(user, pw);
        await using(mia, w.workspace.dbName, (c) => refused(c.query("INSERT INTO cases VALUES (9, 'x', 1)"), '42501'));
        await using(w.admin, w.catalog, (c) => setMemberRole(c, w.workspace.slug, user, 'editor'));
        await using(mia, w.workspace.dbName, async (c) => {
          await c.query("INSERT INTO cases VALUES (9, 'x', 1)");
          await c.query('DELETE FROM cases WHERE id = 9');
        });
        assert.deepEqual((await using(w.admin, w.catalog, (c) => listMembers(c, w.workspace.slug))).find((m) => m.login === user)?.role, 'editor');
        await using(w.admin, w.catalog, (c) => removeMember(c, w.workspace.slug, user));
        // A query, not only a login: a pooler answers a login itself and asks the server at the first query.
        await refused(using(mia, w.workspace.dbName, (c) => c.query('SELECT 1')), '42501');
        assert.deepEqual(await using(mia, w.catalog, (c) => listWorkspaces(c)), []);
      });

      it('cannot reach a workspace it is not a member of', async () => {
        await using(w.admin, w.catalog, async (c) => {
          await rejectsWith(revealPassword(c, w.other.slug, 'ro', 'reveal'), 'notAllowed');
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

    // Finding 2: members could change the shared passwords and watch or end the shared logins' sessions.
    describe('the shared logins are out of members’ reach', () => {
      it('no member belongs to a shared login, in any way', async () => {
        for (const member of [w.viewer, w.editor, w.admin]) {
          for (const shared of [roles.rw, roles.ro]) {
            assert.equal(await belongs(member.user, shared), false, `${member.user} belongs to ${shared}`);
          }
        }
        await using(w.viewer, w.workspace.dbName, (c) => refused(c.query(`SET ROLE "${roles.ro}"`), '42501'));
        await using(w.editor, w.workspace.dbName, (c) => refused(c.query(`SET ROLE "${roles.rw}"`), '42501'));
      });

      it('an editor cannot change the read/write password, a viewer not the read-only one; both still work', async () => {
        await using(w.editor, w.workspace.dbName, async (c) => {
          // The session acts as the writer group, which has no login: whatever this sets, nobody logs in with it.
          await c.query("ALTER ROLE CURRENT_USER PASSWORD 'taken-over-1'").catch(() => undefined);
          await refused(c.query(`ALTER ROLE "${roles.rw}" PASSWORD 'taken-over-2'`), '42501');
          await refused(asItself(c, `ALTER ROLE "${roles.rw}" PASSWORD 'taken-over-3'`), '42501');
        });
        await using(w.viewer, w.workspace.dbName, async (c) => {
          await refused(c.query(`SET ROLE "${roles.ro}"`), '42501');
          await refused(c.query(`ALTER ROLE "${roles.ro}" PASSWORD 'taken-over-4'`), '42501');
        });
        // No login with that password: the group cannot log in (28000), or has no such password (28P01).
        // (PgBouncer looks the login's secret up itself, and finds none for a group.)
        await assert.rejects(
          using(loginAs(roles.writer, 'taken-over-1'), w.workspace.dbName, (c) => c.query('SELECT 1')),
          (err: { code?: string; message?: string }) => ['28000', '28P01'].includes(err.code ?? '') || (Boolean(loginEndpoint().pooler) && err.code === '08P01' && /^(no such user|role ".*" is not permitted to log in|password authentication failed for user .*)$/.test(err.message ?? '')),
        );
        await using(rw, w.workspace.dbName, async (c) => assert.equal((await c.query('SELECT 1 AS one')).rows[0].one, 1));
        await using(ro, w.workspace.dbName, async (c) => assert.equal((await c.query('SELECT 1 AS one')).rows[0].one, 1));
        assert.equal(await password(w.editor, w, 'rw'), rw.password);
      });

      for (const [who, shared, what] of [
        ['a viewer', 'read-only', 'a BI tool'],
        ['an editor', 'read/write', 'a pipeline'],
      ] as const) {
        it(`${who} neither sees the ${shared} login's queries nor ends its sessions (${what}'s)`, async () => {
          const member = shared === 'read-only' ? w.viewer : w.editor;
          await using(shared === 'read-only' ? ro : rw, w.workspace.dbName, async (tool) => {
            await tool.query(`SELECT '${what} query' AS marker`);
            const pid = (await tool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
            await using(member, w.workspace.dbName, async (c) => {
              const seen = (await c.query<{ query: string | null }>('SELECT query FROM pg_stat_activity WHERE pid = $1', [pid])).rows[0];
              assert.ok(seen, 'the session is listed');
              assert.doesNotMatch(seen.query ?? '', /pg_backend_pid|query/);
              // Neither as the group the session acts as, nor as the member's own login.
              for (const run of [(sql: string, params: unknown[]) => c.query(sql, params), (sql: string, params: unknown[]) => asItself(c, sql, params)]) {
                await refused(run('SELECT pg_terminate_backend($1)', [pid]), '42501');
                await refused(run('SELECT pg_cancel_backend($1)', [pid]), '42501');
              }
            });
            assert.equal((await tool.query('SELECT 1 AS one')).rows[0].one, 1);
          });
        });
      }
    });

    // Finding 3: the read/write role owned the database.
    describe('no member owns the workspace database or changes its settings', () => {
      for (const who of ['editor', 'admin', 'read/write login'] as const) {
        it(`the ${who} cannot drop it, change its settings or open it to everyone`, async () => {
          const login = who === 'editor' ? w.editor : who === 'admin' ? w.admin : rw;
          const db = `"${w.workspace.dbName}"`;
          await using(login, 'postgres', async (c) => {
            await refused(c.query(`DROP DATABASE ${db} WITH (FORCE)`), '42501');
            await refused(c.query(`ALTER DATABASE ${db} SET work_mem = '1GB'`), '42501');
            await refused(c.query(`ALTER DATABASE ${db} CONNECTION LIMIT 0`), '42501');
            await refused(c.query(`ALTER DATABASE ${db} RENAME TO stolen`), '42501');
          });
          await using(login, w.workspace.dbName, async (c) => {
            // Without the grant option PostgreSQL only warns ("no privileges were granted"): the state below is the proof.
            await c.query(`GRANT CONNECT ON DATABASE ${db} TO PUBLIC`).catch(() => undefined);
            await asItself(c, `GRANT CONNECT ON DATABASE ${db} TO PUBLIC`).catch(() => undefined);
          });
          const seen = await using(w.platform, w.catalog, (c) => listWorkspaces(c));
          assert.equal(seen.find((x) => x.slug === w.workspace.slug)?.status, 'ready');
          const state = await asSuperuser('postgres', (c) =>
            c.query<{ datconnlimit: number; owner: string; public_connect: boolean }>(
              "SELECT datconnlimit, pg_get_userbyid(datdba) AS owner, has_database_privilege('public', oid, 'CONNECT') AS public_connect FROM pg_database WHERE datname = $1",
              [w.workspace.dbName],
            ),
          );
          // The workspace keeps OpenHEXA's connection limit (a member tried CONNECTION LIMIT 0).
          assert.deepEqual(state.rows[0], { datconnlimit: 50, owner: 'openhexa_platform_admin', public_connect: false });
        });
      }

      it('deleting as a workspace admin who is not a platform admin says what privilege is missing', async () => {
        await rejectsWith(deleteWorkspace(w.admin, w.catalog, w.workspace.slug), 'missingPrivilege', /platform admin/);
        assert.equal((await using(w.platform, w.catalog, (c) => listWorkspaces(c))).some((x) => x.slug === w.workspace.slug), true);
      });
    });

    // Finding 4: BEGIN; reveal; ROLLBACK returned both passwords and left no audit row.
    describe('a reveal cannot escape the audit log', () => {
      const auditRows = (): Promise<number> =>
        asSuperuser(w.catalog, async (c) => (await c.query<{ n: number }>("SELECT count(*)::int AS n FROM openhexa.audit_log WHERE action IN ('reveal', 'copy')")).rows[0]!.n);

      it('inside a transaction that is rolled back, no password comes out, and no row is left', async () => {
        const before = await auditRows();
        await using(w.editor, w.catalog, async (c) => {
          await c.query('BEGIN');
          const record = (await c.query<{ record: string }>('SELECT openhexa.log_credential_access($1, $2, $3) AS record', [w.workspace.slug, 'rw', 'reveal'])).rows[0]!.record;
          await refused(c.query('SELECT * FROM openhexa.credential_password($1)', [record]), '55000');
          await c.query('ROLLBACK');
        });
        assert.equal(await auditRows(), before);
      });

      it('inside a savepoint neither', async () => {
        await using(w.editor, w.catalog, async (c) => {
          await c.query('BEGIN');
          await c.query('SAVEPOINT s');
          const record = (await c.query<{ record: string }>('SELECT openhexa.log_credential_access($1, $2, $3) AS record', [w.workspace.slug, 'ro', 'copy'])).rows[0]!.record;
          await c.query('RELEASE SAVEPOINT s');
          await refused(c.query('SELECT * FROM openhexa.credential_password($1)', [record]), '55000');
          await c.query('ROLLBACK');
        });
      });

      it("one's own committed record of the last minute only; the 0.1.0 one-call reveal is gone", async () => {
        const record = (await using(w.admin, w.catalog, (c) => c.query<{ record: string }>('SELECT openhexa.log_credential_access($1, $2, $3) AS record', [w.workspace.slug, 'ro', 'reveal'])))
          .rows[0]!.record;
        await using(w.editor, w.catalog, (c) => refused(c.query('SELECT * FROM openhexa.credential_password($1)', [record]), '42501'));
        await asSuperuser(w.catalog, (c) => c.query("UPDATE openhexa.audit_log SET at = at - interval '2 minutes' WHERE id = $1", [record]));
        await using(w.admin, w.catalog, (c) => refused(c.query('SELECT * FROM openhexa.credential_password($1)', [record]), '42501'));
        await using(w.editor, w.catalog, (c) => refused(c.query('SELECT * FROM openhexa.workspace_credentials($1)', [w.workspace.slug]), '42883'));
      });

      it('a member whose role was lowered after the record cannot use it', async () => {
        const user = unique('lowered');
        const pw = await using(w.admin, w.catalog, (c) => createMember(c, w.workspace.slug, user, 'editor'));
        const lowered = loginAs(user, pw);
        const record = (await using(lowered, w.catalog, (c) => c.query<{ record: string }>('SELECT openhexa.log_credential_access($1, $2, $3) AS record', [w.workspace.slug, 'rw', 'reveal'])))
          .rows[0]!.record;
        await using(w.admin, w.catalog, (c) => setMemberRole(c, w.workspace.slug, user, 'viewer'));
        await using(lowered, w.catalog, (c) => refused(c.query('SELECT * FROM openhexa.credential_password($1)', [record]), '42501'));
      });
    });

    // Finding 5: a workspace admin could lock the platform out; shared logins could be made members.
    describe('who may be a member', () => {
      it('platform admins, superusers, CREATEROLE logins and every workspace’s shared logins and groups are refused', async () => {
        const otherRoles = workspaceRoleNames(w.other.dbName);
        const creator = unique('creator');
        await asSuperuser('postgres', (c) => c.query(`CREATE ROLE ${creator} LOGIN CREATEROLE PASSWORD 'pw'`));
        const refusedLogins = [w.platform.user, testServer().superuser, creator, roles.rw, roles.ro, roles.writer, roles.reader, roles.admin, otherRoles.rw, otherRoles.ro, otherRoles.writer];
        for (const login of refusedLogins) {
          await using(w.admin, w.catalog, (c) => rejectsWith(addMember(c, w.workspace.slug, login, 'viewer'), 'invalid'));
        }
        const members = (await using(w.admin, w.catalog, (c) => listMembers(c, w.workspace.slug))).map((m) => m.login);
        assert.deepEqual(
          refusedLogins.filter((l) => members.includes(l)),
          [],
        );
      });

      it('the platform login keeps its access whatever a workspace admin does', async () => {
        await using(w.admin, w.catalog, (c) => rejectsWith(removeMember(c, w.workspace.slug, w.platform.user), 'notFound'));
        await using(w.platform, w.workspace.dbName, async (c) => assert.equal((await c.query('SELECT count(*)::int AS n FROM cases')).rows[0].n, 2));
        assert.ok((await using(w.platform, w.catalog, (c) => listWorkspaces(c))).some((x) => x.slug === w.workspace.slug && x.role === 'admin'));
      });
    });

    // Finding 9: traps that an attacker can really plant, checked to exist and to fire in the attacker's own session.
    describe('no escalation through the catalog functions', () => {
      const TRAPS = [
        // name, signature, a call that picks the trap when the attacker's schema comes first
        ['format', '(text, text)', "format('%I', 'x'::text)"],
        ['format', '(text, text, text)', "format('%I %I', 'x'::text, 'y'::text)"],
        ['lower', '(text)', "lower('X'::text)"],
        ['length', '(text)', "length('x'::text)"],
        ['pg_has_role', '(name, text, text)', "pg_has_role('x'::name, 'y'::text, 'MEMBER'::text)"],
        ['jsonb_build_object', '(text, text, text, text)', "jsonb_build_object('a'::text, 'b'::text, 'c'::text, 'd'::text)"],
        ['gen_random_uuid', '()', 'gen_random_uuid()'],
        ['pg_current_xact_id', '()', 'pg_current_xact_id()'],
        ['clock_timestamp', '()', 'clock_timestamp()'],
      ] as const;

      it('look-alikes in a schema the caller owns never run inside them, whatever the caller’s search_path', async () => {
        // Members cannot create anything in the catalog by themselves...
        await using(w.editor, w.catalog, async (c) => {
          await refused(c.query('CREATE SCHEMA mine'), '42501');
          await refused(c.query('CREATE TEMP TABLE mine (id int)'), '42501');
        });
        // ...so the attacker here is one whom a server admin gave a schema.
        const schema = unique('trap');
        await asSuperuser(w.catalog, (c) => c.query(`CREATE SCHEMA ${schema} AUTHORIZATION "${w.editor.user}"`));
        await using(w.editor, w.catalog, async (c) => {
          for (const [name, signature] of TRAPS) {
            const returns = (await c.query<{ t: string }>(`SELECT pg_get_function_result(oid) AS t FROM pg_proc WHERE proname = $1 AND pronamespace = 'pg_catalog'::regnamespace LIMIT 1`, [name])).rows[0]!.t;
            await c.query(`CREATE FUNCTION ${schema}.${name}${signature} RETURNS ${returns} LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'TRAP ${name} fired'; END $$`);
          }
          await c.query(`CREATE FUNCTION ${schema}.eq(text, text) RETURNS boolean LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'TRAP = fired'; END $$`);
          await c.query(`CREATE OPERATOR ${schema}.= (LEFTARG = text, RIGHTARG = text, FUNCTION = ${schema}.eq)`);
          await c.query(`GRANT USAGE ON SCHEMA ${schema} TO PUBLIC`);
          const planted = (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_proc WHERE pronamespace = $1::regnamespace', [schema])).rows[0]!.n;
          assert.equal(planted, TRAPS.length + 1);
        });
        for (const member of [w.viewer, w.editor, w.admin]) {
          await using(member, w.catalog, async (c) => {
            await c.query(`SET search_path = ${schema}, public, pg_catalog`);
            // Each trap is a better match than the built-in here: it would fire if a catalog function looked it up.
            for (const [name, , call] of TRAPS) {
              await assert.rejects(c.query(`SELECT ${call}`), new RegExp(`TRAP ${name} fired`));
            }
            await assert.rejects(c.query("SELECT 'a'::text = 'b'::text"), /TRAP = fired/);
            const seen = await listWorkspaces(c);
            assert.deepEqual(seen.map((x) => x.slug), [w.workspace.slug]);
            if (member === w.viewer) {
              await rejectsWith(revealPassword(c, w.workspace.slug, 'ro', 'reveal'), 'notAllowed');
              return;
            }
            assert.match((await revealPassword(c, w.workspace.slug, 'ro', 'copy')).password, /^[a-hjkmnp-zA-HJ-NP-Z2-9]{16}$/);
            await rejectsWith(revealPassword(c, w.other.slug, 'ro', 'reveal'), 'notAllowed');
            if (member === w.admin) {
              const user = unique('trapped');
              assert.match(await createMember(c, w.workspace.slug, user, 'viewer'), /^[a-hjkmnp-zA-HJ-NP-Z2-9]{16}$/);
              await setMemberRole(c, w.workspace.slug, user, 'editor');
              await removeMember(c, w.workspace.slug, user);
              ro = loginAs(ro.user, await regeneratePassword(c, w.workspace.slug, 'ro'));
            }
          });
        }
      });
    });
  });
}

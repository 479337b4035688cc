// Every login that connects to a workspace database applies its `role`
// setting (the writer group, so that what editors create is the group's).
// For a viewer and for the read-only login (the one BI tools use) that
// printed `WARNING: permission denied to set role "<db>_writer"` on every
// session (issue 24, item 1). Each login connects with raw `pg` and keeps
// every notice the server sends.
import * as assert from 'node:assert/strict';
import { Client } from 'pg';
import { workspaceRoleNames } from '../../src/core/workspaceNames';
import { initializeCatalog } from '../../src/postgres/catalog/migrate';
import { addMember, createMember, revealPassword, setMemberRole } from '../../src/postgres/workspace/catalogCalls';
import { syncOwnSessionRole } from '../../src/postgres/workspace/sessionRoles';
import { createWorkspace } from '../../src/postgres/workspace/provisioning';
import { loginEndpoint, testServer } from './setup';
import { asSuperuser, loginAs, makePlatform, makeWorld, ORIGINS, unique, using, type ServerLogin } from './workspaceWorld';

/** What a new session of `login` acts as, and every notice it got. */
async function session(login: ServerLogin, database: string): Promise<{ actingAs: string; notices: string[] }> {
  const client = new Client({ host: login.host, port: login.port, user: login.user, password: login.password, database });
  const notices: string[] = [];
  client.on('notice', (n) => notices.push(`${n.severity ?? ''}: ${n.message}`));
  await client.connect();
  try {
    const actingAs = (await client.query<{ u: string }>('SELECT current_user AS u')).rows[0]!.u;
    return { actingAs, notices };
  } finally {
    await client.end();
  }
}

for (const origin of [...ORIGINS, 'made by 0.2.0 (catalog at migration 5)'] as const) {
  describe(`sessions of viewers and of the read-only login start without a warning (${origin} server)`, function () {
    this.timeout(120_000);

    it('a viewer and the read-only login act as themselves with no notice; editors, admins and the read/write login act as the writer group; a role change follows', async () => {
      let catalog: string;
      let slug: string;
      let dbName: string;
      let viewer: ServerLogin;
      let editor: ServerLogin;
      const platform = await makePlatform();
      if (origin === 'made by 0.2.0 (catalog at migration 5)') {
        catalog = unique('catalog');
        await initializeCatalog(platform, catalog, { upTo: 5 });
        const ws = await createWorkspace(platform, catalog, unique('Quiet 0.2'));
        ({ slug, dbName } = ws);
        const v = unique('vic');
        const e = unique('ed');
        viewer = loginAs(v, await using(platform, catalog, (c) => createMember(c, slug, v, 'viewer')));
        editor = loginAs(e, await using(platform, catalog, (c) => createMember(c, slug, e, 'editor')));
        // As 0.2.0 left it: the database's own setting, no login's, and every viewer's session warns.
        await asSuperuser(dbName, async (c) => {
          await c.query(`SELECT pg_catalog.set_config('role', 'none', false)`);
          for (const l of [workspaceRoleNames(dbName).rw, workspaceRoleNames(dbName).ro, v, e, platform.user]) {
            await c.query(`ALTER ROLE "${l}" IN DATABASE "${dbName}" RESET role`);
          }
          await c.query(`ALTER DATABASE "${dbName}" SET role = '${workspaceRoleNames(dbName).writer}'`);
        });
        // (Through PgBouncer a session's start-up warnings reach PgBouncer, not its client.)
        if (!loginEndpoint().pooler) {
          assert.match((await session(viewer, dbName)).notices.join('\n'), /permission denied to set role/);
        }
        await initializeCatalog(platform, catalog);
      } else {
        const w = await makeWorld({ workspace: unique('Quiet'), other: unique('Quiet other') }, { origin });
        ({ catalog } = w);
        ({ slug, dbName } = w.workspace);
        viewer = w.viewer;
        editor = w.editor;
      }
      const roles = workspaceRoleNames(dbName);
      const ro = loginAs(roles.ro, (await using(editor, catalog, (c) => revealPassword(c, slug, 'ro', 'reveal'))).password);
      const rw = loginAs(roles.rw, (await using(editor, catalog, (c) => revealPassword(c, slug, 'rw', 'reveal'))).password);

      assert.deepEqual(await session(viewer, dbName), { actingAs: viewer.user, notices: [] });
      assert.deepEqual(await session(ro, dbName), { actingAs: roles.ro, notices: [] });
      assert.deepEqual(await session(editor, dbName), { actingAs: roles.writer, notices: [] });
      assert.deepEqual(await session(rw, dbName), { actingAs: roles.writer, notices: [] });

      // The viewer becomes an editor, the editor a viewer: each session follows, still without a notice.
      await using(platform, catalog, async (c) => {
        await setMemberRole(c, slug, viewer.user, 'editor');
        await setMemberRole(c, slug, editor.user, 'viewer');
      });
      assert.deepEqual(await session(viewer, dbName), { actingAs: roles.writer, notices: [] });
      assert.deepEqual(await session(editor, dbName), { actingAs: editor.user, notices: [] });
      // The platform login acts as the writer group too (what it creates is the group's).
      assert.deepEqual(await session(platform, dbName), { actingAs: roles.writer, notices: [] });
    });
  });
}

describe("a member whose login the platform did not create sets its own session role (PostgreSQL 16+ lets only the creator, or the login itself)", function () {
  this.timeout(60_000);
  it('acts as the writer group once its own VS Code set it, and as itself again once a viewer', async () => {
    const w = await makeWorld({ workspace: unique('Self set'), other: unique('Self other') });
    const outsider = loginAs(unique('outsider'), 'Outsider-pw-1');
    await asSuperuser('postgres', (c) => c.query(`CREATE ROLE ${outsider.user} LOGIN PASSWORD '${outsider.password}'`));
    await using(w.admin, w.catalog, (c) => addMember(c, w.workspace.slug, outsider.user, 'editor'));
    const writer = workspaceRoleNames(w.workspace.dbName).writer;
    const first = await session(outsider, w.workspace.dbName);
    assert.equal(first.notices.length, 0);
    // The workspace admin could not set it (only its creator, a superuser here, or itself): it sets its own.
    assert.equal(await using(outsider, w.catalog, (c) => syncOwnSessionRole(c, w.workspace.dbName, 'editor')), first.actingAs !== writer);
    assert.deepEqual(await session(outsider, w.workspace.dbName), { actingAs: writer, notices: [] });
    assert.equal(await using(outsider, w.catalog, (c) => syncOwnSessionRole(c, w.workspace.dbName, 'editor')), false, 'set twice');
    await using(w.admin, w.catalog, (c) => setMemberRole(c, w.workspace.slug, outsider.user, 'viewer'));
    await using(outsider, w.catalog, (c) => syncOwnSessionRole(c, w.workspace.dbName, 'viewer'));
    assert.deepEqual(await session(outsider, w.workspace.dbName), { actingAs: outsider.user, notices: [] });
  });
});

describe('a workspace made now: its read-only login is quiet from the first session', function () {
  this.timeout(60_000);
  it('creates it with the setting in place', async () => {
    const platform = await makePlatform();
    const catalog = unique('catalog');
    await initializeCatalog(platform, catalog);
    const ws = await createWorkspace(platform, catalog, unique('Fresh quiet'));
    const roles = workspaceRoleNames(ws.dbName);
    const password = (await using(platform, catalog, (c) => revealPassword(c, ws.slug, 'ro', 'reveal'))).password;
    assert.deepEqual(await session(loginAs(roles.ro, password), ws.dbName), { actingAs: roles.ro, notices: [] });
    assert.ok(testServer());
  });
});

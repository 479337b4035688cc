// Archive and restore a workspace (OpenHEXA's #1988): both database passwords rotate, the shared
// logins and the members are refused at once (open sessions ended), the workspace leaves members'
// lists; restore gives it back with new passwords. Delete Workspace rotates first.
import * as assert from 'node:assert/strict';
import type { Client } from 'pg';
import { workspaceRoleNames } from '../../src/core/workspaceNames';
import { archiveWorkspace, restoreWorkspace } from '../../src/postgres/workspace/archive';
import { listWorkspaces, revealPassword } from '../../src/postgres/workspace/catalogCalls';
import { deleteWorkspace } from '../../src/postgres/workspace/provisioning';
import { loginEndpoint, testServer } from './setup';
import { makeWorld, loginAs, refused, rejectsWith, using, clientAs, type ServerLogin, type World } from './workspaceWorld';

describe('Archive and Restore Workspace, each login through its own connection', function () {
  this.timeout(120_000);
  let w: World;
  const catalog = <T>(who: ServerLogin, run: (c: Client) => Promise<T>): Promise<T> => using(who, w.catalog, run);
  const shared = async (kind: 'rw' | 'ro'): Promise<ServerLogin> => {
    const { password } = await catalog(w.platform, (c) => revealPassword(c, w.workspace.slug, kind, 'reveal'));
    return loginAs(kind === 'rw' ? workspaceRoleNames(w.workspace.dbName).rw : workspaceRoleNames(w.workspace.dbName).ro, password);
  };
  const connects = (who: ServerLogin): Promise<void> => using(who, w.workspace.dbName, async (c) => void (await c.query('SELECT 1')));
  /** Connects once it may: PgBouncer refuses a login's clients itself for server_login_retry after the server refused it. */
  const connectsAgain = async (who: ServerLogin): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await connects(who);
      } catch (err) {
        if (!loginEndpoint().pooler || attempt >= 20 || !/^server login has been failing/.test((err as Error).message)) {
          throw err;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  };

  before(async () => {
    w = await makeWorld({ workspace: 'Archive "me"', other: 'Archive elsewhere' });
    await using(w.editor, w.workspace.dbName, (c) => c.query("CREATE TABLE kept (id int); INSERT INTO kept VALUES (1), (2)"));
  });

  it('archiving refuses both shared logins (old and new passwords) and every member at once, ends their open sessions, and hides the workspace from members', async () => {
    const [rwBefore, roBefore] = [await shared('rw'), await shared('ro')];
    await connects(rwBefore);
    await connects(roBefore);
    // A BI tool's session, open when the workspace is archived.
    const open = await clientAs(roBefore, w.workspace.dbName);
    const ended = new Promise<Error>((resolve) => open.on('error', resolve));
    await rejectsWith(catalog(w.admin, (c) => archiveWorkspace(c, w.workspace.slug)), 'notAllowed');
    const result = await catalog(w.platform, (c) => archiveWorkspace(c, w.workspace.slug));
    assert.ok(result.closed >= 1, JSON.stringify(result));
    if (loginEndpoint().pooler) {
      // Through PgBouncer its server connection was ended, not the tool's own: its next query finds no way in.
      await refused(open.query('SELECT 1'), '28P01');
    } else {
      assert.match((await ended).message, /terminat/i);
    }
    await open.end().catch(() => undefined);
    // The old passwords are refused…
    await refused(connects(rwBefore), '28P01');
    await refused(connects(roBefore), '28P01');
    // …and so are the new ones, and the members: no CONNECT any more.
    for (const who of [await shared('rw'), await shared('ro'), w.viewer, w.editor, w.admin]) {
      await refused(connects(who), '42501');
    }
    assert.ok(!(await catalog(w.admin, (c) => listWorkspaces(c))).some((x) => x.slug === w.workspace.slug));
    await rejectsWith(catalog(w.admin, (c) => revealPassword(c, w.workspace.slug, 'ro', 'reveal')), 'notAllowed');
    assert.equal((await catalog(w.platform, (c) => listWorkspaces(c))).find((x) => x.slug === w.workspace.slug)?.status, 'archived');
  });

  it('restoring brings the members and the shared logins back with new passwords, the data kept', async () => {
    const archivedRw = await shared('rw');
    await catalog(w.platform, (c) => restoreWorkspace(c, w.workspace.slug));
    await refused(connects(archivedRw), '28P01');
    const rw = await shared('rw');
    assert.notEqual(rw.password, archivedRw.password);
    await connectsAgain(rw);
    await connectsAgain(await shared('ro'));
    for (const who of [w.viewer, w.editor, w.admin]) {
      await connectsAgain(who);
    }
    assert.deepEqual(await using(w.viewer, w.workspace.dbName, async (c) => (await c.query('SELECT count(*)::int AS n FROM kept')).rows[0].n), 2);
    assert.equal((await catalog(w.admin, (c) => listWorkspaces(c))).find((x) => x.slug === w.workspace.slug)?.status, 'ready');
    await using(w.editor, w.workspace.dbName, (c) => c.query('INSERT INTO kept VALUES (3)'));
  });

  it('Delete Workspace rotates both passwords first: a delete that fails still cuts off whoever held them', async () => {
    const roles = workspaceRoleNames(w.other.dbName);
    const old = (await catalog(w.platform, (c) => revealPassword(c, w.other.slug, 'ro', 'reveal'))).password;
    const ro = loginAs(roles.ro, old);
    await using(ro, w.other.dbName, (c) => c.query('SELECT 1'));
    // A superuser's session the platform login may not end: the drop fails.
    const holder = await testServer().connect({ database: w.other.dbName });
    try {
      await rejectsWith(deleteWorkspace(w.platform, w.catalog, w.other.slug), 'databaseInUse');
    } finally {
      await holder.end();
    }
    await refused(using(ro, w.other.dbName, (c) => c.query('SELECT 1')), '28P01');
    await deleteWorkspace(w.platform, w.catalog, w.other.slug);
  });
});

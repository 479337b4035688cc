// A member's new role reaches the sessions they already have open: a
// session keeps the role it started with (an editor's acts as the writer
// group), so a member made viewer or removed must not go on writing in a
// notebook left open, nor, through PgBouncer, in a server connection the
// pooler keeps for their login. Each member through their own login.
import * as assert from 'node:assert/strict';
import type { Client } from 'pg';
import { createMember, removeMember, setMemberRole } from '../../src/postgres/workspace/catalogCalls';
import { loginEndpoint } from './setup';
import { clientAs, loginAs, makeWorld, refused, unique, using, type ServerLogin, type World } from './workspaceWorld';

/**
 * Whether this open session can still write the table (true), is refused
 * (false), or was ended (undefined). Through PgBouncer a client's next
 * transaction gets a fresh server session instead of an ended one: refused.
 */
async function writes(c: Client, table: string): Promise<boolean | undefined> {
  try {
    const attempt = (async (): Promise<true> => {
      await c.query(`INSERT INTO public.${table} VALUES (1)`);
      await c.query(`DELETE FROM public.${table}`);
      return true;
    })();
    // Through PgBouncer a removed member's next query waits for a server login the server refuses: it never writes.
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), 5_000)));
    attempt.catch(() => undefined);
    const result = await Promise.race([attempt, stuck]).finally(() => clearTimeout(timer));
    return result;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === '42501') {
      return false;
    }
    // 57P01: terminated by an administrator; no code: the connection is gone.
    return undefined;
  }
}

/** A session left open, as a notebook keeps one; an ended session's error is expected. */
async function openSession(login: ServerLogin, database: string): Promise<Client> {
  const c = await clientAs(login, database);
  c.on('error', () => undefined);
  return c;
}

describe('a role change reaches the sessions a member has open', function () {
  this.timeout(120_000);
  let w: World;
  const table = 'role_change_probe';

  before(async () => {
    w = await makeWorld({ workspace: unique('Role change'), other: unique('Role change other') });
    await using(w.editor, w.workspace.dbName, (c) => c.query(`CREATE TABLE public.${table} (id int)`));
  });

  async function member(role: 'viewer' | 'editor'): Promise<ServerLogin> {
    const user = unique(`sessions_${role}`);
    return loginAs(user, await using(w.admin, w.catalog, (c) => createMember(c, w.workspace.slug, user, role)));
  }

  it('an editor made viewer: the session opened before is ended, and no new one writes', async () => {
    const mia = await member('editor');
    const notebook = await openSession(mia, w.workspace.dbName);
    try {
      assert.equal(await writes(notebook, table), true);
      const ended = await using(w.admin, w.catalog, (c) => setMemberRole(c, w.workspace.slug, mia.user, 'viewer'));
      assert.deepEqual(ended, { closed: 1, leftOpen: 0 });
      assert.notEqual(await writes(notebook, table), true, 'the old session went on writing as the writer group');
      await using(mia, w.workspace.dbName, (c) => refused(c.query(`INSERT INTO public.${table} VALUES (2)`), '42501'));
    } finally {
      await notebook.end().catch(() => undefined);
    }
  });

  it('a removed member: every session on the workspace database is ended', async () => {
    const tom = await member('editor');
    const sessions = await Promise.all([0, 1].map(() => openSession(tom, w.workspace.dbName)));
    try {
      const ended = await using(w.admin, w.catalog, (c) => removeMember(c, w.workspace.slug, tom.user));
      // Through PgBouncer two idle clients may share one server session.
      assert.deepEqual(ended, { closed: loginEndpoint().pooler ? ended.closed : 2, leftOpen: 0 });
      assert.ok(ended.closed >= 1);
      for (const s of sessions) {
        assert.notEqual(await writes(s, table), true);
      }
    } finally {
      await Promise.all(sessions.map((s) => s.end().catch(() => undefined)));
    }
  });

  it('a viewer made editor: an idle session is ended so the next starts as the writer group; editor to admin ends nothing', async () => {
    const ana = await member('viewer');
    const idle = await openSession(ana, w.workspace.dbName);
    try {
      assert.equal(await writes(idle, table), false);
      assert.deepEqual(await using(w.admin, w.catalog, (c) => setMemberRole(c, w.workspace.slug, ana.user, 'editor')), { closed: 1, leftOpen: 0 });
      assert.equal(await using(ana, w.workspace.dbName, (c) => writes(c, table)), true);
      const kept = await clientAs(ana, w.workspace.dbName);
      try {
        assert.deepEqual(await using(w.admin, w.catalog, (c) => setMemberRole(c, w.workspace.slug, ana.user, 'admin')), { closed: 0, leftOpen: 0 });
        assert.equal(await writes(kept, table), true);
      } finally {
        await kept.end();
      }
    } finally {
      await idle.end().catch(() => undefined);
    }
  });

  it('ends only the sessions of a member whose role the caller just changed, and only for an admin of the workspace', async () => {
    const bystander = await member('editor');
    const open = await clientAs(bystander, w.workspace.dbName);
    try {
      await using(w.admin, w.catalog, (c) => refused(c.query('SELECT * FROM openhexa.end_member_sessions($1, $2)', [w.workspace.slug, bystander.user]), '42501'));
      await using(w.editor, w.catalog, (c) => refused(c.query('SELECT * FROM openhexa.end_member_sessions($1, $2)', [w.workspace.slug, bystander.user]), '42501'));
      assert.equal(await writes(open, table), true, 'a session of a member nobody changed was ended');
    } finally {
      await open.end();
    }
  });

  it("a workspace's sessions are ended only by a platform admin (Create Workspace, Initialize Server, Delete Workspace)", async () => {
    const bystander = await member('editor');
    const open = await openSession(bystander, w.workspace.dbName);
    try {
      for (const who of [w.admin, w.editor, w.viewer]) {
        await using(who, w.catalog, (c) => refused(c.query('SELECT * FROM openhexa.end_workspace_sessions($1, NULL, false)', [w.workspace.slug]), '42501'));
      }
      assert.equal(await writes(open, table), true, 'a member ended another login\'s session');
    } finally {
      await open.end();
    }
  });
});

describe('a session role the platform sets reaches the sessions already open', function () {
  this.timeout(120_000);
  const table = 'upgrade_probe';

  it('Initialize Server moving a 0.1.0 workspace to per-login roles ends the idle session an editor had open, so the next one writes as the writer group', async () => {
    let held: Client | undefined;
    const w = await makeWorld(
      { workspace: unique('Upgrade sessions'), other: unique('Upgrade other') },
      {
        origin: 'upgraded from 0.1.0',
        seed: async (world) => {
          await using(world.editor, world.workspace.dbName, (c) => c.query(`CREATE TABLE public.${table} (id int)`));
          // Open across the upgrade, idle: a notebook between two cells, or a server connection PgBouncer keeps.
          held = await openSession(world.editor, world.workspace.dbName);
        },
      },
    );
    try {
      assert.ok(held);
      assert.equal(await writes(held, table), loginEndpoint().pooler ? true : undefined, 'the session opened before the upgrade went on with its old role');
      assert.equal(await using(w.editor, w.workspace.dbName, (c) => writes(c, table)), true);
      const actingAs = await using(w.editor, w.workspace.dbName, async (c) => (await c.query<{ u: string }>('SELECT current_user AS u')).rows[0]!.u);
      assert.equal(actingAs, `${w.workspace.dbName}_writer`);
    } finally {
      await held?.end().catch(() => undefined);
    }
  });
});

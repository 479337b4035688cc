// An editor owns (through the writer group) what it creates, so PostgreSQL
// lets it hand write privileges to the readers: ALTER DEFAULT PRIVILEGES for
// tables made later, or a GRANT to PUBLIC (issue 23, finding 8). Through the
// editor's own login it does both; the read-only login then writes. The
// product reports it to whoever browses, and an admin takes it back: the
// read-only login and a viewer are refused again, tables made later too.
import * as assert from 'node:assert/strict';
import { workspaceRoleNames } from '../../src/core/workspaceNames';
import { PoolRegistry } from '../../src/postgres/pools';
import { noReaderWrites, readerWrites, revokeReaderWrites } from '../../src/postgres/workspace/readerWrites';
import { revealPassword } from '../../src/postgres/workspace/catalogCalls';
import { loginAs, makeWorld, refused, using, type ServerLogin, type World } from './workspaceWorld';

describe("write privileges an editor gives the readers are reported and taken back (finding 8)", function () {
  this.timeout(120_000);
  let w: World;
  let ro: ServerLogin;
  let roles: ReturnType<typeof workspaceRoleNames>;

  before(async () => {
    w = await makeWorld({ workspace: 'Delegated writes', other: 'Elsewhere' });
    roles = workspaceRoleNames(w.workspace.dbName);
    ro = loginAs(roles.ro, (await using(w.editor, w.catalog, (c) => revealPassword(c, w.workspace.slug, 'ro', 'reveal'))).password);
  });

  it('an editor can make the read-only login write; whoever browses is told which tables and defaults, then an admin takes it back', async () => {
    await using(w.editor, w.workspace.dbName, async (c) => {
      await c.query(`ALTER DEFAULT PRIVILEGES FOR ROLE "${roles.writer}" GRANT INSERT, UPDATE, DELETE ON TABLES TO "${roles.reader}"`);
      await c.query('CREATE TABLE later (id int PRIMARY KEY, note text)');
      await c.query('CREATE TABLE open_to_all (id int PRIMARY KEY)');
      await c.query('GRANT INSERT ON open_to_all TO PUBLIC');
      await c.query('CREATE SCHEMA survey');
      await c.query(`ALTER DEFAULT PRIVILEGES FOR ROLE "${roles.writer}" IN SCHEMA survey GRANT TRUNCATE ON TABLES TO PUBLIC`);
    });
    // The delegation works: that is PostgreSQL.
    await using(ro, w.workspace.dbName, (c) => c.query("INSERT INTO later VALUES (1, 'written by the read-only login')"));
    await using(w.viewer, w.workspace.dbName, (c) => c.query('INSERT INTO open_to_all VALUES (1)'));

    const pools = new PoolRegistry();
    try {
      const seen = await pools.browse({ ...w.viewer, database: w.workspace.dbName }, (c) => readerWrites(c, roles));
      assert.deepEqual(seen.tables, [
        { schema: 'public', name: 'later', privileges: ['DELETE', 'INSERT', 'UPDATE'] },
        { schema: 'public', name: 'open_to_all', privileges: ['DELETE', 'INSERT', 'UPDATE'] },
      ]);
      assert.deepEqual(seen.defaults, [
        { schema: null, privileges: ['DELETE', 'INSERT', 'UPDATE'] },
        { schema: 'survey', privileges: ['TRUNCATE'] },
      ]);
      // The viewer cannot take it back; an admin can.
      await assert.rejects(using(w.viewer, w.workspace.dbName, (c) => revokeReaderWrites(c, roles, seen)));
      await using(w.admin, w.workspace.dbName, (c) => revokeReaderWrites(c, roles, seen));
      assert.ok(noReaderWrites(await pools.browse({ ...w.viewer, database: w.workspace.dbName }, (c) => readerWrites(c, roles))));
    } finally {
      await pools.dispose();
    }
    await using(ro, w.workspace.dbName, (c) => refused(c.query("INSERT INTO later VALUES (2, 'x')"), '42501'));
    await using(w.viewer, w.workspace.dbName, (c) => refused(c.query('INSERT INTO open_to_all VALUES (2)'), '42501'));
    // Tables made later are read-only for the readers again.
    await using(w.editor, w.workspace.dbName, (c) => c.query('CREATE TABLE survey.after (id int PRIMARY KEY); CREATE TABLE after_repair (id int)'));
    await using(ro, w.workspace.dbName, async (c) => {
      await refused(c.query('INSERT INTO after_repair VALUES (1)'), '42501');
      await refused(c.query('TRUNCATE survey.after'), '42501');
      assert.equal((await c.query('SELECT count(*)::int AS n FROM after_repair')).rows[0].n, 0);
    });
  });
});

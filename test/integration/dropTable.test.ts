// Delete Table (OpenHEXA's deleteWorkspaceDatabaseTable), each member through their own login:
// what depends on a table is listed first, a plain DROP is refused while it does, CASCADE takes
// them too, and PostgreSQL refuses a viewer.
import * as assert from 'node:assert/strict';
import type { Client } from 'pg';
import { readOnly } from '../../src/postgres/readOnly';
import { dropPlan, dropTable } from '../../src/postgres/workspace/dropTable';
import { workspaceRoleNames } from '../../src/core/workspaceNames';
import { revealPassword } from '../../src/postgres/workspace/catalogCalls';
import { loginAs, makeWorld, refused, using, type ServerLogin, type World } from './workspaceWorld';

describe('Delete Table, each member through their own login', function () {
  this.timeout(120_000);
  let w: World;
  const data = <T>(who: ServerLogin, run: (c: Client) => Promise<T>): Promise<T> => using(who, w.workspace.dbName, run);
  const exists = (schema: string, name: string): Promise<boolean> =>
    data(w.editor, async (c) => (await c.query('SELECT pg_catalog.to_regclass($1) IS NOT NULL AS e', [`"${schema.replace(/"/g, '""')}"."${name.replace(/"/g, '""')}"`])).rows[0].e as boolean);

  before(async () => {
    w = await makeWorld({ workspace: 'Drop tables', other: 'Drop elsewhere' });
    await data(w.editor, (c) =>
      c.query(`CREATE SCHEMA "Données ""brutes""";
               CREATE TABLE "Données ""brutes"""."select" (id int PRIMARY KEY, district text);
               INSERT INTO "Données ""brutes"""."select" SELECT g, 'd' || g FROM generate_series(1, 500) g;
               ANALYZE "Données ""brutes"""."select";
               CREATE VIEW public.by_district AS SELECT district, count(*) FROM "Données ""brutes"""."select" GROUP BY district;
               CREATE MATERIALIZED VIEW public.snapshot AS SELECT * FROM "Données ""brutes"""."select";
               CREATE TABLE public.visits (id int PRIMARY KEY, site int REFERENCES "Données ""brutes"""."select" (id));
               CREATE TABLE public.lonely (id int)`),
    );
  });

  const table = { schema: 'Données "brutes"', name: 'select' };

  it('lists what depends on a table before it is deleted: views, materialized views and other tables\' foreign keys, with its row estimate', async () => {
    const plan = await data(w.viewer, (c) => readOnly(c, () => dropPlan(c, table)));
    assert.deepEqual(plan, {
      kind: 'table',
      rows: 500,
      dependents: [
        { kind: 'view', schema: 'public', name: 'by_district' },
        { kind: 'materialized view', schema: 'public', name: 'snapshot' },
        { kind: 'foreign key', schema: 'public', name: 'visits', constraint: 'visits_site_fkey' },
      ],
    });
    assert.equal(await data(w.viewer, (c) => readOnly(c, () => dropPlan(c, { schema: 'public', name: 'gone' }))), undefined);
  });

  it('PostgreSQL refuses a viewer\'s delete, and the read-only login\'s', async () => {
    await refused(data(w.viewer, (c) => dropTable(c, { ...table, kind: 'table' }, true)), '42501');
    await refused(data(w.viewer, (c) => dropTable(c, { schema: 'public', name: 'lonely', kind: 'table' }, false)), '42501');
    const roPassword = (await using(w.editor, w.catalog, (c) => revealPassword(c, w.workspace.slug, 'ro', 'reveal'))).password;
    const ro = loginAs(workspaceRoleNames(w.workspace.dbName).ro, roPassword);
    await refused(data(ro, (c) => dropTable(c, { schema: 'public', name: 'lonely', kind: 'table' }, false)), '42501');
    assert.ok(await exists('public', 'lonely'));
  });

  it('a plain delete is refused while something depends on the table, and leaves everything; CASCADE takes the table and its dependents', async () => {
    await refused(data(w.editor, (c) => dropTable(c, { ...table, kind: 'table' }, false)), '2BP01');
    assert.ok(await exists(table.schema, table.name));
    assert.ok(await exists('public', 'by_district'));
    await data(w.admin, (c) => dropTable(c, { ...table, kind: 'table' }, true));
    assert.equal(await exists(table.schema, table.name), false);
    assert.equal(await exists('public', 'by_district'), false);
    assert.equal(await exists('public', 'snapshot'), false);
    // The other table stays, without its foreign key.
    assert.ok(await exists('public', 'visits'));
  });

  it('an editor deletes a table nothing depends on', async () => {
    await data(w.editor, (c) => dropTable(c, { schema: 'public', name: 'lonely', kind: 'table' }, false));
    assert.equal(await exists('public', 'lonely'), false);
  });
});

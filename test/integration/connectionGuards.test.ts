// What a workspace admin writes lands on other members' machines (.env,
// terminals, kernels). Through the admin's own login with raw `pg`, the
// catalog must refuse every connection whose variables a program there reads
// (PROMPT_COMMAND, BASH_ENV, NODE_OPTIONS, GIT_SSH_COMMAND, LD_PRELOAD, PATH,
// WORKSPACE_DATABASE_*), an sslmode libpq does not know, and turning a kept
// secret into a plain field without a trace. Rows written by hand are refused
// too: the rules are triggers on the tables, not only checks in the functions.
import * as assert from 'node:assert/strict';
import type { Client } from 'pg';
import { asSuperuser, makeWorld, ORIGINS, refused, using, type ServerLogin, type World } from './workspaceWorld';

const CREATE = 'SELECT openhexa.create_connection($1, $2, $3, $4, $5, $6::jsonb) AS identifier';
const UPDATE = 'SELECT openhexa.update_connection($1, $2, $3, $4, $5::jsonb)';
const CHANGE = 'SELECT openhexa.change_connection_identifier($1, $2, $3)';
const FIELDS = 'SELECT code, value, secret, is_set FROM openhexa.connection_fields($1, $2)';

const field = (code: string, value: string, secret = false): { code: string; value: string; secret: boolean } => ({ code, value, secret });
const POSTGRES_FIELDS = [field('host', 'db.example.org'), field('port', '5432'), field('db_name', 'dwh'), field('username', 'u'), field('password', 'pw', true)];

for (const origin of ORIGINS) {
  describe(`connection guards: a workspace admin's names and flags (${origin} server)`, function () {
    this.timeout(180_000);
    let w: World;
    const as = <T>(who: ServerLogin, run: (c: Client) => Promise<T>): Promise<T> => using(who, w.catalog, run);
    const create = (c: Client, identifier: string, type: string, fields: readonly object[]): Promise<unknown> =>
      c.query(CREATE, [w.workspace.slug, identifier, identifier, type, '', JSON.stringify(fields)]);

    before(async () => {
      w = await makeWorld({ workspace: 'Guarded', other: 'Guarded elsewhere' }, { origin });
    });

    it('refuses identifiers and codes whose variables shells, the loader, Node, git, libpq or the SDK read, naming the variable and its reader', async () => {
      const attempts: [identifier: string, type: string, fields: object[], variable: string][] = [
        ['prompt', 'custom', [field('command', 'touch /tmp/pwned')], 'PROMPT'],
        ['bash', 'custom', [field('env', '/tmp/evil.sh')], 'BASH'],
        ['git-ssh', 'custom', [field('command', 'sh -c id')], 'GIT_SSH'],
        ['path', 'custom', [field('x', '1')], 'PATH'],
        ['workspace-database', 'postgresql', POSTGRES_FIELDS, 'WORKSPACE_DATABASE'],
        ['pg', 'postgresql', POSTGRES_FIELDS, 'PG'],
        ['https', 'custom', [field('proxy', 'http://evil:3128')], 'HTTPS_PROXY'],
      ];
      await as(w.admin, async (c) => {
        for (const [identifier, type, fields, variable] of attempts) {
          const err = await refused(create(c, identifier, type, fields), '22023');
          assert.match(err.message, new RegExp(`would set the variable ${variable}\\b.*, read by `), identifier);
        }
        // PREFIX alone is harmless for these; the field makes the variable a program reads.
        for (const [identifier, code, variable] of [['node', 'options', 'NODE_OPTIONS'], ['ld', 'preload', 'LD_PRELOAD']] as const) {
          const err = await refused(create(c, identifier, 'custom', [field(code, '--require /tmp/evil.js')]), '22023');
          assert.match(err.message, new RegExp(`variable ${variable}, read by `));
          assert.equal((await create(c, identifier, 'custom', []).then((r) => (r as { rows: { identifier: string }[] }).rows[0]!.identifier)), identifier);
          const added = await refused(c.query(UPDATE, [w.workspace.slug, identifier, identifier, '', JSON.stringify([field(code, 'x')])]), '22023');
          assert.match(added.message, new RegExp(`variable ${variable}, read by `));
        }
        // Renaming a harmless connection into a reserved prefix is refused the same way.
        await create(c, 'api', 'custom', [field('token', 't', true)]);
        assert.match((await refused(c.query(CHANGE, [w.workspace.slug, 'api', 'dyld-insert']), '22023')).message, /variable DYLD_INSERT, read by the dynamic loader/);
        assert.match((await refused(c.query(CHANGE, [w.workspace.slug, 'api', 'python']), '22023')).message, /variable PYTHON(_TOKEN)?, read by Python/);
        assert.deepEqual((await c.query(FIELDS, [w.workspace.slug, 'api'])).rows.map((r: { code: string }) => r.code), ['token']);
      });
      const identifiers = await asSuperuser(w.catalog, async (c) => (await c.query<{ identifier: string }>('SELECT identifier FROM openhexa.connections ORDER BY identifier')).rows.map((r) => r.identifier));
      assert.deepEqual(identifiers, ['api', 'ld', 'node']);
    });

    it('refuses such rows written by hand into the tables, even by the catalog owner', async () => {
      await asSuperuser(w.catalog, async (c) => {
        const ws = (await c.query<{ id: string }>('SELECT id FROM openhexa.workspaces WHERE slug = $1', [w.workspace.slug])).rows[0]!.id;
        await refused(c.query("INSERT INTO openhexa.connections (workspace_id, identifier, name, type) VALUES ($1, 'prompt', 'p', 'custom')", [ws]), '22023');
        await refused(c.query("UPDATE openhexa.connections SET identifier = 'bash' WHERE identifier = 'api'"), '22023');
        const node = (await c.query<{ id: string }>("SELECT id FROM openhexa.connections WHERE identifier = 'node'")).rows[0]!.id;
        await refused(c.query("INSERT INTO openhexa.connection_fields (connection_id, position, code, value, secret) VALUES ($1, 1, 'options', '--inspect', false)", [node]), '22023');
        await refused(c.query("UPDATE openhexa.connection_fields SET connection_id = $1 WHERE code = 'token'", [node]), '22023');
      });
      await using(w.platform, w.catalog, async (c) => {
        const ws = (await c.query<{ id: string }>('SELECT id FROM openhexa.workspaces WHERE slug = $1', [w.workspace.slug])).rows[0]!.id;
        await refused(c.query("INSERT INTO openhexa.connections (workspace_id, identifier, name, type) VALUES ($1, 'git', 'g', 'dhis2')", [ws]), '22023');
      });
    });

    it("refuses an sslmode libpq does not know (a test would pass over plain TCP), whoever writes it", async () => {
      await as(w.admin, async (c) => {
        for (const sslmode of ['VERIFY-FULL', 'verify_full', 'on']) {
          const err = await refused(create(c, 'dwh', 'postgresql', [...POSTGRES_FIELDS, field('sslmode', sslmode)]), '22023');
          assert.match(err.message, /not one of libpq's/);
        }
        await create(c, 'dwh', 'postgresql', [...POSTGRES_FIELDS, field('sslmode', 'verify-full')]);
      });
      await asSuperuser(w.catalog, async (c) => {
        await refused(c.query("UPDATE openhexa.connection_fields SET value = 'VERIFY-FULL' WHERE code = 'sslmode'"), '22023');
      });
    });

    it('keeps a kept secret secret: making it plain needs its value typed again, and the audit row names flag changes', async () => {
      await as(w.admin, async (c) => {
        await create(c, 'vault', 'custom', [field('token', 'tok-S3CRET', true), field('user', 'u')]);
        // The attack: keep "token" (no value) but say it is not secret; editors would then read it in clear.
        await refused(c.query(UPDATE, [w.workspace.slug, 'vault', 'vault', '', JSON.stringify([{ code: 'token', secret: false }, field('user', 'u')])]), '42501');
        // Making a plain field secret is fine, and recorded as a change.
        await c.query(UPDATE, [w.workspace.slug, 'vault', 'vault', '', JSON.stringify([{ code: 'token', secret: true }, { code: 'user', secret: true }])]);
      });
      await as(w.editor, async (c) => {
        const rows = (await c.query<{ code: string; value: string | null; secret: boolean }>(FIELDS, [w.workspace.slug, 'vault'])).rows;
        assert.deepEqual(rows.map((r) => [r.code, r.value, r.secret]), [['token', null, true], ['user', null, true]]);
      });
      const audit = await asSuperuser(w.catalog, async (c) => (await c.query<{ detail: { changed: string[] } }>("SELECT detail FROM openhexa.audit_log WHERE action = 'update_connection' AND detail->>'identifier' = 'vault' ORDER BY id")).rows);
      assert.deepEqual(audit.map((a) => a.detail.changed), [['user']]);
      // With its value typed again, a secret may become plain (the admin knows the value then).
      await as(w.admin, (c) => c.query(UPDATE, [w.workspace.slug, 'vault', 'vault', '', JSON.stringify([field('token', 'tok-S3CRET'), { code: 'user', secret: true }])]));
      const after = await as(w.editor, async (c) => (await c.query<{ code: string; secret: boolean }>(FIELDS, [w.workspace.slug, 'vault'])).rows);
      assert.deepEqual(after.map((r) => [r.code, r.secret]), [['token', false], ['user', true]]);
    });

    it('refuses a second connection of the same name and an identifier whose variables would mix with another\'s (issue 24), by hand too', async () => {
      await as(w.admin, async (c) => {
        await create(c, 'sandbox-read-only', 'custom', [field('token', 't', true)]);
        const twin = await refused(c.query(CREATE, [w.workspace.slug, 'sandbox-ro', ' SANDBOX-READ-ONLY ', 'custom', '', '[]']), '23505');
        assert.match(twin.message, /already has a connection named "sandbox-read-only" \(sandbox-read-only\)/);
        for (const mixing of ['sandbox', 'sandbox-read-only-0883']) {
          const err = await refused(create(c, mixing, 'custom', []), '23505');
          assert.match(err.message, /would mix its variables with those of "sandbox-read-only"/);
        }
        await refused(c.query(CHANGE, [w.workspace.slug, 'api', 'sandbox-read']), '23505');
        // The identifier is taken but the name is new: the suffix is glued on, and mixes with nothing.
        const glued = (await c.query<{ identifier: string }>(CREATE, [w.workspace.slug, 'sandbox-read-only', 'Sandbox read-only (2)', 'custom', '', '[]'])).rows[0]!.identifier;
        assert.match(glued, /^sandbox-read-only[0-9a-f]{4}$/);
      });
      await asSuperuser(w.catalog, async (c) => {
        const ws = (await c.query<{ id: string }>('SELECT id FROM openhexa.workspaces WHERE slug = $1', [w.workspace.slug])).rows[0]!.id;
        await refused(c.query("INSERT INTO openhexa.connections (workspace_id, identifier, name, type) VALUES ($1, 'sandbox-read-only-x', 'x', 'custom')", [ws]), '23505');
      });
    });
  });
}

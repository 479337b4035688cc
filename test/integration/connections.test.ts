// Workspace connections (docs/architecture.md §2-3), each member through their own login
// with raw `pg`: PostgreSQL itself keeps viewers from values, editors from
// changes, and every member from other workspaces' connections.
import * as assert from 'node:assert/strict';
import type { Client } from 'pg';
import type { ConnectionField } from '../../src/core/connections/connectionType';
import {
  changeConnectionIdentifier,
  connectionFields,
  connectionValues,
  createConnection,
  deleteConnection,
  listConnections,
  updateConnection,
  type NewConnection,
} from '../../src/postgres/connections/connectionCalls';
import { deleteWorkspace } from '../../src/postgres/workspace/provisioning';
import { asSuperuser, makeWorld, ORIGINS, refused, rejectsWith, using, type ServerLogin, type World } from './workspaceWorld';

/** A string no function may return to someone who must not read secrets. */
const MARKER = 'S3CRET-marker-7f1c';

const KEY = JSON.stringify({
  type: 'service_account',
  project_id: 'p',
  private_key_id: 'k',
  private_key: `-----BEGIN PRIVATE KEY-----\n${MARKER}\n-----END PRIVATE KEY-----\n`,
  client_email: 'sa@p.iam.gserviceaccount.com',
  token_uri: 'https://oauth2.googleapis.com/token',
});

const SIX: readonly NewConnection[] = [
  {
    identifier: 'dwh',
    name: 'DWH',
    type: 'postgresql',
    description: 'The data warehouse',
    fields: [
      { code: 'host', value: 'db.example.org', secret: false },
      { code: 'port', value: '5432', secret: false },
      { code: 'db_name', value: 'dwh', secret: false },
      { code: 'username', value: 'analyst', secret: false },
      { code: 'password', value: `pg-${MARKER}`, secret: true },
      { code: 'sslmode', value: 'require', secret: false },
    ],
  },
  {
    identifier: 'dhis2-national',
    name: 'DHIS2 national',
    type: 'dhis2',
    description: '',
    fields: [
      { code: 'url', value: 'https://dhis2.example.org', secret: false },
      { code: 'username', value: 'admin', secret: false },
      { code: 'password', value: `dhis2-${MARKER}`, secret: true },
    ],
  },
  {
    identifier: 'iaso',
    name: 'IASO',
    type: 'iaso',
    description: '',
    fields: [
      { code: 'url', value: 'https://iaso.example.org', secret: false },
      { code: 'username', value: 'u', secret: false },
      { code: 'password', value: `iaso-${MARKER}`, secret: true },
    ],
  },
  {
    identifier: 'lake',
    name: 'Lake',
    type: 's3',
    description: '',
    fields: [
      { code: 'bucket_name', value: 'lake', secret: false },
      { code: 'access_key_id', value: 'AKIAEXAMPLE', secret: false },
      { code: 'access_key_secret', value: `s3-${MARKER}`, secret: true },
    ],
  },
  { identifier: 'gcs', name: 'GCS', type: 'gcs', description: '', fields: [{ code: 'bucket_name', value: 'b', secret: false }, { code: 'service_account_key', value: KEY, secret: true }] },
  {
    identifier: 'api',
    name: 'API',
    type: 'custom',
    description: '',
    fields: [
      { code: 'base_url', value: 'https://api.example.org', secret: false },
      { code: 'api-key', value: `custom-${MARKER}`, secret: true },
    ],
  },
];

const values = (fields: readonly ConnectionField[]): Record<string, string> => Object.fromEntries(fields.map((f) => [f.code, f.value]));

for (const origin of ORIGINS) {
  describe(`workspace connections, each member through their own login (${origin} server)`, function () {
    this.timeout(180_000);
    let w: World;
    const as = <T>(who: ServerLogin, run: (c: Client) => Promise<T>): Promise<T> => using(who, w.catalog, run);
    const auditRows = (actor: string): Promise<number> =>
      asSuperuser(w.catalog, async (c) => (await c.query<{ n: number }>("SELECT count(*)::int AS n FROM openhexa.audit_log WHERE actor = $1 AND action LIKE 'connection\\_%'", [actor])).rows[0]!.n);

    before(async () => {
      w = await makeWorld({ workspace: 'Connections "Nord"', other: 'Connections elsewhere' }, { origin });
      await as(w.admin, async (c) => {
        for (const connection of SIX) {
          assert.equal(await createConnection(c, w.workspace.slug, connection), connection.identifier);
        }
      });
      await as(w.platform, (c) => createConnection(c, w.other.slug, { ...SIX[0]!, identifier: 'theirs', name: 'Theirs' }));
    });

    describe('viewer', () => {
      it('lists name, type, identifier and description, and nothing else', async () => {
        const list = await as(w.viewer, (c) => listConnections(c, w.workspace.slug));
        assert.deepEqual(
          list.map((x) => [x.name, x.type, x.identifier, x.description]),
          [
            ['API', 'custom', 'api'],
            ['DHIS2 national', 'dhis2', 'dhis2-national'],
            ['DWH', 'postgresql', 'dwh'],
            ['GCS', 'gcs', 'gcs'],
            ['IASO', 'iaso', 'iaso'],
            ['Lake', 's3', 'lake'],
          ].map(([name, type, identifier]) => [name, type, identifier, identifier === 'dwh' ? 'The data warehouse' : '']),
        );
      });

      it('reads no value, secret or not, through the functions or the tables', async () => {
        await as(w.viewer, async (c) => {
          await refused(c.query('SELECT * FROM openhexa.connection_fields($1, $2)', [w.workspace.slug, 'dwh']), '42501');
          await refused(c.query('SELECT openhexa.log_connection_access($1, $2, $3)', [w.workspace.slug, 'dwh', 'reveal']), '42501');
          await refused(c.query('SELECT * FROM openhexa.connections'), '42501');
          await refused(c.query('SELECT * FROM openhexa.connection_fields'), '42501');
          await refused(c.query('SELECT * FROM openhexa.connection_type_fields'), '42501');
          await refused(c.query('SELECT * FROM openhexa._connection($1, $2, $3)', [w.workspace.slug, 'dwh', 'viewer']), '42501');
        });
      });

      it('a scan of every function and table the viewer may use finds no value', async () => {
        // An editor's committed record, so the record-taking functions have something to refuse.
        await as(w.editor, (c) => connectionValues(c, w.workspace.slug, 'dwh', 'reveal'));
        const record = await asSuperuser(w.catalog, async (c) => (await c.query<{ id: string }>('SELECT max(id)::text AS id FROM openhexa.audit_log')).rows[0]!.id);
        await as(w.viewer, async (c) => {
          const tables = await c.query<{ t: string }>(
            `SELECT c.oid::regclass::text AS t FROM pg_class c
              WHERE c.relnamespace IN ('openhexa'::regnamespace, 'public'::regnamespace) AND c.relkind IN ('r', 'v', 'm', 'p', 'f')
                AND has_table_privilege(current_user, c.oid, 'SELECT')`,
          );
          assert.deepEqual(tables.rows, []);
          const functions = await c.query<{ name: string; args: string[] }>(
            `SELECT p.proname AS name, array(SELECT format_type(t, NULL) FROM unnest(p.proargtypes) t) AS args
               FROM pg_proc p WHERE p.pronamespace = 'openhexa'::regnamespace AND has_function_privilege(current_user, p.oid, 'EXECUTE')`,
          );
          assert.ok(functions.rows.some((f) => f.name === 'connection_values'));
          for (const f of functions.rows) {
            let texts = 0;
            const args = f.args.map((type) => (type === 'text' ? [w.workspace.slug, 'dwh', 'reveal', 'x'][texts++] : type === 'bigint' ? record : type === 'jsonb' ? '[]' : null));
            const placeholders = args.map((_, i) => `$${i + 1}`).join(', ');
            const result = await c.query(`SELECT * FROM openhexa.${f.name}(${placeholders})`, args).then(
              (r) => JSON.stringify(r.rows),
              (err: Error) => err.message,
            );
            assert.ok(!result.includes(MARKER), `${f.name}(${f.args.join(', ')}) returned a secret to a viewer`);
          }
        });
      });

      it('cannot create, edit, rename or delete', async () => {
        await as(w.viewer, async (c) => {
          await rejectsWith(createConnection(c, w.workspace.slug, { ...SIX[5]!, identifier: 'mine' }), 'notAllowed');
          await rejectsWith(updateConnection(c, w.workspace.slug, 'api', { name: 'x', description: '', fields: [] }), 'notAllowed');
          await rejectsWith(changeConnectionIdentifier(c, w.workspace.slug, 'api', 'api2'), 'notAllowed');
          await rejectsWith(deleteConnection(c, w.workspace.slug, 'api'), 'notAllowed');
        });
      });
    });

    describe('editor', () => {
      it('reads the fields with secrets masked, then every value once the read is recorded and committed', async () => {
        const masked = await as(w.editor, (c) => connectionFields(c, w.workspace.slug, 'dwh'));
        assert.deepEqual(masked, [
          { code: 'host', secret: false, value: 'db.example.org' },
          { code: 'port', secret: false, value: '5432' },
          { code: 'db_name', secret: false, value: 'dwh' },
          { code: 'username', secret: false, value: 'analyst' },
          { code: 'password', secret: true, isSet: true },
          { code: 'sslmode', secret: false, value: 'require' },
        ]);
        const before = await auditRows(w.editor.user);
        for (const connection of SIX) {
          const read = await as(w.editor, (c) => connectionValues(c, w.workspace.slug, connection.identifier, 'use'));
          assert.deepEqual(read, connection.fields);
        }
        assert.equal(await auditRows(w.editor.user), before + SIX.length);
      });

      it('gets no value inside a transaction that would hide the record, and leaves no row', async () => {
        const before = await auditRows(w.editor.user);
        await as(w.editor, async (c) => {
          await c.query('BEGIN');
          const record = (await c.query<{ record: string }>('SELECT openhexa.log_connection_access($1, $2, $3) AS record', [w.workspace.slug, 'lake', 'reveal'])).rows[0]!.record;
          await refused(c.query('SELECT * FROM openhexa.connection_values($1)', [record]), '55000');
          await c.query('ROLLBACK');
        });
        assert.equal(await auditRows(w.editor.user), before);
      });

      it("cannot use someone else's record", async () => {
        const record = (await as(w.admin, (c) => c.query<{ record: string }>('SELECT openhexa.log_connection_access($1, $2, $3) AS record', [w.workspace.slug, 'lake', 'copy']))).rows[0]!.record;
        await as(w.editor, (c) => refused(c.query('SELECT * FROM openhexa.connection_values($1)', [record]), '42501'));
      });

      it('cannot create, edit, rename or delete', async () => {
        await as(w.editor, async (c) => {
          await rejectsWith(createConnection(c, w.workspace.slug, { ...SIX[5]!, identifier: 'mine' }), 'notAllowed', /admin/);
          await rejectsWith(updateConnection(c, w.workspace.slug, 'api', { name: 'x', description: '', fields: [] }), 'notAllowed');
          await rejectsWith(changeConnectionIdentifier(c, w.workspace.slug, 'api', 'api2'), 'notAllowed');
          await rejectsWith(deleteConnection(c, w.workspace.slug, 'api'), 'notAllowed');
        });
        assert.equal((await as(w.viewer, (c) => listConnections(c, w.workspace.slug))).length, SIX.length);
      });
    });

    describe('admin', () => {
      it('an edit that does not touch the secrets keeps them (OpenHEXA bug #497); one that does replaces or clears them', async () => {
        await as(w.admin, async (c) => {
          await updateConnection(c, w.workspace.slug, 'dwh', {
            name: 'Warehouse',
            description: 'renamed',
            fields: [
              { code: 'host', secret: false, value: 'db2.example.org' },
              { code: 'port', secret: false, value: '5433' },
              { code: 'db_name', secret: false, value: 'dwh' },
              { code: 'username', secret: false, value: 'analyst' },
              { code: 'password', secret: true },
            ],
          });
          const after = await connectionValues(c, w.workspace.slug, 'dwh', 'reveal');
          assert.deepEqual(values(after), { host: 'db2.example.org', port: '5433', db_name: 'dwh', username: 'analyst', password: `pg-${MARKER}` });
          const listed = (await listConnections(c, w.workspace.slug)).find((x) => x.identifier === 'dwh');
          assert.deepEqual([listed?.name, listed?.description], ['Warehouse', 'renamed']);
          // Replace, then clear an optional secret.
          await updateConnection(c, w.workspace.slug, 'lake', {
            name: 'Lake',
            description: '',
            fields: [
              { code: 'bucket_name', secret: false, value: 'lake' },
              { code: 'access_key_id', secret: false, value: '' },
              { code: 'access_key_secret', secret: true, value: '' },
            ],
          });
          assert.deepEqual(await connectionFields(c, w.workspace.slug, 'lake'), [
            { code: 'bucket_name', secret: false, value: 'lake' },
            { code: 'access_key_id', secret: false, value: '' },
            { code: 'access_key_secret', secret: true, isSet: false },
          ]);
        });
      });

      it('an edit is all or nothing: a bad field leaves the name and every value as they were', async () => {
        await as(w.admin, async (c) => {
          const before = await connectionValues(c, w.workspace.slug, 'iaso', 'reveal');
          await rejectsWith(
            updateConnection(c, w.workspace.slug, 'iaso', {
              name: 'Changed',
              description: '',
              fields: [
                { code: 'url', secret: false, value: 'https://changed.example.org' },
                { code: 'username', secret: false, value: 'changed' },
                { code: 'password', secret: false, value: 'in the clear' },
              ],
            }),
            'invalid',
            /"password" of iaso connections must be secret/,
          );
          await rejectsWith(
            updateConnection(c, w.workspace.slug, 'iaso', { name: 'Changed', description: '', fields: [{ code: 'url', secret: false, value: 'https://changed.example.org' }, { code: 'username', secret: false }] }),
            'invalid',
            /"username" has no stored value to keep|"password" of iaso connections is required/,
          );
          assert.deepEqual(await connectionValues(c, w.workspace.slug, 'iaso', 'reveal'), before);
          assert.equal((await listConnections(c, w.workspace.slug)).find((x) => x.identifier === 'iaso')?.name, 'IASO');
        });
      });

      it('the server applies the type rules whoever calls: secret flags, known fields, required ones, reserved and colliding custom codes', async () => {
        await as(w.admin, async (c) => {
          const bad = (fields: ConnectionField[], type: NewConnection['type'] = 'iaso'): Promise<string> => createConnection(c, w.workspace.slug, { identifier: 'bad', name: 'Bad', type, description: '', fields });
          const iaso = SIX[2]!.fields;
          await rejectsWith(bad([...iaso.slice(0, 2), { code: 'password', value: 'p', secret: false }]), 'invalid', /must be secret/);
          await rejectsWith(bad([...iaso, { code: 'extra', value: 'x', secret: false }]), 'invalid', /"extra" is not a field of iaso/);
          await rejectsWith(bad(iaso.slice(0, 2)), 'invalid', /"password" of iaso connections is required/);
          await rejectsWith(bad([...iaso, iaso[0]!]), 'invalid', /given twice/);
          await rejectsWith(bad([{ code: 'Description', value: 'x', secret: false }], 'custom'), 'invalid', /reserved/);
          await rejectsWith(bad([{ code: 'api-key', value: 'x', secret: true }, { code: 'API_KEY', value: 'y', secret: true }], 'custom'), 'invalid', /same environment variable/);
          await rejectsWith(bad([{ code: 'a b', value: 'x', secret: false }], 'custom'), 'invalid', /letters, digits/);
          await rejectsWith(createConnection(c, w.workspace.slug, { ...SIX[2]!, type: 'ftp' as NewConnection['type'] }), 'invalid', /unknown connection type/);
          assert.equal((await listConnections(c, w.workspace.slug)).some((x) => x.identifier.startsWith('bad')), false);
        });
      });

      it('identifiers: a taken one gets a short random suffix, glued on (a hyphen would start a prefix of the first one\'s variables), one starting with a digit is refused with the reason, the table backs it up', async () => {
        await as(w.admin, async (c) => {
          const again = await createConnection(c, w.workspace.slug, { ...SIX[2]!, name: 'IASO twin' });
          assert.match(again, /^iaso[0-9a-f]{4}$/);
          const long = 'a'.repeat(40);
          const longAgain = [await createConnection(c, w.workspace.slug, { ...SIX[2]!, identifier: long, name: 'Long' }), await createConnection(c, w.workspace.slug, { ...SIX[2]!, identifier: long, name: 'Long 2' })];
          assert.equal(longAgain[0], long);
          assert.match(longAgain[1]!, /^a{36}[0-9a-f]{4}$/);
          await rejectsWith(createConnection(c, w.workspace.slug, { ...SIX[2]!, identifier: '2024-survey', name: '2024 survey' }), 'invalid', /starts with a digit.*shells refuse/);
          await rejectsWith(createConnection(c, w.workspace.slug, { ...SIX[2]!, identifier: 'Bad_Id', name: 'x' }), 'invalid', /only a-z, 0-9/);
          for (const id of [again, ...longAgain]) {
            await deleteConnection(c, w.workspace.slug, id);
          }
        });
        const ids = await asSuperuser(w.catalog, async (c) => (await c.query<{ id: string; ws: string }>("SELECT id::text, workspace_id::text AS ws FROM openhexa.connections WHERE identifier = 'iaso'")).rows);
        await asSuperuser(w.catalog, (c) => refused(c.query("INSERT INTO openhexa.connections (workspace_id, identifier, name, type) VALUES ($1, 'iaso', 'Twin', 'iaso')", [ids[0]!.ws]), '23505'));
      });

      it('renaming keeps the identifier; changing it is its own call, and a taken one is refused', async () => {
        await as(w.admin, async (c) => {
          const fields = SIX[5]!.fields.map((f) => ({ code: f.code, secret: f.secret }));
          await updateConnection(c, w.workspace.slug, 'api', { name: 'The API', description: '', fields });
          assert.ok((await listConnections(c, w.workspace.slug)).some((x) => x.identifier === 'api' && x.name === 'The API'));
          await rejectsWith(changeConnectionIdentifier(c, w.workspace.slug, 'api', 'lake'), 'conflict');
          await changeConnectionIdentifier(c, w.workspace.slug, 'api', 'partner-api');
          assert.deepEqual(values(await connectionValues(c, w.workspace.slug, 'partner-api', 'reveal')), values(SIX[5]!.fields));
          await rejectsWith(connectionFields(c, w.workspace.slug, 'api'), 'notFound');
          await changeConnectionIdentifier(c, w.workspace.slug, 'partner-api', 'api');
        });
      });

      it('hostile names, codes and values are stored and returned byte for byte', async () => {
        const hostile: NewConnection = {
          identifier: 'sante-nord-drop-table-x',
          name: `Santé "Nord"'; DROP TABLE x; --`.slice(0, 40),
          type: 'custom',
          description: "Robert'); DROP TABLE openhexa.connections;-- 🚑 \u202e",
          fields: [
            { code: 'select', value: "'; DELETE FROM openhexa.connections; --", secret: false },
            { code: 'big', value: 'é'.repeat(10 * 1024), secret: true },
            { code: 'json', value: '{"key\nwith newline": "v\\u0000", "ünï": [1, 2]}', secret: true },
            { code: 'spaces', value: '  leading and trailing  \t\n', secret: false },
          ],
        };
        await as(w.admin, async (c) => {
          assert.equal(await createConnection(c, w.workspace.slug, hostile), hostile.identifier);
          const listed = (await listConnections(c, w.workspace.slug)).find((x) => x.identifier === hostile.identifier);
          assert.deepEqual([listed?.name, listed?.description], [hostile.name, hostile.description]);
          assert.deepEqual(await connectionValues(c, w.workspace.slug, hostile.identifier, 'reveal'), hostile.fields);
          await deleteConnection(c, w.workspace.slug, hostile.identifier);
        });
        assert.equal(await asSuperuser(w.catalog, async (c) => (await c.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'x'")).rows[0]!.n), 0);
      });

      it('deleting removes the connection and its fields; the audit log keeps who did what, without a value', async () => {
        await as(w.admin, async (c) => {
          await createConnection(c, w.workspace.slug, { ...SIX[3]!, identifier: 'doomed', name: 'Doomed' });
          await deleteConnection(c, w.workspace.slug, 'doomed');
          await rejectsWith(deleteConnection(c, w.workspace.slug, 'doomed'), 'notFound');
        });
        const log = await asSuperuser(w.catalog, async (c) => (await c.query<{ action: string; detail: unknown }>("SELECT action, detail FROM openhexa.audit_log WHERE detail->>'identifier' = 'doomed' ORDER BY id")).rows);
        assert.deepEqual(
          log.map((r) => r.action),
          ['create_connection', 'delete_connection'],
        );
        assert.ok(!JSON.stringify(log).includes(MARKER));
        const audit = await asSuperuser(w.catalog, async (c) => (await c.query<{ all: string }>('SELECT string_agg(detail::text, \' \') AS all FROM openhexa.audit_log')).rows[0]!.all);
        assert.ok(!audit.includes(MARKER), 'a value reached the audit log');
        assert.equal(await asSuperuser(w.catalog, async (c) => (await c.query<{ n: number }>("SELECT count(*)::int AS n FROM openhexa.connection_fields f WHERE NOT EXISTS (SELECT 1 FROM openhexa.connections c WHERE c.id = f.connection_id)")).rows[0]!.n), 0);
      });
    });

    describe('other workspaces', () => {
      it("no member of one workspace sees, reads or changes another's connections", async () => {
        for (const member of [w.viewer, w.editor, w.admin]) {
          await as(member, async (c) => {
            await rejectsWith(listConnections(c, w.other.slug), 'notAllowed');
            await rejectsWith(connectionFields(c, w.other.slug, 'theirs'), 'notAllowed');
            await rejectsWith(connectionValues(c, w.other.slug, 'theirs', 'reveal'), 'notAllowed');
            await rejectsWith(deleteConnection(c, w.other.slug, 'theirs'), 'notAllowed');
            await rejectsWith(createConnection(c, w.other.slug, { ...SIX[5]!, identifier: 'planted' }), 'notAllowed');
          });
        }
        assert.deepEqual((await as(w.platform, (c) => listConnections(c, w.other.slug))).map((x) => x.identifier), ['theirs']);
      });

      it('deleting a workspace deletes its connections', async () => {
        await deleteWorkspace(w.platform, w.catalog, w.other.slug);
        const left = await asSuperuser(w.catalog, async (c) => (await c.query<{ n: number }>("SELECT count(*)::int AS n FROM openhexa.connections WHERE identifier = 'theirs'")).rows[0]!.n);
        assert.equal(left, 0);
      });
    });
  });
}

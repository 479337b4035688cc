// An OpenHEXA instance as a kind of server: a member's token, the GraphQL
// API (the stand-in, on both schema shapes it serves) and the workspace
// databases it hands credentials to, which the product's provisioning made
// on the test server. Each member signs in with their own token.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { Client } from 'pg';
import { initializeCatalog } from '../../src/postgres/catalog/migrate';
import { PoolRegistry } from '../../src/postgres/pools';
import { PreviewSession } from '../../src/postgres/preview/previewSession';
import { databaseEnv } from '../../src/core/notebooks/databaseEnv';
import { OpenHexaApi, OpenHexaError } from '../../src/openhexa/graphqlClient';
import {
  connectionValues,
  createConnection,
  deleteConnection,
  listConnections,
  listMembers,
  listTables,
  listWorkspaces,
  regeneratePassword,
  signIn,
  tableRowsPage,
  updateConnection,
  workspaceCredentials,
  type InstanceFieldEdit,
  type InstanceSession,
} from '../../src/openhexa/instanceCalls';
import { ApiTableReader } from '../../src/openhexa/apiTableReader';
import { instanceConnections } from '../../src/openhexa/instanceConnections';
import { instanceSections } from '../../src/openhexa/instanceVariables';
import { terminalEnvironment } from '../../src/core/notebooks/workspaceEnvFile';
import { consoleLogin, databaseLogin, envLogin } from '../../src/openhexa/instanceLogins';
import { prepareRun, QueryRunner } from '../../src/postgres/query/queryRunner';
import type { RunOutcome, StatementResult } from '../../src/postgres/query/queryRun';
import { makeResultsFolder, removeResultsFolder } from '../../src/postgres/query/resultStore';
import type { RunMode } from '../../src/core/query/runRules';
import { OpenHexaStandIn, type StandInUser, type StandInWorkspace } from '../fixtures/openhexa/openHexaStandIn';
import type { SchemaShape } from '../fixtures/openhexa/openHexaSchema';
import { makePlatform, refused, unique } from './workspaceWorld';
import { loginEndpoint } from './setup';

const TABLE = 'Cas « paludisme » 2026';

/** A PostgreSQL connection's fields; without a password, the secret is sent without a value (kept). */
function warehouse(host: string): InstanceFieldEdit[];
function warehouse(host: string, password: string): { code: string; value: string; secret: boolean }[];
function warehouse(host: string, password?: string): InstanceFieldEdit[] {
  const plain = { host, port: '5432', db_name: 'warehouse', username: 'reader' };
  return [...Object.entries(plain).map(([code, value]) => ({ code, value, secret: false })), { code: 'password', secret: true, ...(password === undefined ? {} : { value: password }) }];
}
const ROWS = 120;

for (const shape of ['2026-08', '2026-06'] as SchemaShape[]) {
  describe(`an OpenHEXA instance (schema of ${shape}) signed in with a member's token`, function () {
    this.timeout(60_000);
    let standIn: OpenHexaStandIn;
    let edna: StandInUser;
    let ada: StandInUser;
    let vic: StandInUser;
    let malaria: StandInWorkspace;
    let nutrition: StandInWorkspace;
    let ednaToken = '';
    let adaToken = '';

    const session = async (token: string): Promise<InstanceSession> => signIn(new OpenHexaApi(standIn.url, token));

    before(async () => {
      const platform = await makePlatform();
      const catalog = unique('ohx_catalog');
      await initializeCatalog(platform, catalog);
      standIn = await OpenHexaStandIn.start({ shape, platform, catalog });
      edna = standIn.addUser('edna@example.org', 'Edna Editor');
      ada = standIn.addUser('ada@example.org', 'Ada Admin');
      vic = standIn.addUser('vic@example.org', 'Vic Viewer');
      malaria = await standIn.addWorkspace('Surveillance « paludisme »', [
        [edna, 'EDITOR'],
        [ada, 'ADMIN'],
        [vic, 'VIEWER'],
      ]);
      nutrition = await standIn.addWorkspace('Nutrition survey', [
        [edna, 'VIEWER'],
        [ada, 'ADMIN'],
      ]);
      ednaToken = standIn.issueToken(edna, malaria);
      adaToken = standIn.issueToken(ada, malaria);
      // Edna, an editor, makes a table through the read/write credentials OpenHEXA gives her.
      const { rw } = await workspaceCredentials(await session(ednaToken), malaria.slug);
      const c = new Client(databaseLogin(rw, 'disable'));
      await c.connect();
      await c.query(`CREATE TABLE public."${TABLE}" (id int PRIMARY KEY, district text, cases int)`);
      await c.query(`INSERT INTO public."${TABLE}" SELECT g, 'district ' || g, g * 3 FROM generate_series(1, ${ROWS}) g`);
      await c.end();
    });

    after(async () => {
      await standIn?.close();
    });

    it("an editor's token lists the user's workspaces with the role in each, and each workspace's tables with counts and columns", async () => {
      const edna = await session(ednaToken);
      assert.equal(edna.user.email, 'edna@example.org');
      assert.equal(edna.capabilities.tablesInOneQuery, shape === '2026-08');
      const workspaces = await listWorkspaces(edna);
      assert.deepEqual(
        workspaces.map((w) => [w.name, w.role]).sort(),
        [
          ['Nutrition survey', 'viewer'],
          ['Surveillance « paludisme »', 'editor'],
        ],
      );
      const received = standIn.received.length;
      const tables = await listTables(edna, malaria.slug);
      assert.deepEqual(tables, [
        {
          name: TABLE,
          count: ROWS,
          columns: [
            { name: 'id', type: 'integer' },
            { name: 'district', type: 'text' },
            { name: 'cases', type: 'integer' },
          ],
        },
      ]);
      // One request for the page, whichever shape: the 2026-08 document asks for columns and counts in it.
      assert.deepEqual(standIn.received.slice(received), [shape === '2026-08' ? 'Tables' : 'TablesBefore202607']);
    });

    it('previews a table by keyset through the read-only credentials, with the product\'s own paging', async () => {
      const { ro } = await workspaceCredentials(await session(ednaToken), malaria.slug);
      assert.match(ro.username, /_ro$/);
      const pools = new PoolRegistry();
      const preview = new PreviewSession(databaseLogin(ro, 'disable'), 'public', TABLE, pools);
      try {
        const first = await preview.page({ pageSize: 50 });
        assert.equal(first.rows.length, 50);
        assert.equal(first.rows[0]![0], '1');
        const second = await preview.page({ pageSize: 50, after: first.next! });
        assert.equal(second.rows[0]![0], '51');
        const last = await preview.page({ pageSize: 50, last: true });
        assert.equal(last.rows.at(-1)![0], String(ROWS));
        assert.equal(await preview.count({}), ROWS);
      } finally {
        await preview.close();
        await pools.dispose();
      }
      // The read-only login OpenHEXA hands out cannot write.
      const c = new Client(databaseLogin(ro, 'disable'));
      await c.connect();
      await assert.rejects(c.query(`DELETE FROM public."${TABLE}"`), (err: { code?: string }) => err.code === '42501');
      await c.end();
    });

    it("the query console runs on the workspace database: read-only runs as the read-only login (which the database keeps from writing, even in a run that allows writes), writes as the read/write one", async () => {
      const credentials = await workspaceCredentials(await session(ednaToken), malaria.slug);
      const pools = new PoolRegistry();
      const folder = makeResultsFolder();
      const run = async (sql: string, mode: RunMode, as: RunMode = mode): Promise<RunOutcome> => {
        const prepared = await prepareRun(sql, mode);
        assert.ok(prepared.ok);
        const runner = new QueryRunner(pools.source({ ...consoleLogin(credentials, as), sslmode: 'disable' }));
        try {
          return await runner.run(prepared.statements, { mode, statementTimeoutMs: 10_000, folder }, {});
        } finally {
          await runner.close();
        }
      };
      const firstValue = async (outcome: RunOutcome): Promise<string | null | undefined> => {
        const first = outcome.results[0];
        assert.equal(first?.status, 'rows', JSON.stringify(first));
        const { store } = first as Extract<StatementResult, { status: 'rows' }>;
        try {
          return (await store.read(0, 1))[0]?.[0];
        } finally {
          await store.dispose();
        }
      };
      const code = (outcome: RunOutcome): string | undefined => {
        const first = outcome.results[0];
        return first?.status === 'failed' ? first.code : undefined;
      };
      try {
        assert.equal(await firstValue(await run('SELECT session_user AS me', 'read-only')), credentials.ro.username);
        assert.equal(code(await run(`INSERT INTO public."${TABLE}" VALUES (5000, 'x', 1)`, 'read-only')), '25006');
        // The read-only credentials in a run that allows writes: the database itself refuses.
        assert.equal(code(await run(`INSERT INTO public."${TABLE}" VALUES (5000, 'x', 1)`, 'writes', 'read-only')), '42501');
        const written = await run(`INSERT INTO public."${TABLE}" SELECT 5000, session_user, 1`, 'writes');
        assert.equal(written.ended, 'committed');
        assert.equal(await firstValue(await run(`SELECT district FROM public."${TABLE}" WHERE id = 5000`, 'read-only')), credentials.rw.username);
        assert.equal((await run(`DELETE FROM public."${TABLE}" WHERE id = 5000`, 'writes')).ended, 'committed');
      } finally {
        await pools.dispose();
        removeResultsFolder(folder);
      }
    });

    it("a terminal's variables from the instance: psql connects with its PG* as the login chosen; a connection named after a variable a program runs is left out", async () => {
      const signedIn = await session(adaToken);
      const store = instanceConnections(() => Promise.resolve(signedIn), malaria.slug);
      // An admin names a custom connection so that one of its variables is BASH_ENV: a shell would run the file it names.
      const identifier = await store.create({ name: 'Bash', identifier: 'bash', type: 'custom', description: '', fields: [{ code: 'env', value: '/tmp/planted.sh', secret: false }] });
      try {
        const credentials = await workspaceCredentials(signedIn, malaria.slug);
        const sections = await instanceSections(credentials, 'ro', store, await store.list());
        const { env, refused } = terminalEnvironment(sections, {});
        assert.deepEqual(refused.map((r) => [r.variable, r.reason]), [['BASH', 'reserved']]);
        assert.equal(env.BASH_ENV, undefined);
        const psql = execFileSync(process.env.OPENHEXA_PSQL ?? '/usr/bin/psql', ['-X', '-A', '-t', '-c', 'SELECT session_user'], { env: { PATH: process.env.PATH, ...env, PGSSLMODE: 'disable' } });
        assert.equal(psql.toString().trim(), credentials.ro.username);
      } finally {
        await store.remove(identifier);
      }
    });

    it("writes WORKSPACE_DATABASE_* for a notebook from the instance's credentials, and the URL connects", async () => {
      const { rw } = await workspaceCredentials(await session(ednaToken), malaria.slug);
      const env = Object.fromEntries(databaseEnv(envLogin(rw, {})).map((e) => [e.name, e.value]));
      assert.equal(env.WORKSPACE_DATABASE_DB_NAME, malaria.dbName);
      const c = new Client({ connectionString: env.WORKSPACE_DATABASE_URL });
      await c.connect();
      assert.equal((await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM public."${TABLE}"`)).rows[0]!.n, ROWS);
      await c.end();
    });

    it('an editor creates a connection, edits it without sending its secret (kept), a viewer sees it without the secret, and it is deleted', async () => {
      const editor = await session(ednaToken);
      const identifier = await createConnection(editor, malaria.slug, {
        name: 'Entrepôt « DHIS2 » copy',
        type: 'postgresql',
        description: 'the warehouse',
        fields: warehouse('db.example.org', "pa'ss «secret»"),
      });
      assert.equal(identifier, 'entrepot-dhis2-copy');
      const [listed] = await listConnections(editor, malaria.slug);
      assert.equal(listed!.type, 'postgresql');
      assert.deepEqual(listed!.may, { update: true, delete: true });
      // The form sends every field back, the secret without a value: OpenHEXA keeps the stored one.
      await updateConnection(editor, malaria.slug, listed!.id, {
        name: 'Warehouse',
        description: 'renamed',
        fields: warehouse('db2.example.org'),
      });
      const values = await connectionValues(editor, malaria.slug, identifier);
      assert.equal(values.find((f) => f.code === 'host')!.value, 'db2.example.org');
      assert.equal(values.find((f) => f.code === 'password')!.value, "pa'ss «secret»");
      // A viewer of the workspace (Vic signs in with an admin-issued identity token: viewers get no workspace token).
      const viewer = await session(standIn.issueIdentityToken(vic, malaria));
      const seen = await connectionValues(viewer, malaria.slug, identifier);
      assert.equal(seen.find((f) => f.code === 'password')!.value, undefined);
      assert.equal(seen.find((f) => f.code === 'host')!.value, 'db2.example.org');
      assert.deepEqual((await listConnections(viewer, malaria.slug))[0]!.may, { update: false, delete: false });
      await assert.rejects(deleteConnection(viewer, malaria.slug, listed!.id), /does not allow/);
      await deleteConnection(editor, malaria.slug, listed!.id);
      assert.deepEqual(await listConnections(editor, malaria.slug), []);
    });

    it("the connection form's view of an instance: secrets said set without their value, an edit keeps them, OpenHEXA's own test reaches a real database", async () => {
      const editor = await session(ednaToken);
      const store = instanceConnections(() => Promise.resolve(editor), malaria.slug);
      const { ro } = await workspaceCredentials(editor, malaria.slug);
      const values = { host: ro.host, port: String(ro.port), db_name: ro.dbName, username: ro.username, password: ro.password };
      const identifier = await store.create({ identifier: 'warehouse', name: 'Warehouse', type: 'postgresql', description: '', fields: Object.entries(values).map(([code, value]) => ({ code, value, secret: code === 'password' })) });
      assert.deepEqual((await store.fields(identifier)).find((f) => f.code === 'password'), { code: 'password', secret: true, isSet: true });
      await store.update(identifier, { name: 'Warehouse (ro)', description: 'read-only', fields: [...Object.keys(values).filter((c) => c !== 'password').map((code) => ({ code, secret: false, value: values[code as keyof typeof values] })), { code: 'password', secret: true }] });
      assert.equal((await store.values(identifier)).find((f) => f.code === 'password')!.value, ro.password);
      const signal = new AbortController().signal;
      const ok = await store.test('postgresql', values, signal);
      assert.equal(ok.ok, true, JSON.stringify(ok));
      const wrong = await store.test('postgresql', { ...values, password: 'wrong' }, signal);
      assert.equal(wrong.ok, false);
      // (Through PgBouncer, its own words for the same refusal.)
      assert.match(wrong.ok ? '' : (wrong.detail ?? ''), loginEndpoint().pooler ? /SASL authentication failed/ : /password authentication failed/);
      await store.remove(identifier);
      assert.deepEqual(await store.list(), []);
    });

    it('a viewer is told OpenHEXA gives no database credentials below Editor, and still pages the table through the API', async () => {
      const edna = await session(ednaToken);
      // Edna is a viewer of the other workspace: her token sees it, but not its credentials.
      const error = await workspaceCredentials(edna, nutrition.slug).catch((err: unknown) => err);
      assert.ok(error instanceof OpenHexaError, String(error));
      assert.match(error.message, /editors and admins only: as a viewer of/);
      const viewer = await session(standIn.issueIdentityToken(vic, malaria));
      const page = await tableRowsPage(viewer, malaria.slug, TABLE, { column: 'id', direction: 'ASC' }, 2, 50);
      assert.equal(page.rows[0]!.id, 51);
      assert.equal(page.hasNextPage, true);
      // Members: admins only; an editor is not told "no members".
      assert.equal(await listMembers(edna, (await listWorkspaces(edna)).find((w) => w.slug === malaria.slug)!), undefined);
      const admin = await session(adaToken);
      const members = await listMembers(admin, (await listWorkspaces(admin)).find((w) => w.slug === malaria.slug)!);
      assert.deepEqual(members!.map((m) => [m.email, m.role]).sort(), [
        ['ada@example.org', 'admin'],
        ['edna@example.org', 'editor'],
        ['vic@example.org', 'viewer'],
      ]);
    });

    it("a viewer's preview reads through OpenHEXA's API by position: pages, a page across two API pages, the last page, a sort, the export; filters and an estimated count are said", async () => {
      const viewer = await session(standIn.issueIdentityToken(vic, malaria));
      const [described] = await listTables(viewer, malaria.slug);
      const reader = new ApiTableReader(() => Promise.resolve(viewer), malaria.slug, described!);
      assert.equal((await reader.shape()).keyKind, 'api');
      const first = await reader.page({ pageSize: 50 });
      assert.deepEqual([first.rows[0]![0], first.rows.at(-1)![0], first.atStart, first.atEnd], ['1', '50', true, false]);
      const second = await reader.page({ pageSize: 50, after: first.next! });
      assert.deepEqual([second.rows[0]![0], second.rows.length], ['51', 50]);
      // From row 31: the end of API page 1 and the start of page 2.
      const across = await reader.page({ pageSize: 50, after: { key: [], offset: 30 } });
      assert.deepEqual(across.rows.map((r) => r[0]), Array.from({ length: 50 }, (_, i) => String(31 + i)));
      const last = await reader.page({ pageSize: 50, last: true });
      assert.deepEqual([last.rows[0]![0], last.rows.at(-1)![0], last.atEnd], ['71', String(ROWS), true]);
      const sorted = await reader.page({ pageSize: 10, sort: { column: 'cases', direction: 'desc' } });
      assert.equal(sorted.rows[0]![0], String(ROWS));
      assert.equal(await reader.wholeValue({}, 'district', across.at[0]!), 'district 31');
      assert.equal(await reader.count({}), ROWS);
      await assert.rejects(reader.page({ pageSize: 10, filters: [{ column: 'id', op: 'eq', value: '1' }] }), /Filters and going to a value need the workspace database itself/);
      const chunks: string[] = [];
      const out = new Writable({ write: (chunk: Buffer, _e, done) => (chunks.push(chunk.toString()), done()) });
      const result = await reader.exportCsv({}, out);
      const lines = chunks.join('').trimEnd().split('\n');
      assert.deepEqual([result.rows, lines.length, lines[0], lines[1]], [ROWS, ROWS + 1, 'id,district,cases', '1,district 1,3']);
    });

    it('an expired token and a revoked one are said plainly, without the token in the message', async () => {
      const expired = standIn.issueIdentityToken(edna, malaria, Date.now() - 2 * 3600_000);
      const revoked = standIn.issueToken(edna, malaria);
      standIn.revoke(revoked);
      for (const token of [expired, revoked, 'not-a-token']) {
        const error = await session(token).catch((err: unknown) => err);
        assert.ok(error instanceof OpenHexaError, String(error));
        assert.equal(error.kind, 'unauthenticated');
        assert.match(error.message, /did not accept the access token: it may have expired or been revoked/);
        assert.ok(!error.message.includes(token) && !JSON.stringify(error).includes(token));
      }
      // A call past sign-in with a token revoked since is said the same way (OpenHEXA's UNAUTHENTICATED).
      const later = standIn.issueToken(edna, malaria);
      const signedIn = await session(later);
      standIn.revoke(later);
      await assert.rejects(listWorkspaces(signedIn), (err: unknown) => err instanceof OpenHexaError && err.kind === 'unauthenticated');
    });

    it('an admin regenerates the read/write password: the old one stops working on the database, the new one works', async () => {
      const admin = await session(adaToken);
      const before = (await workspaceCredentials(admin, malaria.slug)).rw;
      await regeneratePassword(admin, malaria.slug, 'rw');
      const after = (await workspaceCredentials(admin, malaria.slug)).rw;
      assert.notEqual(after.password, before.password);
      const old = new Client(databaseLogin(before, 'disable'));
      await refused(old.connect(), '28P01');
      const fresh = new Client(databaseLogin(after, 'disable'));
      await fresh.connect();
      await fresh.end();
      // A viewer may not (OpenHEXA's update_workspace).
      const viewer = await session(standIn.issueIdentityToken(vic, malaria));
      await assert.rejects(regeneratePassword(viewer, malaria.slug, 'ro'), /does not allow/);
    });

    it('an address that is not an OpenHEXA API is said so', async () => {
      const error = await signIn(new OpenHexaApi(`${standIn.url}/elsewhere`, ednaToken)).catch((err: unknown) => err);
      assert.ok(error instanceof OpenHexaError, String(error));
      assert.equal(error.kind, 'notOpenHexa');
      assert.match(error.message, /did not answer as an OpenHEXA API \(HTTP 404, text\/html\)/);
    });
  });
}

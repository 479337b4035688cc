import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { serverProfileSchema, type ServerProfile } from '../../../src/core/serverProfile';
import { createConnection } from '../../../src/postgres/connections/connectionCalls';
import type { OpenhexaApi } from '../../../src/extension';
import type { TreeNode } from '../../../src/features/nodeKinds';
import { startTestServer, type TestServer } from '../../fixtures/postgresServer';
import { pollUntil } from '../../harness/pollUntil';
import { activeApi } from './extension.test';

const PLATFORM = 'host_platform';
const PASSWORD = 'host-Platform-pw';

describe('workspace commands take their inputs as arguments (real extension host, real PostgreSQL)', function () {
  this.timeout(120_000);
  let api: OpenhexaApi;
  let pg: TestServer;
  let profile: ServerProfile;

  const children = async (node?: TreeNode): Promise<TreeNode[]> => api.tree.getChildren(node);
  const serverNode = async (): Promise<TreeNode> => (await children()).find((n) => n.kind === 'server' && n.profile.label === 'Host tests')!;
  const labelOf = (node: TreeNode): string => String(api.tree.getTreeItem(node).label);

  before(async () => {
    api = await activeApi();
    pg = await startTestServer();
    const admin = await pg.connect();
    await admin.query(`CREATE ROLE ${PLATFORM} LOGIN CREATEDB CREATEROLE PASSWORD '${PASSWORD}'`);
    await admin.query(`CREATE ROLE host_viewer LOGIN PASSWORD 'viewer-pw'`);
    await admin.end();
    profile = serverProfileSchema.parse({ label: 'Host tests', host: '127.0.0.1', port: pg.port, user: PLATFORM, sslmode: 'disable' });
    await api.store.save(profile, PASSWORD, 'user');
  });

  after(async () => {
    await api.store.remove(profile);
    await api.sessions.forget(profile);
    await pg.stop();
  });

  it('offers to initialize a server without a catalog', async () => {
    const [first] = await children(await serverNode());
    assert.equal(first?.kind, 'needsInit');
    assert.equal(first.kind === 'needsInit' && first.canInitialize, true);
  });

  it('"Initialize Server" with a server argument creates the catalog', async () => {
    await vscode.commands.executeCommand('openhexa.initializeServer', profile);
    const [first] = await children(await serverNode());
    assert.equal(first?.kind, 'noWorkspaces');
  });

  it('"Create Workspace" with (server, name) creates it; the tree shows it with the Admin role', async () => {
    const created = await vscode.commands.executeCommand<{ slug: string; dbName: string }>('openhexa.createWorkspace', profile, 'Hôte "test"');
    assert.ok(created?.slug);
    const [ws] = await children(await serverNode());
    assert.equal(ws?.kind, 'workspace');
    assert.equal(labelOf(ws!), 'Hôte "test"');
    assert.equal(api.tree.getTreeItem(ws!).description, 'Admin');
    // The login that created it is a platform admin: it may also delete the workspace.
    assert.equal(api.tree.getTreeItem(ws!).contextValue, 'workspace.query.credentials.passwords.members.history.platformAdmin');
  });

  it('warns, first under the server and in its tooltip, when the login is a superuser; not for the platform login', async () => {
    assert.ok((await children(await serverNode())).every((n) => n.kind !== 'superuserWarning'));
    const superProfile = serverProfileSchema.parse({ label: 'Host superuser', host: '127.0.0.1', port: pg.port, user: pg.superuser, sslmode: 'disable' });
    await api.store.save(superProfile, pg.password, 'user');
    try {
      const node = await pollUntil(async () => (await children()).find((n) => n.kind === 'server' && n.profile.label === 'Host superuser'), 'the superuser profile in the tree');
      const [first, ...rest] = await children(node);
      assert.equal(first?.kind, 'superuserWarning');
      assert.equal(labelOf(first!), 'This login is a superuser');
      assert.match(String(api.tree.getTreeItem(first!).tooltip), /runs code its editors wrote .* full power over the server, so the extension lists workspaces but previews, counts and exports nothing/);
      const ws = rest.find((n) => n.kind === 'workspace');
      assert.ok(ws);
      // Its workspace database is not read as a superuser: the Database level says why instead.
      const database = (await children(ws)).find((n) => n.kind === 'database');
      assert.ok(database);
      const level = await children(database);
      assert.equal(level.length, 1);
      assert.equal(labelOf(level[0]!), 'Not read: this login is a superuser');
      const refreshed = await pollUntil(async () => (await children()).find((n) => n.kind === 'server' && n.profile.label === 'Host superuser'), 'the superuser profile in the tree');
      assert.match(String(api.tree.getTreeItem(refreshed!).tooltip), /superuser/);
    } finally {
      await api.store.remove(superProfile);
      await api.sessions.forget(superProfile);
    }
  });

  it('lists the tables of the workspace database with their row counts, and their columns', async () => {
    const [ws] = await children(await serverNode());
    if (ws?.kind !== 'workspace') {
      assert.fail('no workspace node');
    }
    const client = await pg.connect({ user: PLATFORM, password: PASSWORD, database: ws.source.databaseName });
    await client.query('CREATE TABLE facilities (id int PRIMARY KEY, name text)');
    await client.query("INSERT INTO facilities VALUES (1, 'a'), (2, 'b'), (3, 'c')");
    await client.end();
    const [database, queries, connections, members] = await children(ws);
    assert.deepEqual([database?.kind, queries?.kind, connections?.kind, members?.kind], ['database', 'savedQueries', 'connections', 'members']);
    const [table] = await children(database);
    assert.equal(labelOf(table!), 'facilities');
    // The level shows from the catalog at once; its exact counts and sizes land a moment later.
    await pollUntil(() => /^3 rows · /.test(String(api.tree.getTreeItem(table!).description)), 'the exact count of facilities', { timeout: 15_000 });
    const columns = await children(table);
    assert.deepEqual(columns.map(labelOf), ['id', 'name']);
  });

  it('says first under Database when an editor let the readers write, with what and where, and how to take it back', async () => {
    const [ws] = await children(await serverNode());
    if (ws?.kind !== 'workspace') {
      assert.fail('no workspace node');
    }
    const client = await pg.connect({ user: PLATFORM, password: PASSWORD, database: ws.source.databaseName });
    try {
      await client.query('GRANT INSERT, UPDATE ON facilities TO PUBLIC');
      const database = (await children(ws)).find((n) => n.kind === 'database')!;
      // Checked after the level shows (it costs as much as the level at 100,000 tables), then reported first.
      const [first, table] = await pollUntil(async () => {
        const level = await children(database);
        return level[0]?.kind === 'readerWrites' ? level : undefined;
      }, 'the readers\' write privileges first under Database');
      assert.equal(first?.kind, 'readerWrites');
      assert.equal(labelOf(first!), 'Viewers and the read-only login can write to public.facilities');
      const item = api.tree.getTreeItem(first!);
      assert.equal(item.contextValue, 'readerWrites.revocable');
      assert.equal(item.command?.command, 'openhexa.revokeReaderWrites');
      assert.match(String(item.tooltip), /• public\.facilities: INSERT, UPDATE/);
      assert.equal(labelOf(table!), 'facilities');
    } finally {
      await client.query('REVOKE INSERT, UPDATE ON facilities FROM PUBLIC');
      await client.end();
    }
  });

  it('"Add Member" with (workspace, login, role, "existing") adds without asking anything', async () => {
    const [ws] = await children(await serverNode());
    await vscode.commands.executeCommand('openhexa.addMember', ws, 'host_viewer', 'viewer', 'existing');
    const members = (await children(ws)).find((n) => n.kind === 'members');
    const list = await children(members);
    // The admin looking at the list sees themselves too (here a platform admin, not a member).
    assert.deepEqual(
      list.map((m) => [labelOf(m), api.tree.getTreeItem(m).description, api.tree.getTreeItem(m).contextValue]),
      [
        [PLATFORM, 'Admin · you, as platform admin', 'member'],
        ['host_viewer', 'Viewer', 'member.manage'],
      ],
    );
  });

  it('Connections: an empty state, then each connection with its type and identifier; "Copy Environment Variables" with (server, slug, identifier)', async () => {
    const [ws] = await children(await serverNode());
    if (ws?.kind !== 'workspace') {
      assert.fail('no workspace node');
    }
    const connections = (await children(ws)).find((n) => n.kind === 'connections')!;
    assert.equal(labelOf(connections), 'Connections');
    const [empty] = await children(connections);
    assert.deepEqual([empty?.kind, empty && labelOf(empty)], ['message', 'No connections yet']);
    await api.sessions.catalog(profile, (c) =>
      createConnection(c, ws.source.workspace.slug, {
        identifier: 'dhis2-national',
        name: 'DHIS2 "national"',
        type: 'dhis2',
        description: 'Routine data',
        fields: [
          { code: 'url', value: 'https://dhis2.example.org', secret: false },
          { code: 'username', value: 'admin', secret: false },
          { code: 'password', value: 'pa ss"word$1', secret: true },
        ],
      }),
    );
    const [connection] = await children(connections);
    const item = api.tree.getTreeItem(connection!);
    assert.deepEqual([item.label, item.description, item.contextValue], ['DHIS2 "national"', 'DHIS2 · dhis2-national', 'connection.view.edit.delete.rename']);
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('openhexa.copyConnectionEnv', { server: profile, slug: ws.source.workspace.slug, identifier: 'dhis2-national' });
    // In single quotes: both readers take it as it is, and a shell that sources the line runs nothing (bare, the space would end the word).
    assert.equal(
      await vscode.env.clipboard.readText(),
      `DHIS2_NATIONAL=DHIS2\nDHIS2_NATIONAL_URL=https://dhis2.example.org\nDHIS2_NATIONAL_USERNAME=admin\nDHIS2_NATIONAL_PASSWORD='pa ss"word$1'\n`,
    );
  });

  it('"Show Database Credentials" opens the panel for an admin', async () => {
    const [ws] = await children(await serverNode());
    await vscode.commands.executeCommand('openhexa.showCredentials', ws);
    const tab = await pollUntil(
      () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('openhexa.credentials')),
      'the credentials panel',
    );
    assert.equal(tab.label, 'Credentials: Hôte "test"');
    await vscode.window.tabGroups.close(tab);
  });

  it('"Create Workspace" with (server, name, guards) sets the platform admin\'s guards, and refuses bad ones before making anything', async () => {
    const created = await vscode.commands.executeCommand<{ dbName: string }>('openhexa.createWorkspace', profile, 'Gardée', { connectionLimit: 12, statementTimeout: '1h' });
    const admin = await pg.connect();
    try {
      const row = (
        await admin.query<{ datconnlimit: number; setconfig: string[] }>(
          'SELECT d.datconnlimit, s.setconfig FROM pg_database d JOIN pg_db_role_setting s ON s.setdatabase = d.oid AND s.setrole = 0 WHERE d.datname = $1',
          [created?.dbName],
        )
      ).rows[0];
      assert.equal(row?.datconnlimit, 12);
      assert.ok(row?.setconfig.includes('statement_timeout=1h'), String(row?.setconfig));
      assert.ok(row?.setconfig.includes('idle_in_transaction_session_timeout=5min'), String(row?.setconfig));
      const before = (await admin.query("SELECT 1 FROM pg_database WHERE datname LIKE 'ws_refusee%'")).rowCount;
      // A failed command is said, not thrown: nothing is returned and nothing is made.
      const refused = await vscode.commands.executeCommand('openhexa.createWorkspace', profile, 'Refusée', { connectionLimit: 0 });
      assert.equal(refused, undefined);
      assert.equal((await admin.query("SELECT 1 FROM pg_database WHERE datname LIKE 'ws_refusee%'")).rowCount, before);
    } finally {
      await admin.end();
    }
  });

  it('a stopped server becomes an error node with Retry, never an empty tree', async () => {
    await pg.cluster.stop();
    try {
      const [error] = await children(await serverNode());
      assert.equal(error?.kind, 'serverError');
      const item = api.tree.getTreeItem(error!);
      assert.equal(item.command?.command, 'openhexa.retryServer');
      assert.match(String(item.label), /cannot be reached/);
    } finally {
      await pg.cluster.start();
    }
    const [ws] = await children(await serverNode());
    assert.equal(ws?.kind, 'workspace');
  });
});

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { serverProfileSchema, type ServerProfile } from '../../src/core/serverProfile';
import type { WorkspaceSummary } from '../../src/core/workspaceSummary';
import { COMMANDS } from '../../src/features';
import type { TreeNode } from '../../src/features/nodeKinds';
import { argOrPick } from '../../src/platform/commands/pickers';
import { registerCommands } from '../../src/platform/commands/registerCommands';
import type { Services } from '../../src/platform/services';
import { catalogSource } from '../../src/sources/catalogSource';
import { instanceSource } from '../../src/sources/instanceSource';
import { recorded } from '../mocks/vscode';

// Commands run here through VS Code's own entry (executeCommand) on the
// unit tier's stand-in: what they accept, what they refuse before any step,
// and what their pickers offer. The server is a stand-in too: any call to
// it that a test does not expect fails the test.

const profile: ServerProfile = serverProfileSchema.parse({ label: 'Team server', host: 'db.example.org', user: 'alice' });
const summary = (slug: string, role: WorkspaceSummary['role']): WorkspaceSummary => ({ slug, name: slug.toUpperCase(), dbName: `ws_${slug}`, role, status: 'ready' });

interface Stage {
  /** What the server says of the login: its workspaces, and whether it is a platform admin. */
  overview?: { platformAdmin: boolean; workspaces: WorkspaceSummary[] };
  refreshed: unknown[];
  serverCalls: number;
}

function stage(overview?: Stage['overview']): { services: Services; stage: Stage; dispose(): void } {
  const state: Stage = { overview, refreshed: [], serverCalls: 0 };
  const services = {
    log: { error: () => undefined, info: () => undefined, warn: () => undefined },
    store: { read: () => ({ profiles: [profile], problems: [] }) },
    sessions: {
      catalog: async () => {
        state.serverCalls++;
        if (!state.overview) {
          throw new Error('unexpected call to the server');
        }
        return { ...state.overview, superuser: false };
      },
    },
    tree: { refresh: (node?: unknown) => state.refreshed.push(node) },
  } as unknown as Services;
  const subscriptions: { dispose(): unknown }[] = [];
  registerCommands({ subscriptions } as unknown as vscode.ExtensionContext, services, COMMANDS);
  recorded.reset();
  return { services, stage: state, dispose: () => subscriptions.forEach((s) => s.dispose()) };
}

const errors = (): string[] => recorded.messages.filter((m) => m.level === 'error').map((m) => m.text);

describe('commands take typed arguments', () => {
  let world: ReturnType<typeof stage>;
  afterEach(() => world.dispose());

  it('refuses an argument of the wrong kind before any step, saying what the command takes', async () => {
    world = stage();
    const member: TreeNode = { kind: 'member', source: catalogSource(world.services, { profile, workspace: summary('malaria', 'admin') }), member: { name: 'bob', role: 'viewer', you: false } };
    await vscode.commands.executeCommand('openhexa.changeMemberRole', member, 'owner');
    assert.deepEqual(errors(), ["OpenHEXA: The command openhexa.changeMemberRole cannot use its argument 2: it takes 'viewer', 'editor' or 'admin'. Run it from the OpenHEXA Workspaces view or the Command Palette."]);
    assert.equal(recorded.quickPicks.length, 0);
    assert.equal(world.stage.serverCalls, 0);
  });

  it('refuses a misspelt key of a script\'s object instead of ignoring it', async () => {
    world = stage({ platformAdmin: false, workspaces: [summary('malaria', 'admin')] });
    await vscode.commands.executeCommand('openhexa.previewTable', { server: profile, slug: 'malaria', tabel: 'cases' });
    assert.match(errors()[0] ?? '', /cannot use its argument 1: it takes a table or view in the OpenHEXA Workspaces view, or \{ server, slug, schema, table \}/);
    assert.equal(world.stage.serverCalls, 0);
  });

  it('refuses an argument the command does not take at all', async () => {
    world = stage();
    await vscode.commands.executeCommand('openhexa.showLogs', 'extra');
    assert.deepEqual(errors(), ['OpenHEXA: The command openhexa.showLogs takes no argument 1. Run it from the OpenHEXA Workspaces view or the Command Palette.']);
  });

  it('refuses a node of another kind where a member is taken', async () => {
    world = stage();
    const table = { kind: 'table', profile, workspace: summary('malaria', 'admin'), table: { schema: 'public', name: 'cases' } };
    await vscode.commands.executeCommand('openhexa.removeMember', table);
    assert.match(errors()[0] ?? '', /openhexa\.removeMember cannot use its argument 1: it takes a member in the Members list of a workspace/);
  });

  it('hands the tree node itself to the handler, not a copy (the tree knows its elements by identity)', async () => {
    world = stage();
    const node: TreeNode = { kind: 'workspace', source: catalogSource(world.services, { profile, workspace: summary('malaria', 'viewer'), platformAdmin: false }) };
    await vscode.commands.executeCommand('openhexa.refresh', node);
    assert.equal(world.stage.refreshed.length, 1);
    assert.equal(world.stage.refreshed[0], node);
  });
});

describe('argOrPick', () => {
  beforeEach(() => recorded.reset());

  it('uses the value given, without listing anything', async () => {
    let listed = false;
    const value = await argOrPick('ro', () => ((listed = true), [{ label: 'Read-only', value: 'ro' }]), {});
    assert.equal(value, 'ro');
    assert.equal(listed, false);
    assert.equal(recorded.quickPicks.length, 0);
  });

  it('asks with a quick pick when nothing is given, and returns the picked value (undefined when dismissed)', async () => {
    recorded.nextPick = 'Read/write';
    const items = () => [
      { label: 'Read-only', value: 'ro' },
      { label: 'Read/write', value: 'rw' },
    ];
    assert.equal(await argOrPick(undefined, items, { title: 'Regenerate' }), 'rw');
    assert.deepEqual(recorded.quickPicks, [{ title: 'Regenerate', labels: ['Read-only', 'Read/write'] }]);
    assert.equal(await argOrPick(undefined, items, {}), undefined);
  });
});

describe('commands refuse up front what the role does not allow', () => {
  let world: ReturnType<typeof stage>;
  afterEach(() => world.dispose());

  it('Delete Workspace on a workspace of a login that is no platform admin: refused, and no "cannot be undone" confirmation', async () => {
    world = stage();
    const node: TreeNode = { kind: 'workspace', source: catalogSource(world.services, { profile, workspace: summary('malaria', 'viewer'), platformAdmin: false }) };
    await vscode.commands.executeCommand('openhexa.deleteWorkspace', node);
    assert.deepEqual(recorded.messages, [{ level: 'error', text: 'OpenHEXA: Only platform admins delete workspaces such as "MALARIA", and your login is not one: ask one of them.' }]);
    assert.equal(world.stage.serverCalls, 0);
  });

  it('Add Member on a viewer\'s workspace: refused before its first question', async () => {
    world = stage();
    const node: TreeNode = { kind: 'workspace', source: catalogSource(world.services, { profile, workspace: summary('malaria', 'viewer'), platformAdmin: false }) };
    await vscode.commands.executeCommand('openhexa.addMember', node);
    assert.deepEqual(errors(), ['OpenHEXA: Only the admins of "MALARIA" add members and change their roles.']);
    assert.equal(recorded.quickPicks.length, 0);
  });

  it('Add Member from the palette offers only the workspaces where the user is an admin', async () => {
    world = stage({ platformAdmin: false, workspaces: [summary('malaria', 'viewer'), summary('polio', 'admin'), summary('tb', 'editor')] });
    await vscode.commands.executeCommand('openhexa.addMember');
    assert.deepEqual(recorded.quickPicks[0]?.labels, ['POLIO']);
    assert.deepEqual(errors(), []);
  });

  it('with no workspace that allows it, says so before any pick', async () => {
    world = stage({ platformAdmin: false, workspaces: [summary('malaria', 'viewer')] });
    await vscode.commands.executeCommand('openhexa.showCredentials');
    assert.deepEqual(errors(), ['OpenHEXA: None of your workspaces on Team server allows this: it needs the editor or admin role.']);
    assert.equal(recorded.quickPicks.length, 0);
  });

  it('a workspace named by a script where the role does not allow it: refused before any step', async () => {
    world = stage({ platformAdmin: false, workspaces: [summary('malaria', 'editor')] });
    await vscode.commands.executeCommand('openhexa.regeneratePassword', { server: profile, slug: 'malaria' }, 'ro');
    assert.deepEqual(errors(), ['OpenHEXA: Only the admins of "MALARIA" regenerate its passwords.']);
    assert.equal(recorded.quickPicks.length, 0);
  });

  it('Delete Workspace from the palette, as a platform admin, offers every workspace', async () => {
    world = stage({ platformAdmin: true, workspaces: [summary('malaria', 'viewer'), summary('polio', 'admin')] });
    await vscode.commands.executeCommand('openhexa.deleteWorkspace');
    assert.deepEqual(recorded.quickPicks[0]?.labels, ['MALARIA', 'POLIO']);
  });
});

describe("commands on an OpenHEXA instance's rows: the server's own, by OpenHEXA's rules", () => {
  let world: ReturnType<typeof stage>;
  afterEach(() => world.dispose());

  const instance = { server: 'https://api.openhexa.example', email: 'ana@example.org', displayName: 'Ana' };
  const workspace = (role: 'viewer' | 'editor' | 'admin', may: Partial<Record<'update' | 'manageMembers' | 'createConnection' | 'deleteDatabaseTable', boolean>> = {}) => ({
    slug: 'malaria',
    name: 'Malaria',
    role,
    may: { update: false, manageMembers: false, createConnection: false, deleteDatabaseTable: false, ...may },
  });
  const connection = (may: { update: boolean; delete: boolean }) => ({ identifier: 'dhis2_prod', name: 'DHIS2 prod', type: 'dhis2' as const, description: '', updatedAt: new Date(0), may });

  it("Show Database Credentials on a viewer's workspace: refused with OpenHEXA's rule, before asking OpenHEXA anything", async () => {
    world = stage();
    const node: TreeNode = { kind: 'workspace', source: instanceSource(world.services, instance, workspace('viewer')) };
    await vscode.commands.executeCommand('openhexa.showCredentials', node);
    assert.deepEqual(errors(), ['OpenHEXA: OpenHEXA gives the database credentials of "Malaria" to its editors and admins; you are a Viewer there.']);
    assert.equal(world.stage.serverCalls, 0);
  });

  it('New Connection where OpenHEXA does not let the user create one: refused before the form', async () => {
    world = stage();
    const node: TreeNode = { kind: 'connections', source: instanceSource(world.services, instance, workspace('editor', { update: true })) };
    await vscode.commands.executeCommand('openhexa.newConnection', node);
    assert.deepEqual(errors(), ['OpenHEXA: OpenHEXA does not let you create connections in "Malaria": its editors and admins do.']);
  });

  it("Delete Connection follows the connection's own permissions: refused where OpenHEXA says no, else asked before anything is deleted", async () => {
    world = stage();
    const refused: TreeNode = { kind: 'connection', source: instanceSource(world.services, instance, workspace('editor')), connection: connection({ update: true, delete: false }) };
    await vscode.commands.executeCommand('openhexa.deleteConnection', refused);
    assert.deepEqual(recorded.messages, [{ level: 'error', text: 'OpenHEXA: OpenHEXA does not let you delete "DHIS2 prod": the editors and admins of "Malaria" do.' }]);
    recorded.reset();
    const allowed: TreeNode = { kind: 'connection', source: instanceSource(world.services, instance, workspace('editor')), connection: connection({ update: true, delete: true }) };
    await vscode.commands.executeCommand('openhexa.deleteConnection', allowed);
    // Dismissed here: nothing is deleted, and nothing but the question was said.
    assert.deepEqual(recorded.messages, [{ level: 'warning', text: 'Delete the connection "DHIS2 prod" (dhis2_prod) from "Malaria"?' }]);
    assert.equal(world.stage.serverCalls, 0);
  });

  it("Change Connection Identifier on an instance: refused before any call (OpenHEXA changes a connection's identifier on its own pages)", async () => {
    world = stage();
    const node: TreeNode = { kind: 'connection', source: instanceSource(world.services, instance, workspace('admin', { update: true })), connection: connection({ update: true, delete: true }) };
    await vscode.commands.executeCommand('openhexa.changeConnectionIdentifier', node);
    assert.deepEqual(errors(), ["OpenHEXA: On an OpenHEXA instance, a connection's identifier is changed on OpenHEXA itself (the connection's page)."]);
    assert.equal(world.stage.serverCalls, 0);
  });

  it("Change Member Role on an instance's member: refused before any question (OpenHEXA manages its members on its own pages)", async () => {
    world = stage();
    const node: TreeNode = { kind: 'member', source: instanceSource(world.services, instance, workspace('admin', { update: true })), member: { name: 'Bob', role: 'viewer', you: false } };
    await vscode.commands.executeCommand('openhexa.changeMemberRole', node);
    assert.deepEqual(errors(), ['OpenHEXA: The members of "Malaria" are managed on OpenHEXA itself (the workspace\'s settings); here they are listed only.']);
    assert.equal(recorded.quickPicks.length, 0);
    assert.equal(world.stage.serverCalls, 0);
  });

  it("what only a server has, asked on an instance's rows: refused before any question or call, saying why (Delete Table, Import, Count Rows, Query History, Archive)", async () => {
    world = stage();
    const source = instanceSource(world.services, instance, workspace('admin', { update: true, manageMembers: true, createConnection: true, deleteDatabaseTable: true }));
    const table: TreeNode = { kind: 'table', source, table: { schema: 'public', name: 'cases', kind: 'table', rows: 120, rowsExact: true, bytes: undefined, readable: true } };
    const onServerOnly = 'OpenHEXA: This works on the workspaces of a PostgreSQL server: "Malaria" is on the OpenHEXA instance https://api.openhexa.example.';
    for (const [id, node] of [
      ['openhexa.deleteTable', table],
      ['openhexa.importFile', { kind: 'database', source }],
      ['openhexa.queryHistory', { kind: 'workspace', source }],
      ['openhexa.archiveWorkspace', { kind: 'workspace', source }],
    ] as const) {
      recorded.reset();
      await vscode.commands.executeCommand(id, node);
      assert.deepEqual(errors(), [onServerOnly], id);
    }
    recorded.reset();
    await vscode.commands.executeCommand('openhexa.countRows', table);
    assert.deepEqual(errors(), ['OpenHEXA: OpenHEXA counts the rows of the tables of "Malaria" itself: the tree shows its count.']);
    assert.equal(recorded.quickPicks.length, 0);
    assert.equal(world.stage.serverCalls, 0);
  });
});

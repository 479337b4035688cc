import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { connectionNode } from '../../src/features/connections/nodes/connectionNode';
import { connectionsNode } from '../../src/features/connections/nodes/connectionsNode';
import { memberNode } from '../../src/features/members/nodes/memberNode';
import { membersNode } from '../../src/features/members/nodes/membersNode';
import { tableNode } from '../../src/features/workspaces/nodes/tableNode';
import { workspaceNode } from '../../src/features/workspaces/nodes/workspaceNode';
import type { TreeContext } from '../../src/platform/tree/nodeDef';
import type { Services } from '../../src/platform/services';
import { catalogSource } from '../../src/sources/catalogSource';
import { instanceSource } from '../../src/sources/instanceSource';
import type { SourceConnection } from '../../src/sources/workspaceSource';

// A workspace's rows over a source follow what the source's rules allow:
// here an OpenHEXA instance's, whose permissions are its own (per workspace,
// per connection), never read from the role alone.

const instance = { server: 'https://api.openhexa.example', email: 'ana@example.org', displayName: 'Ana' };
const ctx = {} as TreeContext;
const noServices = {} as Services;

function workspace(role: 'viewer' | 'editor' | 'admin', may: { createConnection?: boolean; manageMembers?: boolean } = {}) {
  return { slug: 'malaria', name: 'Malaria', role, may: { update: role !== 'viewer', manageMembers: false, createConnection: false, deleteDatabaseTable: false, ...may } };
}

const connection = (may: { update: boolean; delete: boolean }): SourceConnection => ({ identifier: 'dhis2_prod', name: 'DHIS2 prod', type: 'dhis2', description: '', updatedAt: new Date(0), may });

describe("a workspace's rows over its source (an OpenHEXA instance's)", () => {
  it('a connection OpenHEXA lets the user update opens on a click and offers its edits; another is listed only', () => {
    const source = instanceSource(noServices, instance, workspace('editor'));
    const editable = connectionNode.item({ kind: 'connection', source, connection: connection({ update: true, delete: true }) }, ctx) as vscode.TreeItem;
    // Its identifier is OpenHEXA's to change (no rename here).
    assert.equal(editable.contextValue, 'connection.view.edit.delete');
    assert.equal(editable.command?.command, 'openhexa.openConnection');
    const keep = connectionNode.item({ kind: 'connection', source, connection: connection({ update: true, delete: false }) }, ctx) as vscode.TreeItem;
    assert.equal(keep.contextValue, 'connection.view.edit');
    const readOnly = connectionNode.item({ kind: 'connection', source, connection: connection({ update: false, delete: false }) }, ctx) as vscode.TreeItem;
    assert.equal(readOnly.contextValue, 'connection');
    assert.equal(readOnly.command, undefined);
  });

  it('Connections offers New Connection where OpenHEXA lets the user create one, whatever the role says', () => {
    for (const [role, create, expected] of [['editor', true, 'connections.create.env'], ['admin', false, 'connections.env'], ['viewer', false, 'connections']] as const) {
      const item = connectionsNode.item({ kind: 'connections', source: instanceSource(noServices, instance, workspace(role, { createConnection: create })) }, ctx) as vscode.TreeItem;
      assert.equal(item.contextValue, expected, role);
    }
  });

  it('a workspace lists Members only to whom the source lets list them', async () => {
    const kinds = async (may: { manageMembers: boolean }) =>
      ((await workspaceNode.children?.({ kind: 'workspace', source: instanceSource(noServices, instance, workspace('admin', may)) }, ctx)) ?? []).map((n) => n.kind);
    // No saved queries: an instance keeps them in its Data Studio.
    assert.deepEqual(await kinds({ manageMembers: true }), ['database', 'connections', 'members']);
    assert.deepEqual(await kinds({ manageMembers: false }), ['database', 'connections']);
  });
});

describe("a workspace's connection rows over a server's catalog", () => {
  const profile = { host: '127.0.0.1', port: 5432, user: 'ana', label: 'Team', catalogDatabase: 'openhexa' };
  const ref = (role: 'viewer' | 'editor' | 'admin') => ({ profile, workspace: { slug: 'malaria', name: 'Malaria', dbName: 'ws_malaria', role, status: 'ready' as const } });
  const row = (role: 'viewer' | 'editor' | 'admin') =>
    connectionNode.item({ kind: 'connection', source: catalogSource(noServices, ref(role)), connection: { identifier: 'dhis2_prod', name: 'DHIS2 prod', type: 'dhis2', description: '', updatedAt: new Date(0) } }, ctx) as vscode.TreeItem;

  it("follow the product's roles: values for editors, edits, deletion and a new identifier for admins", () => {
    assert.deepEqual(
      (['viewer', 'editor', 'admin'] as const).map((role) => [row(role).contextValue, row(role).command?.command]),
      [
        ['connection', undefined],
        ['connection.view', 'openhexa.openConnection'],
        ['connection.view.edit.delete.rename', 'openhexa.openConnection'],
      ],
    );
  });

  it('Connections offers New Connection to admins, their variables to editors and admins', () => {
    assert.deepEqual(
      (['viewer', 'editor', 'admin'] as const).map((role) => (connectionsNode.item({ kind: 'connections', source: catalogSource(noServices, ref(role)) }, ctx) as vscode.TreeItem).contextValue),
      ['connections', 'connections.env', 'connections.create.env'],
    );
  });
});

describe("a workspace's members rows, over either kind's source", () => {
  const profile = { host: '127.0.0.1', port: 5432, user: 'ana', label: 'Team', catalogDatabase: 'openhexa' };
  const server = (role: 'viewer' | 'editor' | 'admin') => catalogSource(noServices, { profile, workspace: { slug: 'malaria', name: 'Malaria', dbName: 'ws_malaria', role, status: 'ready' as const } });
  const item = (node: Parameters<typeof memberNode.item>[0]) => memberNode.item(node, ctx) as vscode.TreeItem;

  it("a server's admin manages the others, never themselves (they would lock themselves out)", () => {
    const source = server('admin');
    assert.equal((membersNode.item({ kind: 'members', source }, ctx) as vscode.TreeItem).contextValue, 'members.manage');
    assert.equal(item({ kind: 'member', source, member: { name: 'bob', role: 'viewer', you: false } }).contextValue, 'member.manage');
    const you = item({ kind: 'member', source, member: { name: 'ana', role: 'admin', you: true, platformAdmin: true } });
    assert.deepEqual([you.contextValue, you.description], ['member', 'Admin · you, as platform admin']);
    assert.equal(server('editor').listsMembers, false);
  });

  it("an instance's members are listed, with the refusal that says where they are managed, and no action on any", () => {
    const source = instanceSource(noServices, instance, workspace('admin', { manageMembers: true }));
    assert.equal(source.listsMembers, true);
    const list = membersNode.item({ kind: 'members', source }, ctx) as vscode.TreeItem;
    assert.deepEqual([list.contextValue, list.tooltip], ['members', 'The members of "Malaria" are managed on OpenHEXA itself (the workspace\'s settings); here they are listed only.']);
    const bob = item({ kind: 'member', source, member: { name: 'Bob', email: 'bob@example.org', role: 'viewer', you: false } });
    assert.deepEqual([bob.contextValue, bob.tooltip], ['member', 'Bob <bob@example.org>']);
    // Two people of the same name are two rows (the tree refuses two elements of one id).
    const otherBob = item({ kind: 'member', source, member: { name: 'Bob', email: 'bob.k@example.org', role: 'editor', you: false } });
    assert.notEqual(otherBob.id, bob.id);
  });
});

describe("a workspace's own rows, the same on either kind", () => {
  const profile = { host: '127.0.0.1', port: 5432, user: 'ana', label: 'Team', catalogDatabase: 'openhexa' };
  const server = (role: 'viewer' | 'editor' | 'admin') => catalogSource(noServices, { profile, workspace: { slug: 'malaria', name: 'Malaria', dbName: 'ws_malaria', role, status: 'ready' as const }, platformAdmin: false });

  it("a server's workspace has its Database, saved queries, connections and, for admins, members", async () => {
    const kinds = async (role: 'viewer' | 'admin') => ((await workspaceNode.children?.({ kind: 'workspace', source: server(role) }, ctx)) ?? []).map((n) => n.kind);
    assert.deepEqual(await kinds('viewer'), ['database', 'savedQueries', 'connections']);
    assert.deepEqual(await kinds('admin'), ['database', 'savedQueries', 'connections', 'members']);
  });

  it("a table's row says its count as the source has it: measured on a server, OpenHEXA's own on an instance (no size, never 'counting…')", () => {
    const listed = { schema: 'public', name: 'cases', kind: 'table' as const, rows: 120, rowsExact: true, bytes: undefined, readable: true };
    const item = tableNode.item({ kind: 'table', source: instanceSource(noServices, instance, workspace('viewer')), table: listed }, ctx) as vscode.TreeItem;
    assert.deepEqual([item.label, item.description, item.contextValue], ['cases', '120 rows', 'table.table']);
    const unknown = tableNode.item({ kind: 'table', source: instanceSource(noServices, instance, workspace('editor')), table: { ...listed, rows: undefined, rowsExact: false } }, ctx) as vscode.TreeItem;
    assert.deepEqual([unknown.description, unknown.contextValue], ['rows unknown', 'table.table.query.credentials']);
  });
});

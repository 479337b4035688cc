import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { sourceConnectionNode, sourceConnectionsNode } from '../../src/features/connections/nodes/sourceConnectionNodes';
import { sourceWorkspaceNode } from '../../src/features/workspaces/nodes/sourceWorkspaceNodes';
import type { TreeContext } from '../../src/platform/tree/nodeDef';
import type { Services } from '../../src/platform/services';
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
    const editable = sourceConnectionNode.item({ kind: 'sourceConnection', source, connection: connection({ update: true, delete: true }) }, ctx) as vscode.TreeItem;
    assert.equal(editable.contextValue, 'sourceConnection.update');
    assert.equal(editable.command?.command, 'openhexa.openConnection');
    const readOnly = sourceConnectionNode.item({ kind: 'sourceConnection', source, connection: connection({ update: false, delete: false }) }, ctx) as vscode.TreeItem;
    assert.equal(readOnly.contextValue, 'sourceConnection.read');
    assert.equal(readOnly.command, undefined);
  });

  it('Connections offers New Connection where OpenHEXA lets the user create one, whatever the role says', () => {
    for (const [role, create, expected] of [['editor', true, 'sourceConnections.create'], ['admin', false, 'sourceConnections.read'], ['viewer', false, 'sourceConnections.read']] as const) {
      const item = sourceConnectionsNode.item({ kind: 'sourceConnections', source: instanceSource(noServices, instance, workspace(role, { createConnection: create })) }, ctx) as vscode.TreeItem;
      assert.equal(item.contextValue, expected, role);
    }
  });

  it('a workspace lists Members only to whom the source lets list them', async () => {
    const kinds = async (may: { manageMembers: boolean }) =>
      ((await sourceWorkspaceNode.children?.({ kind: 'sourceWorkspace', source: instanceSource(noServices, instance, workspace('admin', may)) }, ctx)) ?? []).map((n) => n.kind);
    assert.deepEqual(await kinds({ manageMembers: true }), ['sourceDatabase', 'sourceConnections', 'sourceMembers']);
    assert.deepEqual(await kinds({ manageMembers: false }), ['sourceDatabase', 'sourceConnections']);
  });
});

import * as vscode from 'vscode';
import { listTables, type InstanceWorkspace } from '../../../openhexa/instanceCalls';
import type { OpenHexaTable } from '../../../openhexa/operations';
import type { InstanceProfile } from '../../../platform/instances';
import { guard } from '../../../platform/tree/explain';
import { contextValue } from '../../../platform/tree/contextValues';
import type { NodeDef } from '../../../platform/tree/nodeDef';
import type { TreeNode } from '../../nodeKinds';

/** The workspace database's tables, with counts and columns, as OpenHEXA lists them. */
export interface InstanceDatabaseNode {
  readonly kind: 'instanceDatabase';
  readonly profile: InstanceProfile;
  readonly workspace: InstanceWorkspace;
}

/** One table: its row count, and its columns below. A click previews it. */
export interface InstanceTableNode {
  readonly kind: 'instanceTable';
  readonly profile: InstanceProfile;
  readonly workspace: InstanceWorkspace;
  readonly table: OpenHexaTable;
}

export interface InstanceColumnNode {
  readonly kind: 'instanceColumn';
  readonly id: string;
  readonly column: { readonly name: string; readonly type: string };
}

export const instanceDatabaseNode: NodeDef<InstanceDatabaseNode> = {
  kind: 'instanceDatabase',
  item({ profile, workspace }) {
    const item = new vscode.TreeItem(vscode.l10n.t('Database'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `instanceDatabase:${profile.server}:${workspace.slug}`;
    item.iconPath = new vscode.ThemeIcon('database');
    item.contextValue = contextValue.instanceDatabase(workspace.role);
    return item;
  },
  children({ profile, workspace }, ctx) {
    return guard(ctx, async () => {
      const tables = await listTables(await ctx.instances.session(profile.server), workspace.slug);
      if (tables.length === 0) {
        return [{ kind: 'message', text: vscode.l10n.t('No tables yet') }];
      }
      return tables.map((table): TreeNode => ({ kind: 'instanceTable', profile, workspace, table }));
    });
  },
};

export const instanceTableNode: NodeDef<InstanceTableNode> = {
  kind: 'instanceTable',
  item(node) {
    const { table } = node;
    const item = new vscode.TreeItem(table.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `instanceTable:${node.profile.server}:${node.workspace.slug}:${table.name}`;
    item.description = table.count === null ? undefined : vscode.l10n.t('{0} rows', table.count.toLocaleString(vscode.env.language));
    item.tooltip = [table.name, ...table.columns.map((c) => `${c.name}  ${c.type}`)].join('\n');
    item.iconPath = new vscode.ThemeIcon('table');
    item.contextValue = contextValue.instanceTable(node.workspace.role);
    item.command = { command: 'openhexa.previewTable', title: vscode.l10n.t('Preview Table'), arguments: [node] };
    return item;
  },
  children(node) {
    return Promise.resolve(node.table.columns.map((column): TreeNode => ({ kind: 'instanceColumn', id: `${node.profile.server}:${node.workspace.slug}:${node.table.name}:${column.name}`, column })));
  },
};

export const instanceColumnNode: NodeDef<InstanceColumnNode> = {
  kind: 'instanceColumn',
  item({ id, column }) {
    const item = new vscode.TreeItem(column.name, vscode.TreeItemCollapsibleState.None);
    item.id = `instanceColumn:${id}`;
    item.description = column.type;
    item.iconPath = new vscode.ThemeIcon('symbol-field');
    return item;
  },
};

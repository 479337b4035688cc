import * as vscode from 'vscode';
import { formatRows, roleLabel, labelled } from '../../../platform/format';
import { guard } from '../../../platform/tree/explain';
import { contextValue } from '../../../platform/tree/contextValues';
import type { NodeDef } from '../../../platform/tree/nodeDef';
import type { SourceTableRow, ListedSource } from '../../../sources/workspaceSource';
import type { TreeNode } from '../../nodeKinds';

// A workspace's rows over its WorkspaceSource, whichever kind of server
// keeps it: the workspace, its Database, its tables and their columns.
// (A server's catalog also has its own, richer rows: schemas, measured
// sizes, saved queries.)

export interface SourceWorkspaceNode {
  readonly kind: 'sourceWorkspace';
  readonly source: ListedSource;
}

export interface SourceDatabaseNode {
  readonly kind: 'sourceDatabase';
  readonly source: ListedSource;
}

/** One table: its row count where known, its columns below. A click previews it. */
export interface SourceTableNode {
  readonly kind: 'sourceTable';
  readonly source: ListedSource;
  readonly table: SourceTableRow;
}

export interface SourceColumnNode {
  readonly kind: 'sourceColumn';
  readonly id: string;
  readonly column: { readonly name: string; readonly type: string };
}

export const sourceWorkspaceNode: NodeDef<SourceWorkspaceNode> = {
  kind: 'sourceWorkspace',
  item({ source }) {
    const { workspace } = source;
    const item = new vscode.TreeItem(workspace.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `sourceWorkspace:${source.key}`;
    item.description = roleLabel(workspace.role);
    item.tooltip = [workspace.name, labelled(vscode.l10n.t('Your role'), roleLabel(workspace.role)), labelled(vscode.l10n.t('Identifier'), workspace.slug)].join('\n');
    item.iconPath = new vscode.ThemeIcon('folder-library');
    item.contextValue = contextValue.sourceWorkspace(workspace.role);
    return item;
  },
  children({ source }) {
    const nodes: TreeNode[] = [
      { kind: 'sourceDatabase', source },
      { kind: 'connections', source },
    ];
    if (source.listsMembers) {
      nodes.push({ kind: 'members', source });
    }
    return Promise.resolve(nodes);
  },
};

export const sourceDatabaseNode: NodeDef<SourceDatabaseNode> = {
  kind: 'sourceDatabase',
  item({ source }) {
    const item = new vscode.TreeItem(vscode.l10n.t('Database'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `sourceDatabase:${source.key}`;
    item.iconPath = new vscode.ThemeIcon('database');
    item.contextValue = contextValue.sourceDatabase(source.workspace.role);
    return item;
  },
  children({ source }, ctx) {
    return guard(ctx, async () => {
      const tables = await source.tables();
      if (tables.length === 0) {
        return [{ kind: 'message', text: vscode.l10n.t('No tables yet') }];
      }
      return tables.map((table): TreeNode => ({ kind: 'sourceTable', source, table }));
    });
  },
};

export const sourceTableNode: NodeDef<SourceTableNode> = {
  kind: 'sourceTable',
  item(node) {
    const { table, source } = node;
    const label = table.schema === 'public' ? table.name : `${table.schema}.${table.name}`;
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `sourceTable:${source.key}:${table.schema}:${table.name}`;
    item.description = table.rows === undefined ? undefined : formatRows(table.rows, true, vscode.env.language);
    item.tooltip = [`${table.schema}.${table.name}`, item.description].filter(Boolean).join('\n');
    item.iconPath = new vscode.ThemeIcon('table');
    item.contextValue = contextValue.sourceTable(source.workspace.role);
    item.command = { command: 'openhexa.previewTable', title: vscode.l10n.t('Preview Data'), arguments: [node] };
    return item;
  },
  children({ source, table }, ctx) {
    return guard(ctx, async () =>
      (await source.columns(table)).map((column): TreeNode => ({ kind: 'sourceColumn', id: `${source.key}:${table.schema}:${table.name}:${column.name}`, column })),
    );
  },
};

export const sourceColumnNode: NodeDef<SourceColumnNode> = {
  kind: 'sourceColumn',
  item({ id, column }) {
    const item = new vscode.TreeItem(column.name, vscode.TreeItemCollapsibleState.None);
    item.id = `sourceColumn:${id}`;
    item.description = column.type;
    item.iconPath = new vscode.ThemeIcon('symbol-field');
    return item;
  },
};

import * as vscode from 'vscode';
import type { ReaderWrites } from '../../../postgres/workspace/readerWrites';
import type { NodeDef } from '../../../platform/tree/nodeDef';
import { contextValue } from '../../../platform/tree/contextValues';
import { labelled } from '../../../platform/format';
import type { WorkspaceSource } from '../../../sources/workspaceSource';

/**
 * First under a Database whose viewers and read-only login may write: an
 * editor granted it (on a table, to PUBLIC, or by default privileges).
 * Editors and admins can take it back from here.
 */
export interface ReaderWritesNode {
  readonly kind: 'readerWrites';
  readonly source: WorkspaceSource;
  readonly found: ReaderWrites;
}

export const readerWritesNode: NodeDef<ReaderWritesNode> = {
  kind: 'readerWrites',
  item(node) {
    const { source, found } = node;
    const item = new vscode.TreeItem(
      found.tables.length === 1
        ? vscode.l10n.t('Viewers and the read-only login can write to {0}', `${found.tables[0]!.schema}.${found.tables[0]!.name}`)
        : found.tables.length > 1
          ? vscode.l10n.t('Viewers and the read-only login can write to {0} tables', String(found.tables.length))
          : vscode.l10n.t('Tables made from now on will be writable by viewers and the read-only login'),
      vscode.TreeItemCollapsibleState.None,
    );
    const mayRevoke = source.refusal('writeTables') === undefined;
    item.description = mayRevoke ? vscode.l10n.t('Revoke…') : vscode.l10n.t('ask an editor or admin');
    item.tooltip = [
      vscode.l10n.t('An editor granted write privileges to the readers of this workspace (the reader group, the read-only login a BI tool uses, or PUBLIC). PostgreSQL lets the owner of a table do that; the workspace never does.'),
      ...found.tables.map((t) => `• ${t.schema}.${t.name}: ${t.privileges.join(', ')}`),
      ...found.defaults.map((d) => `• ${labelled(d.schema === null ? vscode.l10n.t('default privileges, every schema') : vscode.l10n.t('default privileges in {0}', d.schema), d.privileges.join(', '))}`),
    ].join('\n');
    item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    item.contextValue = contextValue.readerWrites(mayRevoke);
    if (mayRevoke) {
      item.command = { command: 'openhexa.revokeReaderWrites', title: vscode.l10n.t('Revoke Readers\' Write Privileges'), arguments: [node] };
    }
    return item;
  },
};

import * as vscode from 'vscode';
import { roleLabel, labelled } from '../../../platform/format';
import type { WorkspaceRef } from '../../../platform/commands/pickers';
import { contextValue } from '../../../platform/tree/contextValues';
import type { NodeDef } from '../../../platform/tree/nodeDef';
import type { WorkspaceSource } from '../../../sources/workspaceSource';
import type { TreeNode } from '../../nodeKinds';

/** A workspace, on either kind of server, with the user's role in it; its menu offers what the source's rules allow. */
export interface WorkspaceNode {
  readonly kind: 'workspace';
  readonly source: WorkspaceSource;
}

export const workspaceNode: NodeDef<WorkspaceNode> = {
  kind: 'workspace',
  item({ source }) {
    const { workspace, status } = source;
    const database = source.databaseName === undefined ? [] : [labelled(vscode.l10n.t('Database'), source.databaseName)];
    if (status === 'archived') {
      const archived = new vscode.TreeItem(workspace.name, vscode.TreeItemCollapsibleState.None);
      archived.id = `workspace:${source.key}`;
      archived.description = vscode.l10n.t('archived');
      archived.tooltip = [workspace.name, ...database, vscode.l10n.t('Archived: its data is kept, nobody can connect to it. Restore Workspace brings it back with new passwords.')].join('\n');
      archived.iconPath = new vscode.ThemeIcon('archive');
      archived.contextValue = contextValue.archivedWorkspace();
      return archived;
    }
    const item = new vscode.TreeItem(workspace.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `workspace:${source.key}`;
    item.description = status === 'ready' ? roleLabel(workspace.role) : vscode.l10n.t('{0} · incomplete', roleLabel(workspace.role));
    item.tooltip = [
      workspace.name,
      labelled(vscode.l10n.t('Your role'), roleLabel(workspace.role)),
      labelled(vscode.l10n.t('Identifier'), workspace.slug),
      ...database,
      ...(status === 'ready' ? [] : [vscode.l10n.t('Its creation did not finish: delete it and create it again.')]),
    ].join('\n');
    item.iconPath = new vscode.ThemeIcon(status === 'ready' ? 'folder-library' : 'warning');
    const allows = (need: Parameters<WorkspaceSource['refusal']>[0]): boolean => source.refusal(need) === undefined;
    item.contextValue = contextValue.workspace({
      query: allows('query'),
      credentials: allows('seeCredentials'),
      passwords: allows('regeneratePassword'),
      members: allows('manageMembers'),
      history: allows('history'),
      platformAdmin: allows('platformAdmin'),
    });
    return item;
  },
  children({ source }): Promise<TreeNode[]> {
    if (source.status === 'archived') {
      return Promise.resolve([]);
    }
    return Promise.resolve([
      { kind: 'database', source },
      // Saved queries are kept by a server's catalog (an instance keeps them in its Data Studio).
      ...(source.refusal('history') === undefined ? [{ kind: 'savedQueries', source } as const] : []),
      { kind: 'connections', source },
      ...(source.listsMembers ? [{ kind: 'members', source } as const] : []),
    ]);
  },
};

declare module '../../../platform/tree/nodeDef' {
  interface TreeContext {
    /** A server's workspace as a WorkspaceSource (its catalog): its rows are the same as any source's. */
    readonly catalogSource: (ref: WorkspaceRef) => WorkspaceSource;
  }
}

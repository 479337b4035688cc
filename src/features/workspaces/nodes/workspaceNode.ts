import * as vscode from 'vscode';
import { may } from '../../../core/roles';
import { profileKey, type ServerProfile } from '../../../core/serverProfile';
import type { WorkspaceSummary } from '../../../postgres/workspace/catalogCalls';
import { roleLabel, labelled } from '../../../platform/format';
import { contextValue } from '../../../platform/tree/contextValues';
import type { WorkspaceRef } from '../../../platform/commands/pickers';
import type { NodeDef } from '../../../platform/tree/nodeDef';
import type { WorkspaceSource } from '../../../sources/workspaceSource';
import type { TreeNode } from '../../nodeKinds';

/** A workspace, with the login's role in it. */
export interface WorkspaceNode {
  readonly kind: 'workspace';
  readonly profile: ServerProfile;
  readonly workspace: WorkspaceSummary;
  readonly platformAdmin: boolean;
}

export const workspaceNode: NodeDef<WorkspaceNode> = {
  kind: 'workspace',
  item(node) {
    const { workspace } = node;
    if (workspace.status === 'archived') {
      const archived = new vscode.TreeItem(workspace.name, vscode.TreeItemCollapsibleState.None);
      archived.id = `ws:${profileKey(node.profile)}:${workspace.slug}`;
      archived.description = vscode.l10n.t('archived');
      archived.tooltip = [workspace.name, labelled(vscode.l10n.t('Database'), workspace.dbName), vscode.l10n.t('Archived: its data is kept, nobody can connect to it. Restore Workspace brings it back with new passwords.')].join('\n');
      archived.iconPath = new vscode.ThemeIcon('archive');
      archived.contextValue = contextValue.archivedWorkspace();
      return archived;
    }
    const item = new vscode.TreeItem(workspace.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `ws:${profileKey(node.profile)}:${workspace.slug}`;
    item.description = workspace.status === 'ready' ? roleLabel(workspace.role) : vscode.l10n.t('{0} · incomplete', roleLabel(workspace.role));
    item.tooltip = [
      workspace.name,
      labelled(vscode.l10n.t('Your role'), roleLabel(workspace.role)),
      labelled(vscode.l10n.t('Identifier'), workspace.slug),
      labelled(vscode.l10n.t('Database'), workspace.dbName),
      ...(workspace.status === 'ready' ? [] : [vscode.l10n.t('Its creation did not finish: delete it and create it again.')]),
    ].join('\n');
    item.iconPath = new vscode.ThemeIcon(workspace.status === 'ready' ? 'folder-library' : 'warning');
    item.contextValue = contextValue.workspace(workspace.role, node.platformAdmin);
    return item;
  },
  async children({ profile, workspace, platformAdmin }, ctx): Promise<TreeNode[]> {
    if (workspace.status === 'archived') {
      return [];
    }
    const source = ctx.catalogSource({ profile, workspace, platformAdmin });
    return [
      { kind: 'database', profile, workspace },
      { kind: 'savedQueries', profile, workspace },
      ...(may(workspace.role, 'listConnections') ? [{ kind: 'connections', source } as const] : []),
      ...(source.listsMembers ? [{ kind: 'members', source } as const] : []),
    ];
  },
};

declare module '../../../platform/tree/nodeDef' {
  interface TreeContext {
    /** A server's workspace as a WorkspaceSource (its catalog): the rows both kinds share are the source's. */
    readonly catalogSource: (ref: WorkspaceRef) => WorkspaceSource;
  }
}

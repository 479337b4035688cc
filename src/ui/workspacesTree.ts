import * as vscode from 'vscode';
import { profileKey, type ProfileProblem, type ServerProfile } from '../core/serverProfile';
import type { ServerStore } from './serverStore';

export type TreeNode = { kind: 'server'; profile: ServerProfile } | { kind: 'problem'; problem: ProfileProblem };

/** The Workspaces view. Empty state is the welcome view (context key openhexa.serverCount). */
export class WorkspacesTree implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: ServerStore) {
    this.subscription = store.onDidChange(() => this.refresh());
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(element?: TreeNode): Promise<TreeNode[]> {
    if (element) {
      return [];
    }
    const { profiles, problems } = this.store.read();
    await vscode.commands.executeCommand('setContext', 'openhexa.serverCount', profiles.length + problems.length);
    return [
      ...profiles.map((profile): TreeNode => ({ kind: 'server', profile })),
      ...problems.map((problem): TreeNode => ({ kind: 'problem', problem })),
    ];
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (node.kind === 'problem') {
      const { problem } = node;
      const item = new vscode.TreeItem(
        problem.label ?? vscode.l10n.t('Server profile {0}', problem.index + 1),
        vscode.TreeItemCollapsibleState.None,
      );
      item.description = vscode.l10n.t(problem.message);
      item.tooltip = vscode.l10n.t('This entry of the "openhexa.servers" setting is not valid: {0}', vscode.l10n.t(problem.message));
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
      item.contextValue = 'serverProblem';
      item.command = { command: 'workbench.action.openSettingsJson', title: vscode.l10n.t('Open Settings (JSON)') };
      return item;
    }
    const { profile } = node;
    const item = new vscode.TreeItem(profile.label, vscode.TreeItemCollapsibleState.None);
    item.id = `server:${profileKey(profile)}`;
    item.description = `${profile.user}@${profile.host}:${profile.port}`;
    item.tooltip = [
      profile.label,
      `${vscode.l10n.t('Host')}: ${profile.host}:${profile.port}`,
      `${vscode.l10n.t('User')}: ${profile.user}`,
      `${vscode.l10n.t('TLS mode')}: ${profile.sslmode}`,
      `${vscode.l10n.t('Catalog database')}: ${profile.catalogDatabase}`,
    ].join('\n');
    item.iconPath = new vscode.ThemeIcon('server');
    item.contextValue = 'server';
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

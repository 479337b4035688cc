import * as vscode from 'vscode';
import type { ServerProfile } from '../../../core/serverProfile';
import type { LocalServerAccess, NodeDef } from '../../../platform/tree/nodeDef';
import { contextValue, type LocalNodeState } from '../../../platform/tree/contextValues';

/** Under the local server's profile while it is not running: why, and what to do. */
export interface LocalStateNode {
  readonly kind: 'localState';
  readonly profile: ServerProfile;
  readonly state: LocalNodeState;
  readonly message?: string;
}

/** The node for the local server's current state; undefined when it runs and its workspaces can be read. */
function stateOf(local: LocalServerAccess, profile: ServerProfile): LocalStateNode | undefined {
  switch (local.state) {
    case 'running':
      return undefined;
    case 'crashed':
      return { kind: 'localState', profile, state: 'crashed' };
    case 'starting':
      return { kind: 'localState', profile, state: 'starting' };
    case 'stopping':
    case 'stopped':
      if (local.stoppedByUser) {
        return { kind: 'localState', profile, state: 'stopped' };
      }
      // Not started yet this session: the view starts it when it shows (see ../autoStart.ts).
      return local.startError ? { kind: 'localState', profile, state: 'failed', message: local.startError } : { kind: 'localState', profile, state: 'starting' };
  }
}

export const localStateNode: NodeDef<LocalStateNode> & { stateOf: typeof stateOf } = {
  kind: 'localState',
  stateOf,
  item(node) {
    const texts: Record<LocalStateNode['state'], [string, string, string]> = {
      starting: [vscode.l10n.t('Starting the local server…'), 'loading~spin', vscode.l10n.t('The local PostgreSQL server is starting; its workspaces show in a moment.')],
      stopped: [vscode.l10n.t('The local server is stopped'), 'debug-start', vscode.l10n.t('You stopped the local PostgreSQL server. Click to start it again; your data is kept.')],
      crashed: [vscode.l10n.t('The local server stopped'), 'error', vscode.l10n.t('The local PostgreSQL server stopped unexpectedly. Click to restart it; your data is kept.')],
      failed: [vscode.l10n.t('The local server could not start'), 'error', node.message ?? ''],
    };
    const [label, icon, tooltip] = texts[node.state];
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.tooltip = tooltip;
    const problem = node.state === 'crashed' || node.state === 'failed';
    item.iconPath = new vscode.ThemeIcon(icon, problem ? new vscode.ThemeColor('errorForeground') : undefined);
    item.contextValue = contextValue.localState(node.state);
    if (node.state === 'crashed' || node.state === 'failed') {
      item.description = vscode.l10n.t('Restart');
      item.command = { command: 'openhexa.restartLocalServer', title: vscode.l10n.t('Restart') };
    } else if (node.state === 'stopped') {
      item.description = vscode.l10n.t('Start');
      item.command = { command: 'openhexa.startLocalServer', title: vscode.l10n.t('Start') };
    }
    return item;
  },
};

import * as vscode from 'vscode';
import type { Log } from '../../platform/log';
import type { ServerStore } from '../../platform/serverStore';
import type { LocalServerService } from './localServerService';

/**
 * The local server starts on demand: when the Workspaces view shows and a
 * local profile exists, unless the user stopped it or its last start failed
 * (the tree then offers Start or Restart). The tree itself never starts it.
 */
export function startWhenShown(view: vscode.TreeView<unknown>, localServer: LocalServerService, store: ServerStore, log: Log): vscode.Disposable {
  const maybeStart = (): void => {
    if (!view.visible || !localServer.profile() || localServer.state !== 'stopped' || localServer.stoppedByUser || localServer.startError) {
      return;
    }
    localServer.start().catch((err: unknown) => log.error('Starting the local server failed', err));
  };
  maybeStart();
  return vscode.Disposable.from(view.onDidChangeVisibility(maybeStart), store.onDidChange(maybeStart));
}

import * as vscode from 'vscode';
import type { ServerStore } from './serverStore';

/** Keeps `openhexa.serverCount` (the welcome view's condition) in step with the settings. */
export function trackServerCount(store: ServerStore): vscode.Disposable {
  const update = (): void => {
    const { profiles, problems } = store.read();
    void vscode.commands.executeCommand('setContext', 'openhexa.serverCount', profiles.length + problems.length);
  };
  update();
  return store.onDidChange(update);
}

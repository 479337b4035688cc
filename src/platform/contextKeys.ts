import * as vscode from 'vscode';
import type { Instances } from './instances';
import type { ServerStore } from './serverStore';

/** Keeps `openhexa.serverCount` (the welcome view's condition) in step with the settings and the OpenHEXA instances signed in to. */
export function trackServerCount(store: ServerStore, instances: Instances): vscode.Disposable {
  const update = (): void => {
    const { profiles, problems } = store.read();
    void vscode.commands.executeCommand('setContext', 'openhexa.serverCount', profiles.length + problems.length + instances.list().length);
  };
  update();
  return vscode.Disposable.from(store.onDidChange(update), instances.onDidChange(update));
}

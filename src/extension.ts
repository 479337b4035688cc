import * as vscode from 'vscode';
import { registerCommands } from './ui/commands';
import { Log } from './ui/log';
import { ServerStore } from './ui/serverStore';
import { WorkspacesTree } from './ui/workspacesTree';

/** What activation hands back; the host tests use it to reach the live services. */
export interface OpenhexaApi {
  readonly store: ServerStore;
  readonly tree: WorkspacesTree;
}

export function activate(context: vscode.ExtensionContext): OpenhexaApi {
  const log = new Log();
  const store = new ServerStore(context.secrets);
  const tree = new WorkspacesTree(store);
  context.subscriptions.push(log, store, tree, vscode.window.registerTreeDataProvider('openhexa.workspaces', tree));
  registerCommands(context, { extensionUri: context.extensionUri, log, store, tree });
  log.info(`OpenHEXA Workspaces ${String(context.extension.packageJSON.version)} activated (VS Code ${vscode.version}, language ${vscode.env.language})`);
  return { store, tree };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

import * as vscode from 'vscode';
import { registerCommands } from './ui/commands';
import { LocalServerController } from './ui/localServerController';
import { Log } from './ui/log';
import { PreviewPanel } from './ui/panels/previewPanel';
import { ServerStore } from './ui/serverStore';
import { Sessions } from './ui/sessions';
import { ValueDocuments } from './ui/valueDocuments';
import { WorkspacesTree } from './ui/workspacesTree';

/** What activation hands back; the host tests use it to reach the live services. */
export interface OpenhexaApi {
  readonly store: ServerStore;
  readonly tree: WorkspacesTree;
  readonly sessions: Sessions;
  readonly localServer: LocalServerController;
}

let localServer: LocalServerController | undefined;

export function activate(context: vscode.ExtensionContext): OpenhexaApi {
  const log = new Log();
  const store = new ServerStore(context.secrets);
  const sessions = new Sessions(store);
  localServer = new LocalServerController(context, store, sessions, log);
  const tree = new WorkspacesTree(store, sessions, log, localServer);
  const view = vscode.window.createTreeView('openhexa.workspaces', { treeDataProvider: tree, showCollapseAll: true });
  const values = new ValueDocuments();
  context.subscriptions.push(log, store, sessions, localServer, tree, view, values, { dispose: () => PreviewPanel.disposeAll() });
  registerCommands(context, { extensionUri: context.extensionUri, log, store, sessions, tree, view, localServer, values });
  log.info(`OpenHEXA Workspaces ${String(context.extension.packageJSON.version)} activated (VS Code ${vscode.version}, language ${vscode.env.language})`);
  if (vscode.workspace.getConfiguration('openhexa').get<boolean>('localServer.startOnLaunch', false)) {
    void vscode.commands.executeCommand('openhexa.startLocalServer');
  }
  return { store, tree, sessions, localServer };
}

/** The local server stops with VS Code; the rest is disposed through context.subscriptions. */
export async function deactivate(): Promise<void> {
  await localServer?.stop();
}

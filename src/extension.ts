import * as vscode from 'vscode';
import { COMMANDS, FEATURES } from './features';
import { LocalServerService } from './features/localServer/localServerService';
import { NODE_KINDS } from './features/nodeKinds';
import { ValueDocuments } from './features/preview/valueDocuments';
import { serverRoots } from './features/servers/nodes/serverNode';
import { TableBrowsing } from './features/workspaces/tableBrowsing';
import { WalkthroughProgress } from './features/walkthrough/walkthroughProgress';
import { registerCommands } from './platform/commands/registerCommands';
import { trackServerCount } from './platform/contextKeys';
import { Log } from './platform/log';
import { ServerStore } from './platform/serverStore';
import type { Services } from './platform/services';
import { Sessions } from './platform/sessions';
import { WorkspacesTree } from './platform/tree/workspacesTree';

/** What activation hands back; the host tests use it to reach the live services. */
export type OpenhexaApi = Services;

let localServer: LocalServerService | undefined;

/** The composition root: shared services, the tree, then every feature's commands and set-up. */
export function activate(context: vscode.ExtensionContext): OpenhexaApi {
  const log = new Log();
  const store = new ServerStore(context.secrets);
  const sessions = new Sessions(store);
  localServer = new LocalServerService(context, store, sessions, log);
  const tree = new WorkspacesTree(NODE_KINDS, serverRoots, { sessions, store, log, local: localServer, browsing: new TableBrowsing() });
  const view = vscode.window.createTreeView('openhexa.workspaces', { treeDataProvider: tree, showCollapseAll: true });
  const values = new ValueDocuments();
  context.subscriptions.push(log, store, sessions, localServer, tree, view, values, trackServerCount(store), store.onDidChange(() => tree.refresh()));
  const walkthrough = new WalkthroughProgress(context.globalState, context.extension.id, log);
  const services: Services = { extensionId: context.extension.id, extensionUri: context.extensionUri, state: context.globalState, log, store, sessions, tree, view, localServer, values, walkthrough };
  registerCommands(context, services, COMMANDS);
  for (const feature of FEATURES) {
    feature.activate?.(context, services);
  }
  log.info(`OpenHEXA Workspaces ${String(context.extension.packageJSON.version)} activated (VS Code ${vscode.version}, language ${vscode.env.language})`);
  if (vscode.workspace.getConfiguration('openhexa').get<boolean>('localServer.startOnLaunch', false)) {
    void vscode.commands.executeCommand('openhexa.startLocalServer');
  }
  return services;
}

/** The local server stops with VS Code; the rest is disposed through context.subscriptions. */
export async function deactivate(): Promise<void> {
  await localServer?.stop();
}

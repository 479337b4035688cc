// First: it notes when the bundle's modules began to load.
import { MODULES_STARTED } from './loadClock';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { COMMANDS, FEATURES } from './features';
import { LocalServerService } from './features/localServer/localServerService';
import { NODE_KINDS } from './features/nodeKinds';
import { ValueDocuments } from './features/preview/valueDocuments';
import { serverRoots } from './features/servers/nodes/serverNode';
import { instanceRoots } from './features/instances/nodes/instanceNode';
import { Instances } from './platform/instances';
import { TableBrowsing } from './features/workspaces/tableBrowsing';
import { WalkthroughProgress } from './features/walkthrough/walkthroughProgress';
import { registerCommands } from './platform/commands/registerCommands';
import { trackServerCount } from './platform/contextKeys';
import { Log } from './platform/log';
import { ServerStore } from './platform/serverStore';
import type { Services } from './platform/services';
import { QueryStudio } from './features/query/queryStudio';
import { SAVED_QUERY_SCHEME, SavedQueryFiles } from './features/savedQueries/savedQueryFiles';
import { Sessions } from './platform/sessions';
import { ConnectionWaits } from './platform/connectionWaits';
import { connectionLimits, onConnectionSettings } from './platform/connectionSettings';
import { WorkspacesTree } from './platform/tree/workspacesTree';
import { catalogSource } from './sources/catalogSource';
import { instanceSource } from './sources/instanceSource';

/** How long activation took (that it loads no driver is checked by the host tier in Node's module cache). */
export interface ActivationTiming {
  /** The evaluation of the bundle's modules (not its parse before, nor VS Code's own work before activate()). */
  readonly modulesMs: number;
  readonly activateMs: number;
}

/** What activation hands back; the host tests use it to reach the live services. */
export type OpenhexaApi = Services & { readonly activation: ActivationTiming };

// Every import above has been evaluated by now; VS Code calls activate() later, after work of its own.
const MODULES_LOADED = performance.now();

let localServer: LocalServerService | undefined;

/** The composition root: shared services, the tree, then every feature's commands and set-up. */
export function activate(context: vscode.ExtensionContext): OpenhexaApi {
  const started = performance.now();
  const log = new Log();
  const store = new ServerStore(context.secrets);
  const waits = new ConnectionWaits();
  const sessions = new Sessions(store, connectionLimits(), { log, serverFull: (server, limit) => waits.begin(server, limit) });
  localServer = new LocalServerService(context, store, sessions, log);
  const instances = new Instances(context.globalState, context.secrets);
  const tree = new WorkspacesTree(NODE_KINDS, (ctx) => [...serverRoots(ctx), ...instanceRoots(ctx)], {
    sessions,
    store,
    instances,
    log,
    local: localServer,
    browsing: new TableBrowsing(),
    // The tree lists after activation, once `services` is made.
    instanceSource: (profile, workspace) => instanceSource(services, profile, workspace),
    catalogSource: (ref) => catalogSource(services, ref),
  });
  const view = vscode.window.createTreeView('openhexa.workspaces', { treeDataProvider: tree, showCollapseAll: true });
  const values = new ValueDocuments();
  context.subscriptions.push(log, store, sessions, instances, localServer, tree, view, values, trackServerCount(store, instances), store.onDidChange(() => tree.refresh()), instances.onDidChange(() => tree.refresh()), onConnectionSettings((limits) => sessions.setLimits(limits)));
  const walkthrough = new WalkthroughProgress(context.globalState, context.extension.id, log);
  const queries = new QueryStudio(context.workspaceState, store);
  const savedQueryFiles = new SavedQueryFiles({ store, sessions, log });
  context.subscriptions.push(queries, savedQueryFiles, vscode.workspace.registerFileSystemProvider(SAVED_QUERY_SCHEME, savedQueryFiles, { isCaseSensitive: true }));
  const services: Services = { extensionId: context.extension.id, extensionUri: context.extensionUri, state: context.globalState, log, store, sessions, instances, tree, view, localServer, values, walkthrough, queries, savedQueryFiles };
  queries.attach(services);
  registerCommands(context, services, COMMANDS);
  for (const feature of FEATURES) {
    feature.activate?.(context, services);
  }
  const activation: ActivationTiming = { modulesMs: MODULES_LOADED - MODULES_STARTED, activateMs: performance.now() - started };
  log.info(
    `OpenHEXA Workspaces ${String(context.extension.packageJSON.version)} activated (VS Code ${vscode.version}, language ${vscode.env.language}) in ${activation.activateMs.toFixed(1)} ms, modules evaluated in ${activation.modulesMs.toFixed(1)} ms`,
  );
  if (vscode.workspace.getConfiguration('openhexa').get<boolean>('localServer.startOnLaunch', false)) {
    void vscode.commands.executeCommand('openhexa.startLocalServer');
  }
  return { ...services, activation };
}

/** The local server stops with VS Code; the rest is disposed through context.subscriptions. */
export async function deactivate(): Promise<void> {
  await localServer?.stop();
}

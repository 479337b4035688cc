import type { ServerState } from './contextValues';
import type * as vscode from 'vscode';
import type { ServerProfile } from '../../core/serverProfile';
import type { LocalServerState } from '../../localServer/localServer';
import type { Instances } from '../instances';
import type { Log } from '../log';
import type { ServerStore } from '../serverStore';
import type { Sessions } from '../sessions';
import type { TreeNode } from './nodeRegistry';

/** What the tree needs of the local server: its state, never to start it (getChildren has no side effects). */
export interface LocalServerAccess {
  readonly state: LocalServerState;
  /** Stopped by the user this session: the tree offers Start instead of waiting for it. */
  readonly stoppedByUser: boolean;
  /** Why the last start failed, if it did. */
  readonly startError: string | undefined;
  readonly onDidChangeState: vscode.Event<LocalServerState>;
}

/** What node kinds reach: connections, settings, the local server's state, and the tree itself. */
export interface TreeContext {
  readonly sessions: Sessions;
  readonly store: ServerStore;
  readonly instances: Instances;
  readonly log: Log;
  readonly local: LocalServerAccess;
  /** Servers whose login turned out to be a superuser (their item warns). */
  readonly superusers: Set<string>;
  /** What each server's last listing found, by its row's contextValue: its menu offers what fits (no Initialize or Retry on a healthy one). */
  readonly serverStates: Map<string, ServerState>;
  /** Server nodes by profile key: reused so a refresh of one server reaches the element VS Code knows. */
  serverNodes: Map<string, Extract<TreeNode, { kind: 'server' }>>;
  /** Redraws nodes and reloads their children (the whole tree without one). */
  refresh(node?: TreeNode | TreeNode[]): void;
}

/**
 * One kind of tree node: how it looks and what is under it. A new kind is one
 * module exporting such a definition, plus one line in its feature's `nodes`.
 */
export interface NodeDef<N extends { readonly kind: string }> {
  readonly kind: N['kind'];
  item(node: N, ctx: TreeContext): vscode.TreeItem;
  /** Reads only: no context key, no server start (those happen on events, elsewhere). */
  children?(node: N, ctx: TreeContext): Promise<TreeNode[]>;
}

/** The profile a node belongs to, for nodes that carry one. */
export type WithProfile = { readonly profile: ServerProfile };

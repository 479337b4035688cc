import type * as vscode from 'vscode';
import type { Instances } from './instances';
import type { Log } from './log';
import type { ServerStore } from './serverStore';
import type { Sessions } from './sessions';
import type { TreeNode } from './tree/nodeRegistry';
import type { WorkspacesTree } from './tree/workspacesTree';

/**
 * What commands and panels reach of the running extension; made once in
 * extension.ts. Features add what they bring (declaration merging: the local
 * server, the value documents, the walkthrough), so this imports no feature.
 */
export interface Services {
  /** publisher.name, as VS Code knows the extension. */
  readonly extensionId: string;
  readonly extensionUri: vscode.Uri;
  /** The user's choices kept across sessions (globalState); never a secret. */
  readonly state: vscode.Memento;
  readonly log: Log;
  readonly store: ServerStore;
  readonly sessions: Sessions;
  /** The OpenHEXA instances signed in to, and their sessions. */
  readonly instances: Instances;
  readonly tree: WorkspacesTree;
  readonly view: vscode.TreeView<TreeNode>;
}

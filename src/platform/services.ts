import type * as vscode from 'vscode';
import type { TreeNode } from '../features/nodeKinds';
import type { LocalServerService } from '../features/localServer/localServerService';
import type { ValueDocuments } from '../features/preview/valueDocuments';
import type { WalkthroughProgress } from '../features/walkthrough/walkthroughProgress';
import type { Log } from './log';
import type { ServerStore } from './serverStore';
import type { Sessions } from './sessions';
import type { WorkspacesTree } from './tree/workspacesTree';

/** What commands and panels reach of the running extension; made once in extension.ts. */
export interface Services {
  /** publisher.name, as VS Code knows the extension. */
  readonly extensionId: string;
  readonly extensionUri: vscode.Uri;
  /** The user's choices kept across sessions (globalState); never a secret. */
  readonly state: vscode.Memento;
  readonly log: Log;
  readonly store: ServerStore;
  readonly sessions: Sessions;
  readonly tree: WorkspacesTree;
  readonly view: vscode.TreeView<TreeNode>;
  readonly localServer: LocalServerService;
  readonly values: ValueDocuments;
  readonly walkthrough: WalkthroughProgress;
}

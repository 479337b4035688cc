import * as vscode from 'vscode';
import { profileKey, type ServerProfile } from '../../core/serverProfile';
import type { NodeDef, TreeContext } from './nodeDef';
import type { TreeNode } from './nodeRegistry';

/**
 * The Workspaces view: servers > workspaces (with the login's role) >
 * Database (tables > columns) and Members (admins). Each node kind is a
 * module (see features/nodeKinds.ts); this provider only dispatches. One
 * query per level, in the login's own name, so what PostgreSQL refuses the
 * tree never shows.
 */
export class WorkspacesTree implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly loaded = new vscode.EventEmitter<{ element: TreeNode | undefined; children: TreeNode[] }>();
  /** What a level showed once read (for listeners such as the walkthrough; nodes themselves change nothing). */
  readonly onDidLoadChildren = this.loaded.event;
  readonly context: TreeContext;

  constructor(
    private readonly kinds: { readonly [K in TreeNode['kind']]: NodeDef<Extract<TreeNode, { kind: K }>> },
    private readonly roots: (ctx: TreeContext) => TreeNode[],
    base: Omit<TreeContext, 'refresh' | 'serverNodes' | 'superusers' | 'serverStates'>,
  ) {
    this.context = { ...base, superusers: new Set(), serverStates: new Map(), serverNodes: new Map(), refresh: (node) => this.refresh(node) };
  }

  refresh(node?: TreeNode | TreeNode[]): void {
    this.changed.fire(node);
  }

  /** Reloads what is under one server (e.g. "Retry" on its error node). */
  refreshServer(profile: ServerProfile): void {
    this.changed.fire(this.context.serverNodes.get(profileKey(profile)));
  }

  /** The node of a server as VS Code knows it (for reveal). */
  serverNodeFor(profile: ServerProfile | undefined): TreeNode | undefined {
    if (!profile) {
      return undefined;
    }
    this.roots(this.context);
    return this.context.serverNodes.get(profileKey(profile));
  }

  /** Only server nodes are revealed, and they sit at the root. */
  getParent(): TreeNode | undefined {
    return undefined;
  }

  private def<N extends TreeNode>(node: N): NodeDef<N> {
    return this.kinds[node.kind] as unknown as NodeDef<N>;
  }

  async getChildren(element?: TreeNode): Promise<TreeNode[]> {
    const children = element ? ((await this.def(element).children?.(element, this.context)) ?? []) : this.roots(this.context);
    this.loaded.fire({ element, children });
    return children;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return this.def(node).item(node, this.context);
  }

  dispose(): void {
    this.changed.dispose();
    this.loaded.dispose();
  }
}

import * as vscode from 'vscode';
import type { InstanceProfile } from '../../../platform/instances';
import { listWorkspaces, type InstanceWorkspace } from '../../../openhexa/instanceCalls';
import type { WorkspaceSource } from '../../../sources/workspaceSource';
import { guard } from '../../../platform/tree/explain';
import { contextValue } from '../../../platform/tree/contextValues';
import type { NodeDef, TreeContext } from '../../../platform/tree/nodeDef';
import type { TreeNode } from '../../nodeKinds';

/** An OpenHEXA instance signed in to: its workspaces, as the token's user sees them. */
export interface InstanceNode {
  readonly kind: 'instance';
  readonly profile: InstanceProfile;
}

export function hostOf(server: string): string {
  try {
    return new URL(server).host;
  } catch {
    return server;
  }
}

export const instanceNode: NodeDef<InstanceNode> = {
  kind: 'instance',
  item({ profile }) {
    const item = new vscode.TreeItem(hostOf(profile.server), vscode.TreeItemCollapsibleState.Expanded);
    item.id = `instance:${profile.server}`;
    item.description = vscode.l10n.t('OpenHEXA · {0}', profile.email);
    item.tooltip = [vscode.l10n.t('OpenHEXA instance {0}', profile.server), vscode.l10n.t('Signed in as {0} ({1})', profile.displayName, profile.email), vscode.l10n.t('The access token is kept in VS Code\'s secret storage.')].join('\n');
    item.iconPath = new vscode.ThemeIcon('globe');
    item.contextValue = contextValue.instance();
    return item;
  },
  children({ profile }, ctx) {
    return guard(ctx, async () => {
      const session = await ctx.instances.session(profile.server);
      const workspaces = await listWorkspaces(session);
      if (workspaces.length === 0) {
        return [{ kind: 'message', text: vscode.l10n.t('No workspace on this instance that you may see') }];
      }
      return workspaces.sort((a, b) => a.name.localeCompare(b.name)).map((workspace): TreeNode => ({ kind: 'workspace', source: ctx.instanceSource(profile, workspace) }));
    });
  },
};

/** The instances, after the PostgreSQL servers. */
export function instanceRoots(ctx: TreeContext): TreeNode[] {
  return ctx.instances.list().map((profile): TreeNode => ({ kind: 'instance', profile }));
}

declare module '../../../platform/tree/nodeDef' {
  interface TreeContext {
    /** An instance's workspace as a WorkspaceSource: its rows are the same as any source's. */
    readonly instanceSource: (profile: InstanceProfile, workspace: InstanceWorkspace) => WorkspaceSource;
  }
}

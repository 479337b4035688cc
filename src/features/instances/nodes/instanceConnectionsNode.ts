import * as vscode from 'vscode';
import { CONNECTION_TYPES } from '../../../core/connections/types';
import { listConnections, listMembers, type InstanceConnection, type InstanceWorkspace } from '../../../openhexa/instanceCalls';
import type { InstanceProfile } from '../../../platform/instances';
import { labelled, roleLabel } from '../../../platform/format';
import { guard } from '../../../platform/tree/explain';
import { contextValue } from '../../../platform/tree/contextValues';
import type { NodeDef } from '../../../platform/tree/nodeDef';
import type { TreeNode } from '../../nodeKinds';
import { connectionIcon } from '../../connections/nodes/connectionNode';

interface InWorkspace {
  readonly profile: InstanceProfile;
  readonly workspace: InstanceWorkspace;
}

/** The workspace's connections on OpenHEXA (no value is read to list them). */
export interface InstanceConnectionsNode extends InWorkspace {
  readonly kind: 'instanceConnections';
}

export interface InstanceConnectionNode extends InWorkspace {
  readonly kind: 'instanceConnection';
  readonly connection: InstanceConnection;
}

/** The members (OpenHEXA answers them to admins only), read-only here. */
export interface InstanceMembersNode extends InWorkspace {
  readonly kind: 'instanceMembers';
}

export const instanceConnectionsNode: NodeDef<InstanceConnectionsNode> = {
  kind: 'instanceConnections',
  item({ profile, workspace }) {
    const item = new vscode.TreeItem(vscode.l10n.t('Connections'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `instanceConnections:${profile.server}:${workspace.slug}`;
    item.iconPath = new vscode.ThemeIcon('plug');
    item.contextValue = contextValue.instanceConnections(workspace.may.createConnection);
    return item;
  },
  children({ profile, workspace }, ctx) {
    return guard(ctx, async () => {
      const connections = await listConnections(await ctx.instances.session(profile.server), workspace.slug);
      if (connections.length === 0) {
        const tooltip = workspace.may.createConnection ? vscode.l10n.t('Add one with New Connection (the + on this node): PostgreSQL, DHIS2, IASO, S3, GCS or custom.') : undefined;
        return [{ kind: 'message', text: vscode.l10n.t('No connections yet'), ...(tooltip ? { tooltip } : {}) }];
      }
      return connections.map((connection): TreeNode => ({ kind: 'instanceConnection', profile, workspace, connection }));
    });
  },
};

export const instanceConnectionNode: NodeDef<InstanceConnectionNode> = {
  kind: 'instanceConnection',
  item(node) {
    const { profile, workspace, connection } = node;
    const item = new vscode.TreeItem(connection.name, vscode.TreeItemCollapsibleState.None);
    item.id = `instanceConnection:${profile.server}:${workspace.slug}:${connection.identifier}`;
    const type = CONNECTION_TYPES[connection.type].label;
    item.description = `${type} · ${connection.identifier}`;
    item.tooltip = [connection.name, labelled(vscode.l10n.t('Type'), type), labelled(vscode.l10n.t('Identifier'), connection.identifier), ...(connection.description ? ['', connection.description] : [])].join('\n');
    item.iconPath = connectionIcon(connection.type);
    item.contextValue = contextValue.instanceConnection(connection.may.update);
    if (connection.may.update) {
      item.command = { command: 'openhexa.openConnection', title: vscode.l10n.t('Open Connection'), arguments: [node] };
    }
    return item;
  },
};

export const instanceMembersNode: NodeDef<InstanceMembersNode> = {
  kind: 'instanceMembers',
  item({ profile, workspace }) {
    const item = new vscode.TreeItem(vscode.l10n.t('Members'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `instanceMembers:${profile.server}:${workspace.slug}`;
    item.iconPath = new vscode.ThemeIcon('organization');
    item.tooltip = vscode.l10n.t('Read-only here: manage members on OpenHEXA');
    return item;
  },
  children({ profile, workspace }, ctx) {
    return guard(ctx, async () => {
      const members = (await listMembers(await ctx.instances.session(profile.server), workspace)) ?? [];
      return members.map(
        (m): TreeNode => ({
          kind: 'message',
          text: m.displayName,
          tooltip: `${m.displayName} <${m.email}>`,
          icon: m.email === profile.email ? 'account' : 'person',
          description: m.email === profile.email ? vscode.l10n.t('{0} · you', roleLabel(m.role)) : roleLabel(m.role),
        }),
      );
    });
  },
};

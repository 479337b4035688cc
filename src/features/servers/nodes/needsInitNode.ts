import * as vscode from 'vscode';
import type { ServerProfile } from '../../../core/serverProfile';
import type { NodeDef } from '../../../platform/tree/nodeDef';
import { contextValue } from '../../../platform/tree/contextValues';

/** A server without the OpenHEXA catalog, or with an older one: Initialize Server, when this login may. */
export interface NeedsInitNode {
  readonly kind: 'needsInit';
  readonly profile: ServerProfile;
  readonly canInitialize: boolean;
  readonly missing: string;
  /** Set when the catalog exists but is older than this extension: what to do. */
  readonly outdated?: string;
}

export const needsInitNode: NodeDef<NeedsInitNode> = {
  kind: 'needsInit',
  item(node) {
    const label = node.outdated
      ? node.canInitialize
        ? vscode.l10n.t('Upgrade the OpenHEXA catalog on this server…')
        : vscode.l10n.t('The OpenHEXA catalog on this server needs an upgrade')
      : node.canInitialize
        ? vscode.l10n.t('Initialize this server for OpenHEXA…')
        : vscode.l10n.t('OpenHEXA is not set up on this server');
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon(node.canInitialize ? (node.outdated ? 'arrow-circle-up' : 'rocket') : 'info');
    item.tooltip =
      node.outdated ??
      (node.canInitialize
        ? vscode.l10n.t('The catalog database "{0}" does not exist yet. Initializing creates it, with the roles OpenHEXA needs.', node.profile.catalogDatabase)
        : vscode.l10n.t(
            'The catalog database "{0}" does not exist yet, and this login cannot create it{1}. Ask a server administrator to initialize it.',
            node.profile.catalogDatabase,
            node.missing ? ` (${node.missing})` : '',
          ));
    if (node.canInitialize) {
      item.command = { command: 'openhexa.initializeServer', title: vscode.l10n.t('Initialize Server'), arguments: [node] };
    }
    item.contextValue = contextValue.needsInit();
    return item;
  },
};

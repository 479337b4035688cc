import * as vscode from 'vscode';
import type { NodeDef } from '../../../platform/tree/nodeDef';
import type { TreeNode } from '../../nodeKinds';
import { LEVEL_PAGE } from '../tableBrowsing';
import { contextValue } from '../../../platform/tree/contextValues';

/** "Show more…" at the end of a level that holds more relations than it shows. */
export interface MoreNode {
  readonly kind: 'more';
  /** The node whose level this ends: reloaded with a larger limit. */
  readonly parent: Extract<TreeNode, { kind: 'database' | 'schema' }>;
  /** Relations of the level not shown yet. */
  readonly hidden: number;
}

export const moreNode: NodeDef<MoreNode> = {
  kind: 'more',
  item(node) {
    const numbers = new Intl.NumberFormat(vscode.env.language);
    const item = new vscode.TreeItem(vscode.l10n.t('Show {0} more…', numbers.format(Math.min(LEVEL_PAGE, node.hidden))), vscode.TreeItemCollapsibleState.None);
    item.description = vscode.l10n.t('{0} not shown', numbers.format(node.hidden));
    item.tooltip = vscode.l10n.t('Lists the next {0}. To find one table among many, use Preview Data and type its name.', numbers.format(Math.min(LEVEL_PAGE, node.hidden)));
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = contextValue.more();
    item.command = { command: 'openhexa.showMore', title: vscode.l10n.t('Show More'), arguments: [node] };
    return item;
  },
};

import * as vscode from 'vscode';
import type { TreeContext } from '../../../platform/tree/nodeDef';
import type { BrowsedPage } from '../../../sources/sourceBrowser';
import type { WorkspaceSource } from '../../../sources/workspaceSource';
import type { TreeNode } from '../../nodeKinds';
import type { TableNode } from './tableNode';

/**
 * The children of a level that lists relations (the database's, or a
 * schema's): its tables as listed, "Show more…" when the level holds more,
 * and their measuring started in the background where the source measures.
 */
export function tableLevel(ctx: TreeContext, source: WorkspaceSource, schema: string | undefined, page: BrowsedPage, parent: Extract<TreeNode, { kind: 'database' | 'schema' }>): TreeNode[] {
  if (page.tables.length === 0) {
    // The database's own level, for a member who may write: the way to something to look at.
    return [
      { kind: 'message', text: vscode.l10n.t('No tables yet') },
      ...(parent.kind === 'database' && source.refusal('writeTables') === undefined
        ? [{ kind: 'message' as const, text: vscode.l10n.t('Load Sample Data…'), icon: 'cloud-download', tooltip: vscode.l10n.t('Creates a few example tables (health facilities, monthly case reports, a household survey) to try the preview with'), command: { command: 'openhexa.loadSampleData', title: vscode.l10n.t('Load Sample Data…'), arguments: [parent] } }]
        : []),
    ];
  }
  const tables = page.tables.map((table): TableNode => ({ kind: 'table', source, table, underSchema: schema !== undefined }));
  source.browser.measureShown(schema, tables, (changed) => ctx.refresh(changed));
  const hidden = page.total - page.tables.length;
  return hidden > 0 ? [...tables, { kind: 'more', parent, hidden }] : tables;
}

import * as vscode from 'vscode';
import type { ServerProfile } from '../../../core/serverProfile';
import type { WorkspaceSummary } from '../../../postgres/workspace/catalogCalls';
import type { RelationPage } from '../../../postgres/workspace/tables';
import type { TreeContext } from '../../../platform/tree/nodeDef';
import type { TreeNode } from '../../nodeKinds';
import type { TableNode } from './tableNode';

/**
 * The children of a level that lists relations: its tables as listed (with
 * estimates), "Show more…" when the level holds more, and the measuring of
 * what is shown started in the background.
 */
export function tableLevel(
  ctx: TreeContext,
  profile: ServerProfile,
  workspace: WorkspaceSummary,
  level: string,
  page: RelationPage,
  parent: TreeNode,
  underSchema: boolean,
): TreeNode[] {
  if (page.tables.length === 0) {
    // The database's own level, for a member who may write: the way to something to look at.
    const mayWrite = workspace.role === 'editor' || workspace.role === 'admin';
    return [
      { kind: 'message', text: vscode.l10n.t('No tables yet') },
      ...(!underSchema && mayWrite
        ? [{ kind: 'message' as const, text: vscode.l10n.t('Load Sample Data…'), icon: 'cloud-download', tooltip: vscode.l10n.t('Creates a few example tables (health facilities, monthly case reports, a household survey) to try the preview with'), command: { command: 'openhexa.loadSampleData', title: vscode.l10n.t('Load Sample Data…'), arguments: [parent] } }]
        : []),
    ];
  }
  const tables = page.tables.map((table): TableNode => ({ kind: 'table', profile, workspace, table, underSchema }));
  void ctx.browsing.measureShown(
    profile,
    workspace.dbName,
    level,
    tables,
    (work) => ctx.sessions.browse(profile, workspace.dbName, work),
    (changed) => ctx.refresh(changed),
    (message) => ctx.log.warn(message),
  );
  const hidden = page.total - page.tables.length;
  return hidden > 0 ? [...tables, { kind: 'more', parent, level, hidden }] : tables;
}

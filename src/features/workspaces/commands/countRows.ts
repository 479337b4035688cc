import * as vscode from 'vscode';
import { countRows as count } from '../../../postgres/preview/preview';
import { withMeasure } from '../../../postgres/workspace/tables';
import { command } from '../../../platform/commands/command';
import { progress } from '../../../platform/commands/pickers';
import { nodeArg } from '../../commandArgs';

/** The exact number of rows of a table in the tree, on demand (the tree counts only small tables by itself). */
export const countRows = command('openhexa.countRows', [nodeArg(['table'], 'a table in the OpenHEXA Workspaces view')], async (services, node) => {
  if (!node) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Choose Count Rows on a table in the OpenHEXA Workspaces view.'));
    return;
  }
  const { profile, workspace, table } = node;
  const rows = await progress(vscode.l10n.t('Counting the rows of {0}…', table.name), () =>
    services.sessions.browse(profile, workspace.dbName, (c) => count(c, { schema: table.schema, table: table.name, columns: [], key: [] })),
  );
  const browsing = services.tree.context.browsing;
  const before = withMeasure(table, browsing.measureOf(profile, workspace.dbName, table.oid));
  browsing.remember(profile, workspace.dbName, table.oid, { rows, rowsExact: true, bytes: before.bytes });
  services.tree.refresh(node);
});

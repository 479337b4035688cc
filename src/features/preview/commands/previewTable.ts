import * as vscode from 'vscode';
import { command } from '../../../platform/commands/command';
import { resolveSourceTable, tableArg } from '../../tableArg';
import { PreviewPanel } from '../previewPanel';

/** The preview of a table or view: a table in the tree (of a server or an instance), `{ server, slug, schema, table }`, or picks (every member). */
export const previewTable = command('openhexa.previewTable', [tableArg], async (services, arg) => {
  const found = await resolveSourceTable(services, arg, vscode.l10n.t('Preview Table'));
  if (found) {
    await PreviewPanel.open(services, found.source, found.table);
    services.walkthrough.done('preview');
  }
});

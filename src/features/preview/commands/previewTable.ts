import * as vscode from 'vscode';
import { command } from '../../../platform/commands/command';
import { resolveTableArg, tableArg } from '../../tableArg';
import { PreviewPanel } from '../previewPanel';

/** The preview of a table or view: a table in the tree, `{ server, slug, schema, table }`, or picks (every member). */
export const previewTable = command('openhexa.previewTable', [tableArg], async (services, arg) => {
  const found = await resolveTableArg(services, arg, vscode.l10n.t('Preview Table'));
  if (found) {
    await PreviewPanel.show(services, found.ref.profile, found.ref.workspace, found.table);
    services.walkthrough.done('preview');
  }
});

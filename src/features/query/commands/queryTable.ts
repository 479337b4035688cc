import * as vscode from 'vscode';
import { qualifiedName } from '../../../core/identifiers';
import { command } from '../../../platform/commands/command';
import { resolveSourceTable, tableArg } from '../../tableArg';

/** A bound document that reads a table's first 100 rows, run at once: a table in the tree (of a server or an instance), `{ server, slug, schema, table }`, or picks. */
export const queryTable = command('openhexa.queryTable', [tableArg], async (services, arg) => {
  const found = await resolveSourceTable(services, arg, vscode.l10n.t('Query Table'));
  if (!found) {
    return;
  }
  const { source, table } = found;
  const editor = await source.newQuery(`SELECT * FROM ${qualifiedName(table.schema, table.name)} LIMIT 100;\n`);
  editor.selection = new vscode.Selection(0, 0, 0, 0);
  const binding = services.queries.documents.get(editor.document.uri);
  if (binding) {
    await services.queries.run(editor, binding, 'statement');
  }
});

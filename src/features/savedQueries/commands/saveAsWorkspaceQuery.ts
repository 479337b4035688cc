import * as vscode from 'vscode';
import { savedQueryAddress } from '../../../core/query/savedQueryAddress';
import { createSavedQuery } from '../../../postgres/savedQueries/savedQueryCalls';
import { command } from '../../../platform/commands/command';
import { keepsWorkspaceQueries } from '../../../sources/queryTargets';
import { boundEditor } from '../../query/activeQuery';
import { documentArg } from '../../query/queryArgs';
import { openSaved } from '../savedQueryEditors';
import { queryNameProblem } from '../queryNames';
import { visibilityChoices } from '../visibilityChoices';

/** A name to offer: the document's first comment line, else its file name. */
function suggestedName(document: vscode.TextDocument): string {
  const comment = /^\s*--\s*(.+)$/m.exec(document.getText().slice(0, 2000))?.[1]?.trim();
  if (comment) {
    return comment.slice(0, 255);
  }
  return document.uri.scheme === 'untitled' ? '' : (document.uri.path.split('/').pop() ?? '').replace(/\.sql$/i, '');
}

/**
 * Saves a SQL document's text as a query of its workspace (every member
 * may; private unless they share it), then opens the saved query in its
 * place: an untitled document is closed, a file is left as it is.
 */
export const saveAsWorkspaceQuery = command('openhexa.saveAsWorkspaceQuery', [documentArg], async (services, uri) => {
  const bound = await boundEditor(services, uri);
  if (!bound) {
    return;
  }
  const { editor, binding } = bound;
  const { document } = editor;
  if (savedQueryAddress(document.uri)) {
    await document.save();
    return;
  }
  if (!keepsWorkspaceQueries(binding)) {
    void vscode.window.showInformationMessage(vscode.l10n.t("Workspace queries are kept in the catalog of a PostgreSQL server set up by this extension; OpenHEXA instances do not offer them to VS Code yet. Save the document as a .sql file instead."));
    return;
  }
  const profile = services.queries.documents.profileOf(binding);
  if (!profile) {
    throw new Error(vscode.l10n.t('The server this document was bound to is no longer in your servers. Bind the document to a workspace again (click its status bar item).'));
  }
  const title = vscode.l10n.t('Save as Workspace Query in {0}', binding.workspaceName);
  if (document.getText().trim() === '') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Write the query first: an empty document is not saved as a query.'));
    return;
  }
  const name = await vscode.window.showInputBox({ title, prompt: vscode.l10n.t('Its name in the Queries of {0}', binding.workspaceName), value: suggestedName(document), validateInput: queryNameProblem });
  if (name === undefined) {
    return;
  }
  const visibility = await vscode.window.showQuickPick(visibilityChoices(binding.workspaceName), { title, placeHolder: vscode.l10n.t('Who sees it?') });
  if (!visibility) {
    return;
  }
  const description = await vscode.window.showInputBox({ title, prompt: vscode.l10n.t('A description (optional: Enter to leave it out)'), validateInput: (v) => (v.length > 2000 ? vscode.l10n.t('At most 2000 characters') : undefined) });
  if (description === undefined) {
    return;
  }
  const sql = document.getText();
  const slug = await services.sessions.catalog(profile, (c) => createSavedQuery(c, binding.slug, { name: name.trim(), description, sql, visibility: visibility.value }));
  services.log.info(`Saved query ${slug} in ${binding.slug} (${visibility.value})`);
  const workspace = { slug: binding.slug, name: binding.workspaceName, dbName: binding.dbName, role: binding.role, status: 'ready' as const };
  if (document.isUntitled) {
    // Saved on the server: the untitled copy goes without asking to save it.
    await vscode.window.showTextDocument(document, editor.viewColumn);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await openSaved(services, profile, workspace, slug);
  services.tree.refresh();
});

import * as vscode from 'vscode';
import { command } from '../../../platform/commands/command';
import { keepsWorkspaceQueries } from '../../../sources/queryTargets';
import { documentArg } from '../../query/queryArgs';
import { queryEditor } from '../../query/activeQuery';

/** Ctrl+S on an untitled SQL document bound to a workspace: save it as a workspace query, or as a file. */
export const saveQueryDocument = command('openhexa.saveQueryDocument', [documentArg], async (services, uri) => {
  const editor = queryEditor(uri);
  const binding = editor && services.queries.documents.get(editor.document.uri);
  // (A workspace that keeps no queries for VS Code, an OpenHEXA instance's: a file, then.)
  if (!editor || !binding || !keepsWorkspaceQueries(binding)) {
    await vscode.commands.executeCommand('workbench.action.files.save');
    return;
  }
  const choices = [
    { label: `$(database) ${vscode.l10n.t('Save as a query of {0}', binding.workspaceName)}`, detail: vscode.l10n.t('In the workspace\'s Queries: private to you, or shared with its members.'), workspace: true },
    { label: `$(save-as) ${vscode.l10n.t('Save as a file…')}`, detail: vscode.l10n.t('A .sql file on this computer.'), workspace: false },
  ];
  const picked = await vscode.window.showQuickPick(choices, { title: vscode.l10n.t('Save Query') });
  if (picked?.workspace) {
    await vscode.commands.executeCommand('openhexa.saveAsWorkspaceQuery', editor.document.uri);
  } else if (picked) {
    await vscode.window.showTextDocument(editor.document, editor.viewColumn);
    await vscode.commands.executeCommand('workbench.action.files.saveAs');
  }
});

import * as vscode from 'vscode';
import { resolveWorkspace } from '../../platform/commands/pickers';
import type { Services } from '../../platform/services';
import type { QueryBinding } from './queryDocuments';

/** The editor a query command works on: the active one, or the one showing `uri` (a command from the editor's title or a CodeLens). */
export function queryEditor(uri?: vscode.Uri): vscode.TextEditor | undefined {
  const editor = uri ? vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()) : vscode.window.activeTextEditor;
  return editor;
}

/** Binds the document to a workspace the user picks (every member may: what they may do there, PostgreSQL decides). */
export async function bindByPicking(services: Services, document: vscode.TextDocument): Promise<QueryBinding | undefined> {
  const ref = await resolveWorkspace(services, undefined, vscode.l10n.t('Run SQL on a Workspace'));
  return ref ? services.queries.bind(document, ref.profile, ref.workspace) : undefined;
}

/** The active editor's document and its workspace: bound now if it was not (a .sql file opened from disk). */
export async function boundEditor(services: Services, uri?: vscode.Uri): Promise<{ editor: vscode.TextEditor; binding: QueryBinding } | undefined> {
  const editor = queryEditor(uri);
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a SQL document first (New Query on a workspace opens one).'));
    return undefined;
  }
  const binding = services.queries.documents.get(editor.document.uri) ?? (await bindByPicking(services, editor.document));
  return binding ? { editor, binding } : undefined;
}

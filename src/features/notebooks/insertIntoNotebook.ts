import * as vscode from 'vscode';
import { newPythonNotebookMetadata, notebookLanguage, snippetLanguage } from '../../core/notebooks/notebookLanguage';
import type { NotebookLanguage } from '../../core/notebooks/snippet';

/** The active Jupyter notebook and its snippet language; undefined when none is open. Throws for a language snippets are not written in. */
export function activeJupyterNotebook(): { editor: vscode.NotebookEditor; language: NotebookLanguage } | undefined {
  const editor = vscode.window.activeNotebookEditor;
  if (!editor || editor.notebook.notebookType !== 'jupyter-notebook') {
    return undefined;
  }
  const found = notebookLanguage(
    editor.notebook.metadata,
    editor.notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code).map((c) => c.document.languageId),
  );
  const language = snippetLanguage(found ?? 'python');
  if (!language) {
    throw new Error(vscode.l10n.t('This notebook is in {0}: snippets are written in Python and R.', found ?? '?'));
  }
  return { editor, language };
}

/** A code cell after the selected cell (at the end when none is), selected and shown. */
export async function insertCell(editor: vscode.NotebookEditor, code: string, language: NotebookLanguage): Promise<void> {
  const selection = editor.selection;
  const at = selection && !selection.isEmpty ? Math.min(selection.end, editor.notebook.cellCount) : editor.notebook.cellCount;
  const edit = new vscode.WorkspaceEdit();
  edit.set(editor.notebook.uri, [vscode.NotebookEdit.insertCells(at, [new vscode.NotebookCellData(vscode.NotebookCellKind.Code, code, language)])]);
  if (!(await vscode.workspace.applyEdit(edit))) {
    throw new Error(vscode.l10n.t('The notebook did not take the new cell (is it read-only?).'));
  }
  const range = new vscode.NotebookRange(at, at + 1);
  editor.selection = range;
  editor.revealRange(range, vscode.NotebookEditorRevealType.InCenterIfOutsideViewport);
}

/** An untitled .ipynb with a Python kernelspec holding the snippet, opened. */
export async function newNotebookWith(code: string): Promise<void> {
  const data = new vscode.NotebookData([new vscode.NotebookCellData(vscode.NotebookCellKind.Code, code, 'python')]);
  data.metadata = newPythonNotebookMetadata();
  const document = await vscode.workspace.openNotebookDocument('jupyter-notebook', data);
  await vscode.window.showNotebookDocument(document);
}

import * as vscode from 'vscode';
import { formatSql, FormatRefused } from '../../core/query/formatSql';
import { loadSqlParser } from '../../core/query/sqlParser';
import type { QueryDocuments } from './queryDocuments';

/**
 * Format Document (and Format Selection) for SQL documents bound to a
 * workspace; other SQL documents are left to whatever formatter the user has.
 */
export function registerQueryFormatting(documents: QueryDocuments): vscode.Disposable {
  const format = async (document: vscode.TextDocument, range: vscode.Range, options: vscode.FormattingOptions): Promise<vscode.TextEdit[] | undefined> => {
    if (!documents.get(document.uri)) {
      return undefined;
    }
    await loadSqlParser();
    try {
      const text = formatSql(document.getText(range), { tabWidth: options.tabSize, useTabs: !options.insertSpaces });
      return [vscode.TextEdit.replace(range, text)];
    } catch (err) {
      if (err instanceof FormatRefused) {
        void vscode.window.showWarningMessage(
          err.reason === 'unreadable'
            ? vscode.l10n.t('The SQL was left as it is: the formatter cannot read it (run it to see where it is wrong).')
            : vscode.l10n.t('The SQL was left as it is: formatting would have changed what PostgreSQL reads, not only the layout.'),
        );
        return undefined;
      }
      throw err;
    }
  };
  const whole = (document: vscode.TextDocument): vscode.Range => new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
  return vscode.Disposable.from(
    vscode.languages.registerDocumentFormattingEditProvider({ language: 'sql' }, { provideDocumentFormattingEdits: (document, options) => format(document, whole(document), options) }),
    vscode.languages.registerDocumentRangeFormattingEditProvider({ language: 'sql' }, { provideDocumentRangeFormattingEdits: (document, range, options) => format(document, range, options) }),
  );
}

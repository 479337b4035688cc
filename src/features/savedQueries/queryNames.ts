import * as vscode from 'vscode';

/** What is wrong with a saved query's name, said as the input box shows it (the catalog checks the same). */
export function queryNameProblem(value: string): string | undefined {
  const name = value.trim();
  if (name === '') {
    return vscode.l10n.t('A query needs a name');
  }
  return name.length > 255 ? vscode.l10n.t('At most 255 characters') : undefined;
}

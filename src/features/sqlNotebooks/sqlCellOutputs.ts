import * as vscode from 'vscode';
import { SQL_RESULT_MIME, sqlResult, sqlResultHtml, sqlResultText, OUTPUT_ROWS } from '../../core/notebooks/sqlCellOutput';
import type { RunOutcome, StatementResult } from '../../postgres/query/queryRun';

const numbers = (): Intl.NumberFormat => new Intl.NumberFormat(vscode.env.language);

function rowsSaid(n: number): string {
  return n === 1 ? vscode.l10n.t('1 row') : vscode.l10n.t('{0} rows', numbers().format(n));
}

function text(line: string): vscode.NotebookCellOutput {
  return new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.text(line, 'text/plain')]);
}

/** An error as a notebook shows it: the server's message, no stack. */
export function errorOutput(name: string, message: string): vscode.NotebookCellOutput {
  const err = new Error(message);
  err.name = name;
  err.stack = '';
  return new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.error(err)]);
}

async function statementOutput(result: StatementResult, workspaceName: string, cell: number): Promise<vscode.NotebookCellOutput> {
  switch (result.status) {
    case 'rows': {
      try {
        const rows = await result.store.read(0, Math.min(result.rows, OUTPUT_ROWS));
        const summary = [rowsSaid(result.rows), vscode.l10n.t('{0} ms', numbers().format(Math.round(result.ms))), workspaceName].join(' · ');
        const data = sqlResult(result.columns, rows, result.rows, summary, vscode.l10n.t('Open in Results'), cell);
        return new vscode.NotebookCellOutput([
          vscode.NotebookCellOutputItem.json(data, SQL_RESULT_MIME),
          vscode.NotebookCellOutputItem.text(sqlResultHtml(data), 'text/html'),
          vscode.NotebookCellOutputItem.text(sqlResultText(data), 'text/plain'),
        ]);
      } finally {
        // The output holds what it shows; the whole result opens again in the results panel.
        await result.store.dispose();
      }
    }
    case 'done':
      return text(`${result.command}${result.rowCount === null ? '' : ` · ${vscode.l10n.t('{0} rows affected', numbers().format(result.rowCount))}`} · ${vscode.l10n.t('{0} ms', numbers().format(Math.round(result.ms)))}`);
    case 'failed':
      return result.reason === 'timeout'
        ? errorOutput(vscode.l10n.t('Timed out'), vscode.l10n.t('The statement ran longer than the statement timeout (setting openhexa.query.statementTimeoutSeconds).'))
        : result.reason === 'cancelled'
          ? errorOutput(vscode.l10n.t('Cancelled'), vscode.l10n.t('The server stopped the statement, and nothing was written.'))
          : errorOutput(result.code ?? vscode.l10n.t('Error'), result.message);
    default:
      return text(vscode.l10n.t('Not run: an earlier statement failed.'));
  }
}

/** A cell's outputs: one per statement, then how the run ended when it could write. */
export async function cellOutputs(outcome: RunOutcome, workspaceName: string, cell: number, writes: boolean): Promise<vscode.NotebookCellOutput[]> {
  const outputs: vscode.NotebookCellOutput[] = [];
  for (const result of outcome.results) {
    outputs.push(await statementOutput(result, workspaceName, cell));
  }
  if (writes) {
    outputs.push(text(outcome.ended === 'committed' ? vscode.l10n.t('Committed.') : vscode.l10n.t('Rolled back: nothing was written.')));
  }
  return outputs;
}

import * as vscode from 'vscode';
import { z } from 'zod';
import { tableNameFrom } from '../../../core/import/tableSpec';
import { readImportSample } from '../../../files/importSample';
import { readSheetSample, workbookSheetNames } from '../../../files/workbookSheets';
import { command } from '../../../platform/commands/command';
import { resolveWorkspace } from '../../../platform/commands/pickers';
import { givenValues, isTreeNode, workspaceArg } from '../../commandArgs';
import { INFER_ROWS, type ImportFileSample } from '../importController';
import { ImportPanel } from '../importPanel';

/** A CSV or Excel file from the Explorer, or a workspace's Database or schema in the tree (or `{ server, slug, schema }`). */
const importArg = z.union([z.custom<vscode.Uri>((v) => v instanceof vscode.Uri), workspaceArg({ schema: z.string().min(1) })]).describe('a .csv, .tsv, .txt or .xlsx file, or a workspace (its Database or a schema) in the OpenHEXA Workspaces view, or { server, slug, schema }');

/** The Explorer passes its selection second: the file clicked is the one imported. */
const explorerSelection = z.array(z.unknown()).describe("the Explorer's selection");

/** A text file's first bytes; a workbook's sheets and its first sheet's first rows. */
async function sampleOf(file: string): Promise<ImportFileSample> {
  if (!/\.xlsx$/i.test(file)) {
    return { kind: 'text', sample: await readImportSample(file) };
  }
  let sheets: string[];
  try {
    sheets = await workbookSheetNames(file);
  } catch (err) {
    throw new Error(vscode.l10n.t('This file could not be read as an Excel workbook (.xlsx): {0}', err instanceof Error ? err.message : String(err)));
  }
  if (sheets.length === 0) {
    throw new Error(vscode.l10n.t('This workbook has no sheet to import.'));
  }
  const { rows, whole } = await readSheetSample(file, sheets[0]!, INFER_ROWS + 1);
  const { size } = await vscode.workspace.fs.stat(vscode.Uri.file(file));
  return { kind: 'workbook', bytes: size, sheets, sheet: sheets[0]!, rows, whole };
}

/**
 * Imports a delimited text file or a workbook's sheet (editors and admins)
 * into a new table or an existing one: the panel proposes the dialect, the
 * table's name and each column's type from the file (or matches the
 * file's columns to the table's by name), shows the statement, then sends
 * the rows through COPY in one transaction.
 */
export const importFile = command('openhexa.importFile', [importArg, explorerSelection], async (services, arg) => {
  const title = vscode.l10n.t('Import File into a Table');
  const uri = arg instanceof vscode.Uri ? arg : undefined;
  const target = arg instanceof vscode.Uri ? undefined : arg;
  const ref = await resolveWorkspace(services, target, title, 'write');
  if (!ref) {
    return;
  }
  const node = target && isTreeNode(target) ? target : undefined;
  const schema = node?.kind === 'schema' ? node.schema.name : (givenValues(target).schema ?? 'public');
  const file =
    uri ??
    (await vscode.window.showOpenDialog({ title, canSelectMany: false, filters: { [vscode.l10n.t('Delimited text or Excel workbook')]: ['csv', 'tsv', 'txt', 'xlsx'] }, openLabel: vscode.l10n.t('Import') }))?.[0];
  if (!file) {
    return;
  }
  if (file.scheme !== 'file') {
    throw new Error(vscode.l10n.t('Only a file on this computer can be imported.'));
  }
  const sample = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading {0}…', file.path.replace(/^.*\//, '')) }, () => sampleOf(file.fsPath));
  new ImportPanel(services, ref, file.fsPath, sample, schema, tableNameFrom(file.fsPath));
});

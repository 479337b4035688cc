import * as vscode from 'vscode';
import { z } from 'zod';
import { tableNameFrom } from '../../../core/import/tableSpec';
import { readImportSample } from '../../../files/importSample';
import { command } from '../../../platform/commands/command';
import { resolveWorkspace } from '../../../platform/commands/pickers';
import { givenValues, isTreeNode, workspaceArg } from '../../commandArgs';
import { ImportPanel } from '../importPanel';

/** A CSV file from the Explorer, or a workspace's Database or schema in the tree (or `{ server, slug, schema }`). */
const importArg = z.union([z.custom<vscode.Uri>((v) => v instanceof vscode.Uri), workspaceArg({ schema: z.string().min(1) })]).describe('a .csv, .tsv or .txt file, or a workspace (its Database or a schema) in the OpenHEXA Workspaces view, or { server, slug, schema }');

/**
 * Imports a delimited text file into a new table (editors and admins): the
 * panel proposes the dialect, the table's name and each column's type from
 * the file, shows the CREATE TABLE, then streams the file through COPY in
 * one transaction.
 */
/** The Explorer passes its selection second: the file clicked is the one imported. */
const explorerSelection = z.array(z.unknown()).describe("the Explorer's selection");

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
    (await vscode.window.showOpenDialog({ title, canSelectMany: false, filters: { [vscode.l10n.t('Delimited text')]: ['csv', 'tsv', 'txt'] }, openLabel: vscode.l10n.t('Import') }))?.[0];
  if (!file) {
    return;
  }
  if (file.scheme !== 'file') {
    throw new Error(vscode.l10n.t('Only a file on this computer can be imported.'));
  }
  const sample = await readImportSample(file.fsPath);
  new ImportPanel(services, ref, file.fsPath, sample, schema, tableNameFrom(file.fsPath));
});

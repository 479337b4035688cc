import * as path from 'node:path';
import * as vscode from 'vscode';
import { removeBlock } from '../../../core/notebooks/envFileBlock';
import { blockKey } from '../../../core/notebooks/workspaceEnvFile';
import { command } from '../../../platform/commands/command';
import { resolveSource } from '../../../sources/resolveSource';
import { requireTrust } from '../../../platform/trust';
import { readEnvFile, writeEnvFile } from '../../../files/wholeFile';
import { confirmedEnvFile, envFileForWork } from '../envFile';
import { workspaceArg } from '../../commandArgs';

/** Takes the workspace's block out of the .env file; every other line stays. */
export const removeEnvBlock = command('openhexa.removeEnvBlock', [workspaceArg({})], async (services, arg) => {
  const title = vscode.l10n.t('Remove Workspace Variables from .env');
  requireTrust(title);
  const found = await resolveSource(services, arg, title, 'browse');
  const target = found && (await envFileForWork(title));
  const file = found && target && (await confirmedEnvFile(services, target, found.source.workspace.name));
  if (!found || !target || !file) {
    return;
  }
  const { source } = found;
  const { workspace } = source;
  const shown = path.relative(target.folder.uri.fsPath, file) || file;
  const before = await readEnvFile(file);
  const after = removeBlock(before, blockKey((await source.variables()).owner));
  if (after === before) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} holds no variables of "{1}".', shown, workspace.name));
    return;
  }
  await writeEnvFile(file, after);
  services.log.info(`Removed the variables of workspace ${workspace.slug} from ${file}`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Removed the variables of "{0}" from {1}. A running kernel keeps them until you restart it.', workspace.name, shown));
});

import * as path from 'node:path';
import * as vscode from 'vscode';
import { removeBlock } from '../../../core/notebooks/envFileBlock';
import { blockKey } from '../../../core/notebooks/workspaceEnvFile';
import { command } from '../../../platform/commands/command';
import { resolveWorkspace } from '../../../platform/commands/pickers';
import { requireTrust } from '../../../platform/trust';
import { readEnvFile, writeEnvFile } from '../../../files/wholeFile';
import { confirmedEnvFile, envFileForWork } from '../envFile';
import { ownerOf } from '../workspaceVariables';
import { workspaceArg } from '../../commandArgs';

/** Takes the workspace's block out of the .env file; every other line stays. */
export const removeEnvBlock = command('openhexa.removeEnvBlock', [workspaceArg({})], async (services, arg) => {
  const title = vscode.l10n.t('Remove Workspace Variables from .env');
  requireTrust(title);
  const ref = await resolveWorkspace(services, arg, title);
  const target = ref && (await envFileForWork(title));
  const file = ref && target && (await confirmedEnvFile(services, target, ref.workspace.name));
  if (!ref || !target || !file) {
    return;
  }
  const shown = path.relative(target.folder.uri.fsPath, file) || file;
  const before = await readEnvFile(file);
  const after = removeBlock(before, blockKey(ownerOf(ref)));
  if (after === before) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} holds no variables of "{1}".', shown, ref.workspace.name));
    return;
  }
  await writeEnvFile(file, after);
  services.log.info(`Removed the variables of workspace ${ref.workspace.slug} from ${file}`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Removed the variables of "{0}" from {1}. A running kernel keeps them until you restart it.', ref.workspace.name, shown));
});

import * as os from 'node:os';
import * as vscode from 'vscode';
import { resolveEnvFile } from '../../core/notebooks/envFilePath';
import { envFilePlace } from '../../files/envFilePlace';
import type { Services } from '../../platform/services';
import { requireTrust } from '../../platform/trust';

/** The .env file of the folder the user works in: the one the Python and Jupyter extensions load (`python.envFile`). */
export async function envFileForWork(title: string): Promise<{ file: string; folder: vscode.WorkspaceFolder } | undefined> {
  // An untrusted folder's settings choose python.envFile: nothing is read or written through it.
  requireTrust(title);
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    throw new Error(vscode.l10n.t('Open a folder first: the .env file that notebooks load belongs to a folder.'));
  }
  const active = vscode.window.activeNotebookEditor?.notebook.uri ?? vscode.window.activeTextEditor?.document.uri;
  const folder =
    (active && vscode.workspace.getWorkspaceFolder(active)) ??
    (folders.length === 1 ? folders[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Choose the folder whose .env to use'), ignoreFocusOut: true }));
  if (!folder) {
    return undefined;
  }
  if (folder.uri.scheme !== 'file') {
    throw new Error(vscode.l10n.t('The folder "{0}" is not on this machine\'s disk: .env can only be written to a local folder.', folder.name));
  }
  const setting = vscode.workspace.getConfiguration('python', folder.uri).get<string>('envFile');
  const resolved = resolveEnvFile(setting, folder.uri.fsPath, os.homedir());
  if ('unknown' in resolved) {
    throw new Error(vscode.l10n.t('The setting python.envFile uses {0}, which {1} cannot fill in. Set it to a path, e.g. ${workspaceFolder}/.env.', resolved.unknown, title));
  }
  return { file: resolved.file, folder };
}

/**
 * The file to write secrets to: inside the folder and not a symbolic link,
 * or a place the user confirmed in a modal naming the full path (once per
 * path, remembered on this machine, never in the folder). A folder's
 * settings may point python.envFile at ~/.bashrc or beyond the folder, and a
 * folder's .env may be a link to a private key. Undefined when the user
 * declined.
 */
export async function confirmedEnvFile(services: Services, target: { file: string; folder: vscode.WorkspaceFolder }, workspaceName: string): Promise<string | undefined> {
  const { real, why } = await envFilePlace(target.file, target.folder.uri.fsPath);
  if (!why) {
    return target.file;
  }
  const confirmedKey = `openhexa.envFile.confirmed:${real}`;
  if (services.state.get<boolean>(confirmedKey) === true) {
    return real;
  }
  const write = vscode.l10n.t('Write There');
  const detail =
    why === 'link'
      ? vscode.l10n.t('{0} is a symbolic link to {1}. Writing would put the secrets of "{2}" in that file.', target.file, real, workspaceName)
      : vscode.l10n.t('{0} is outside the folder "{1}" (the setting python.envFile points there). Writing would put the secrets of "{2}" in that file.', real, target.folder.name, workspaceName);
  const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Write the variables of "{0}" to {1}?', workspaceName, real), { modal: true, detail }, write);
  if (answer !== write) {
    return undefined;
  }
  await services.state.update(confirmedKey, true);
  return real;
}

import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { resolveEnvFile } from '../../core/notebooks/envFilePath';
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

/** Where a .env path leads: the file inside the folder, or a place the user must confirm (outside the folder, or through a symbolic link). */
async function placeOf(file: string, folder: string): Promise<{ real: string; why?: 'outside' | 'link' }> {
  const inside = (root: string, target: string): boolean => {
    const relative = path.relative(root, target);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  };
  const realFolder = await fs.realpath(folder);
  const realParent = await fs.realpath(path.dirname(file)).catch(() => path.dirname(file));
  const link = await fs.lstat(file).then((stat) => stat.isSymbolicLink(), () => false);
  const real = link ? await fs.realpath(file).catch(() => path.join(realParent, path.basename(file))) : path.join(realParent, path.basename(file));
  if (link) {
    return { real, why: 'link' };
  }
  return inside(folder, file) && inside(realFolder, real) ? { real } : { real, why: 'outside' };
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
  const { real, why } = await placeOf(target.file, target.folder.uri.fsPath);
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

/** The file's text, or '' when there is none yet. */
export async function readEnvFile(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      return '';
    }
    throw err;
  }
}

/**
 * Writes a whole file at once: a temporary file renamed over it, so a failure
 * leaves the old one and a reader never sees it half written.
 */
async function writeWhole(file: string, text: string, mode: number): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.openhexa-${process.pid}.tmp`;
  try {
    await fs.writeFile(temporary, text, { mode });
    await fs.chmod(temporary, mode);
    await fs.rename(temporary, file);
  } catch (err) {
    await fs.rm(temporary, { force: true });
    throw err;
  }
}

/** Writes `.env` whole, readable by its owner only where the OS has modes. */
export function writeEnvFile(file: string, text: string): Promise<void> {
  return writeWhole(file, text, 0o600);
}

/**
 * git with nothing of the folder's that runs a program: no fsmonitor hook
 * (`core.fsmonitor` names a command git runs for check-ignore), no hooks.
 */
const SAFE_GIT = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null'];

function git(args: readonly string[], cwd: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile('git', [...SAFE_GIT, ...args], { cwd, timeout: 10_000 }, (err, stdout) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      resolve({ code, stdout });
    });
  });
}

/** Whether git ignores the file: true, false, or undefined when it is not in a git repository (or git is missing). */
export async function gitIgnores(file: string): Promise<boolean | undefined> {
  const { code } = await git(['check-ignore', '-q', '--', file], path.dirname(file));
  return code === 0 ? true : code === 1 ? false : undefined;
}

/** Adds the file to the .gitignore at the root of its repository (made if missing); true when git then ignores it. */
export async function addToGitignore(file: string): Promise<boolean> {
  const root = (await git(['rev-parse', '--show-toplevel'], path.dirname(file))).stdout.trim();
  if (!root) {
    return false;
  }
  const gitignore = path.join(root, '.gitignore');
  const before = await readEnvFile(gitignore);
  const entry = `/${path.relative(root, file).split(path.sep).join('/')}`;
  const mode = await fs.stat(gitignore).then((stat) => stat.mode & 0o777, () => 0o644);
  await writeWhole(gitignore, `${before}${before === '' || before.endsWith('\n') ? '' : '\n'}${entry}\n`, mode);
  return (await gitIgnores(file)) === true;
}

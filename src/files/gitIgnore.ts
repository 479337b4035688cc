import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { readEnvFile, writeWhole } from './wholeFile';

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

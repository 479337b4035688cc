import * as path from 'node:path';

/** The default of the Python extension's `python.envFile`. */
export const DEFAULT_ENV_FILE = '${workspaceFolder}/.env';

/**
 * The file the Python and Jupyter extensions load, from `python.envFile`:
 * `${workspaceFolder}` and `${workspaceFolderBasename}` filled in, `~` at
 * the start is the home folder, a relative path is under the folder.
 * Undefined when the setting uses a variable this cannot know (it says which).
 */
export function resolveEnvFile(setting: string | undefined, folder: string, home: string): { file: string } | { unknown: string } {
  const raw = (setting ?? '').trim() || DEFAULT_ENV_FILE;
  const filled = raw.replace(/\$\{workspaceFolder\}/g, folder).replace(/\$\{workspaceFolderBasename\}/g, path.basename(folder));
  const unknown = /\$\{[^}]*\}/.exec(filled)?.[0];
  if (unknown) {
    return { unknown };
  }
  const expanded = filled === '~' || filled.startsWith('~/') ? path.join(home, filled.slice(1)) : filled;
  return { file: path.resolve(folder, expanded) };
}

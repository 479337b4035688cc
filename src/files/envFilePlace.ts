import * as fs from 'node:fs/promises';
import * as path from 'node:path';

/**
 * Where a .env path really leads, and whether the user must confirm it: a
 * folder's settings choose python.envFile (it may point at ~/.bashrc or
 * beyond the folder), and a folder's .env may be a symbolic link (to a
 * private key, say). Inside the folder, through no link: nothing to confirm.
 */
export async function envFilePlace(file: string, folder: string): Promise<{ real: string; why?: 'outside' | 'link' }> {
  const inside = (root: string, target: string): boolean => {
    const relative = path.relative(root, target);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  };
  const realFolder = await fs.realpath(folder);
  const realParent = await fs.realpath(path.dirname(file)).catch(() => path.dirname(file));
  const link = await fs.lstat(file).then((stat) => stat.isSymbolicLink(), () => false);
  if (link) {
    return { real: await fs.realpath(file).catch(() => path.join(realParent, path.basename(file))), why: 'link' };
  }
  const real = path.join(realParent, path.basename(file));
  return inside(folder, file) && inside(realFolder, real) ? { real } : { real, why: 'outside' };
}

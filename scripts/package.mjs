// npm run package: a production build, then the .vsix (only what runs: see .vscodeignore).
// `--target=linux-x64` (or darwin-arm64, ...) makes a platform-specific package
// with that platform's PostgreSQL for the local server; `--target=all` makes all five.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stagePostgres, TARGETS } from './stage-postgres.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const arg = process.argv.find((a) => a.startsWith('--target='))?.slice('--target='.length);
const targets = arg === 'all' ? TARGETS : arg ? [arg] : [undefined];

run(process.execPath, ['scripts/build.mjs']);
for (const target of targets) {
  // A platform package carries that platform's PostgreSQL (for the local server) in ./postgres.
  if (target) {
    stagePostgres(ROOT, target);
  }
  const out = join(ROOT, target ? `${name}-${target}-${version}.vsix` : `${name}-${version}.vsix`);
  try {
    run(join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--out', out, ...(target ? ['--target', target] : [])]);
  } finally {
    rmSync(join(ROOT, 'postgres'), { recursive: true, force: true });
  }
  console.log(`package: ${out} (${(statSync(out).size / 1024).toFixed(0)} KiB)`);
}

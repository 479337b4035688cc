// npm run package: a production build, then the .vsix (only what runs: see .vscodeignore).
// `--target=linux-x64` etc. makes a platform-specific package.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

run(process.execPath, ['scripts/build.mjs']);
const out = join(ROOT, `${name}-${version}.vsix`);
const target = process.argv.find((a) => a.startsWith('--target='))?.slice('--target='.length);
run(join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--out', out, ...(target ? ['--target', target] : [])]);
console.log(`package: ${out} (${(statSync(out).size / 1024).toFixed(0)} KiB)`);

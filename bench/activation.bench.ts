// What loading the extension costs: dist/extension.js (the bundle VS Code
// loads) required in a fresh Node process, with VS Code's API stood in for.
// Two figures: a bare Node process, and one where Node's own modules that
// VS Code's extension host has loaded before any extension (crypto, net,
// tls, stream, child_process, http...) are already there. Nothing else runs
// at load: no connection, no file scan.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { machine, median, printTable } from './machine';

const RUNS = 15;
const HOST_BUILTINS = ['crypto', 'net', 'tls', 'stream', 'child_process', 'http', 'https', 'os', 'fs', 'path', 'events', 'util', 'url', 'zlib', 'dns', 'string_decoder', 'worker_threads'];

function loadOnce(root: string, preload: boolean): number {
  const script = `
    ${preload ? HOST_BUILTINS.map((m) => `require('node:${m}');`).join('') + 'void globalThis.fetch;' : ''}
    require(${JSON.stringify(path.join(root, 'out', 'test', 'mocks', 'register.js'))});
    const { performance } = require('node:perf_hooks');
    const start = performance.now();
    require(${JSON.stringify(path.join(root, 'dist', 'extension.js'))});
    process.stdout.write(String(performance.now() - start));`;
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

export async function run(resultsDir: string): Promise<void> {
  const root = path.resolve(__dirname, '..', '..');
  if (!fs.existsSync(path.join(root, 'dist', 'extension.js'))) {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  }
  const bare: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    bare.push(loadOnce(root, false));
    warm.push(loadOnce(root, true));
  }
  const bytes = fs.statSync(path.join(root, 'dist', 'extension.js')).size;
  const rows = [
    { case: 'module load, Node builtins already loaded (as in VS Code)', medianMs: median(warm), runs: RUNS },
    { case: 'module load, bare Node process', medianMs: median(bare), runs: RUNS },
  ];
  printTable(`activation: dist/extension.js (${Math.round(bytes / 1024)} KiB)`, rows);
  const summary = { activationMs: Math.round(median(warm) * 10) / 10, bareNodeMs: Math.round(median(bare) * 10) / 10, bundleKiB: Math.round(bytes / 1024) };
  fs.writeFileSync(
    path.join(resultsDir, 'activation.json'),
    `${JSON.stringify({ benchmark: 'activation', date: new Date().toISOString(), machine: machine(), summary, results: rows }, null, 2)}\n`,
  );
}

// What activating the extension costs: dist/extension.js (the bundle VS
// Code loads) required in a fresh Node process, then activate() called (see
// activationProbe.ts). Two settings: a bare Node process, and one where
// Node's own modules that VS Code's extension host has loaded before any
// extension (crypto, net, tls, stream, child_process, http...) are there
// already, which is the figure quoted. Nothing else runs at activation: no
// connection, no file scan, and pg is loaded on the first connection.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { machine, median, printTable } from './machine';

const RUNS = 15;

interface Probe {
  loadMs: number;
  activateMs: number;
}

function probe(root: string, preload: boolean): Probe {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'activationProbe.js'), root, preload ? 'preload' : 'bare'], { encoding: 'utf8' });
  return JSON.parse(out) as Probe;
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

export async function run(resultsDir: string): Promise<void> {
  const root = path.resolve(__dirname, '..', '..');
  if (!fs.existsSync(path.join(root, 'dist', 'extension.js'))) {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  }
  const warm: Probe[] = [];
  const bare: Probe[] = [];
  for (let i = 0; i < RUNS; i++) {
    warm.push(probe(root, true));
    bare.push(probe(root, false));
  }
  const total = (p: Probe): number => p.loadMs + p.activateMs;
  const bytes = fs.statSync(path.join(root, 'dist', 'extension.js')).size;
  const rows = [
    { case: 'module load + activate, builtins loaded (as in VS Code)', medianMs: median(warm.map(total)), runs: RUNS },
    { case: '  of which module load', medianMs: median(warm.map((p) => p.loadMs)), runs: RUNS },
    { case: '  of which activate()', medianMs: median(warm.map((p) => p.activateMs)), runs: RUNS },
    { case: 'module load + activate, bare Node process', medianMs: median(bare.map(total)), runs: RUNS },
  ];
  printTable(`activation: dist/extension.js (${Math.round(bytes / 1024)} KiB)`, rows);
  const summary = {
    activationMs: round(median(warm.map(total))),
    moduleLoadMs: round(median(warm.map((p) => p.loadMs))),
    activateMs: round(median(warm.map((p) => p.activateMs))),
    bareNodeMs: round(median(bare.map(total))),
    bundleKiB: Math.round(bytes / 1024),
  };
  fs.writeFileSync(
    path.join(resultsDir, 'activation.json'),
    `${JSON.stringify({ benchmark: 'activation', date: new Date().toISOString(), machine: machine(), summary, results: rows }, null, 2)}\n`,
  );
}

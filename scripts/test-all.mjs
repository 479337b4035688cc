// npm test: every tier, in order, then one closing line "N passed, N failed".
// Tests are compiled once; each tier then runs its own npm script's command
// (package.json stays the one place that says how a tier runs).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const TIERS = ['unit', 'integration', 'host', 'e2e'];
const COMPILE = 'npm run compile-tests && ';
const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts;

const compiled = spawnSync('npm', ['run', 'compile-tests', '--silent'], { stdio: 'inherit' });
if (compiled.status !== 0) {
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}

function runTier(tier) {
  const command = scripts[`test:${tier}`].replace(COMPILE, '');
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, stdio: ['inherit', 'pipe', 'inherit'], env: { ...process.env, PATH: `node_modules/.bin:${process.env.PATH}` } });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      process.stdout.write(chunk);
    });
    child.on('exit', (code, signal) => {
      const count = (word) => [...out.matchAll(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'gm'))].reduce((n, m) => n + Number(m[1]), 0);
      resolve({ tier, passed: count('passing'), failed: count('failing'), pending: count('pending'), code: code ?? (signal ? 1 : 0) });
    });
  });
}

let interrupted = false;
process.on('SIGINT', () => {
  // The tier's own process got the same Ctrl-C and cleans up; stop after it.
  interrupted = true;
});

const results = [];
for (const tier of TIERS) {
  console.log(`\n=== ${tier} tests ===`);
  const result = await runTier(tier);
  // A tier that crashed without reporting a failure still counts as one.
  if (result.code !== 0 && result.failed === 0) result.failed = 1;
  results.push(result);
  if (interrupted) break;
}

console.log('\n tier         passed  failed  pending');
for (const r of results) {
  console.log(` ${r.tier.padEnd(12)} ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}  ${String(r.pending).padStart(7)}`);
}
const sum = (key) => results.reduce((n, r) => n + r[key], 0);
const passed = sum('passed');
const failed = sum('failed') + (interrupted ? 1 : 0);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || results.some((r) => r.passed === 0) ? 1 : 0);

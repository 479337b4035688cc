// `npm run test:host`: the host suites inside a real extension host, offline.
// Installs the packaged product and the test-runner extension into code-server,
// opens the workbench in Chromium (the extension host starts with a client),
// waits for the runner's results file, and prints them as mocha does.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ARTIFACTS, buildVsix, ensureHarness, launchBrowser, packageTestExtension, ROOT, startCodeServer, type CodeServer } from '../harness/codeServer';
import type { HostResults } from './results';
import { pollUntil } from '../harness/pollUntil';

const RESULTS_TIMEOUT_MS = 5 * 60_000;

function waitForResults(file: string, server: CodeServer): Promise<HostResults> {
  return pollUntil(() => fs.existsSync(file) && (JSON.parse(fs.readFileSync(file, 'utf8')) as HostResults), 'the host test results', {
    timeout: RESULTS_TIMEOUT_MS,
    every: 250,
    detail: () => `code-server log:\n${fs.readFileSync(server.logFile, 'utf8').slice(-4000)}`,
  });
}

function report(results: HostResults): number {
  if (results.error) {
    console.error(`The host suites could not run:\n${results.error}`);
    return 1;
  }
  const tests = results.tests ?? [];
  console.log(`\n  extension host: VS Code ${results.vscodeVersion} (code-server), language ${results.language}`);
  if (results.activation) {
    const { modulesMs, activateMs } = results.activation;
    console.log(`  activation: modules evaluated in ${modulesMs.toFixed(1)} ms, activate() ${activateMs.toFixed(1)} ms`);
  }
  console.log('');
  tests.forEach((t, i) => {
    const mark = t.state === 'passed' ? '✔' : t.state === 'pending' ? '-' : `${i + 1})`;
    console.log(`    ${mark} ${t.title}${t.durationMs > 75 ? ` (${t.durationMs}ms)` : ''}`);
  });
  const count = (state: string): number => tests.filter((t) => t.state === state).length;
  console.log(`\n  ${count('passed')} passing`);
  if (count('pending') > 0) {
    console.log(`  ${count('pending')} pending`);
  }
  if (count('failed') > 0) {
    console.log(`  ${count('failed')} failing\n`);
    tests.forEach((t, i) => t.error && console.log(`  ${i + 1}) ${t.title}:\n     ${t.error.replace(/\n/g, '\n     ')}\n`));
  }
  return count('failed') > 0 || tests.length === 0 ? 1 : 0;
}

async function main(): Promise<number> {
  ensureHarness();
  const product = buildVsix();
  const runner = packageTestExtension(path.join(ROOT, 'test', 'host', 'runner'));
  const resultsFile = path.join(ARTIFACTS, `host-results-${process.pid}.json`);
  fs.rmSync(resultsFile, { force: true });
  const server = await startCodeServer({
    vsixes: [product, runner],
    env: {
      OPENHEXA_HOST_TESTS: path.join(__dirname, 'index.js'),
      OPENHEXA_HOST_RESULTS: resultsFile,
    },
  });
  const browser = await launchBrowser();
  try {
    // The extension host's clipboard is the browser's: let the suites use it.
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    const results = await waitForResults(resultsFile, server);
    return report(results);
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(resultsFile, { force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);

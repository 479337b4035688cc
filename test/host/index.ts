// Entry of the extension-host tier, for both launchers:
// - code-server: the runner extension calls runInto(file);
// - @vscode/test-electron: VS Code calls run().
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import type { HostResults, TestResult } from './results';

async function runSuites(): Promise<TestResult[]> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'dot' });
  const dir = path.join(__dirname, 'suite');
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(dir, file));
  }
  const tests: TestResult[] = [];
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', (t) => tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration ?? 0 }));
    runner.on('pending', (t) => tests.push({ title: t.fullTitle(), state: 'pending', durationMs: 0 }));
    runner.on('fail', (t, err: Error) => tests.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration ?? 0, error: err.stack ?? String(err) }));
  });
  return tests;
}

export async function runInto(resultsFile: string): Promise<void> {
  let results: HostResults;
  try {
    const tests = await runSuites();
    const exported = vscode.extensions.getExtension<{ activation?: HostResults['activation'] }>('openhexa.openhexa-workspaces')?.exports;
    results = { tests, vscodeVersion: vscode.version, language: vscode.env.language, activation: exported?.activation };
  } catch (err) {
    results = { error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  fs.writeFileSync(`${resultsFile}.tmp`, JSON.stringify(results, null, 2));
  fs.renameSync(`${resultsFile}.tmp`, resultsFile);
}

export async function run(): Promise<void> {
  const tests = await runSuites();
  for (const t of tests) {
    console.log(`${t.state === 'passed' ? '✔' : t.state === 'failed' ? '✘' : '-'} ${t.title}${t.error ? `\n${t.error}` : ''}`);
  }
  const failed = tests.filter((t) => t.state === 'failed').length;
  if (failed > 0) {
    throw new Error(`${failed} host test(s) failed`);
  }
}

import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, ROOT } from '../harness/codeServer';
import { openContainer, openWorkbench, screenshot } from './workbench';

describe('npm run demo (the README run command, browser variant)', function () {
  this.timeout(240_000);
  let demo: ChildProcess;
  let browser: Browser;
  let output = '';
  let localPort = 0;

  const demoDirs = (): string[] => fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('openhexa-demo-'));
  let before0: string[] = [];
  let demoDir = '';

  before(async () => {
    before0 = demoDirs();
    // Exactly the README's run command.
    demo = spawn('npm', ['run', 'demo', '--silent'], {
      cwd: ROOT,
      env: { ...process.env, OPENHEXA_DEMO_BROWSER: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
      // Its own process group, so that Ctrl-C can be sent the way a terminal sends it.
      detached: true,
    });
    demo.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const end = Date.now() + 180_000;
    while (!/open (http:\/\/127\.0\.0\.1:\d+\/)/.test(output)) {
      assert.ok(Date.now() < end && demo.exitCode === null, `the demo did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    try {
      process.kill(-demo.pid!, 'SIGKILL');
    } catch {
      // already gone, as it should be
    }
  });

  it('prints where to open VS Code', () => {
    assert.match(output, /open http:\/\/127\.0\.0\.1:\d+\/ in a browser/);
  });

  it('serves a working VS Code with the local server and its Sandbox of sample tables', async () => {
    const url = /open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)![1]!;
    const page = await openWorkbench(browser, url);
    await openContainer(page, 'OpenHEXA');
    await page.locator('.pane-body .monaco-list-row', { hasText: 'monthly_case_reports' }).first().waitFor({ timeout: 90_000 });
    await page.locator('.statusbar-item', { hasText: 'Local PostgreSQL: running' }).first().waitFor();
    // postmaster.pid's fourth line is the port the server listens on.
    demoDir = demoDirs().find((name) => !before0.includes(name))!;
    localPort = Number(fs.readFileSync(path.join(os.tmpdir(), demoDir, 'local-server', 'data', 'postmaster.pid'), 'utf8').split('\n')[3]);
    assert.ok(localPort > 0);
    await screenshot(page, 'demo');
  });

  it('stops VS Code and PostgreSQL on Ctrl-C', async () => {
    const url = /open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)![1]!;
    const pgPort = localPort;
    const exited = once(demo, 'exit');
    process.kill(-demo.pid!, 'SIGINT');
    await exited;
    assert.ok(demo.exitCode !== 0 || demo.signalCode !== null);
    await assert.rejects(fetch(url), 'code-server still answers');
    await assert.rejects(
      new Promise((resolve, reject) => net.connect(pgPort, '127.0.0.1').once('connect', resolve).once('error', reject)),
      'PostgreSQL still listens',
    );
    assert.equal(fs.existsSync(path.join(os.tmpdir(), demoDir)), false, 'the demo data was left behind');
  });
});

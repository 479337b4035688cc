import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, ROOT } from '../harness/codeServer';
import { extensionLog, openContainer, openWorkbench, runCommand, screenshot, webview } from './workbench';
import { pollUntil } from '../harness/pollUntil';

describe('npm run demo (the README run command, browser variant)', function () {
  this.timeout(240_000);
  let demo: ChildProcess;
  let browser: Browser;
  let page: Page;
  let output = '';
  let errors = '';
  let localPort = 0;
  // The folder the demo opens, which outlives it (the README's default is ~/openhexa-demo).
  const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-user-folder-'));
  fs.writeFileSync(path.join(userFolder, 'notes.txt'), 'there before the demo\n');

  const demoDirs = (): string[] => fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('openhexa-demo-'));
  const codeServerDirs = (): string[] => fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('openhexa-cs-'));
  let before0: string[] = [];
  let codeServers0: string[] = [];
  let demoDir = '';
  let sharedMemoryId = '';

  before(async () => {
    before0 = demoDirs();
    codeServers0 = codeServerDirs();
    // Exactly the README's run command.
    demo = spawn('npm', ['run', 'demo', '--silent'], {
      cwd: ROOT,
      env: { ...process.env, OPENHEXA_DEMO_BROWSER: '1', OPENHEXA_DEMO_FOLDER: userFolder },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so that Ctrl-C can be sent the way a terminal sends it.
      detached: true,
    });
    demo.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    demo.stderr!.on('data', (chunk: Buffer) => {
      errors += chunk.toString('utf8');
      process.stderr.write(chunk);
    });
    await pollUntil(
      () => {
        assert.equal(demo.exitCode, null, `the demo ended before it started:\n${output}`);
        return /open (http:\/\/127\.0\.0\.1:\d+\/)/.test(output);
      },
      'the demo to say where to open VS Code',
      { timeout: 180_000, every: 250, detail: () => output },
    );
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    try {
      process.kill(-demo.pid!, 'SIGKILL');
    } catch {
      // already gone, as it should be
    }
    fs.rmSync(userFolder, { recursive: true, force: true });
  });

  it('prints where to open VS Code and which folder keeps the user\'s files, how long the first start takes and why, and where the walkthrough is', () => {
    assert.match(output, /the first time takes a minute or two \(the \.vsix carries its own PostgreSQL, and code-server is unpacked once\)/);
    assert.match(output, /Built openhexa-workspaces-.*\.vsix in \d+ s\./);
    assert.match(output, /VS Code \(code-server\) is ready after \d+ s: open http:\/\/127\.0\.0\.1:\d+\/ in a browser/);
    assert.match(output, /The Getting Started walkthrough opens beside it; later, OpenHEXA: Get Started in the Command Palette/);
    assert.ok(output.includes(`It opens the folder ${userFolder}: what you save there (exports, notebooks) stays after the demo.`), output);
  });

  it('serves a working VS Code with the local server and its Sandbox of sample tables', async () => {
    const url = /open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)![1]!;
    page = await openWorkbench(browser, url);
    await page.locator('.tab', { hasText: 'Walkthrough' }).waitFor({ timeout: 60_000 });
    await openContainer(page, 'OpenHEXA');
    await page.locator('.pane-body .monaco-list-row', { hasText: 'monthly_case_reports' }).first().waitFor({ timeout: 90_000 });
    await page.locator('.statusbar-item', { hasText: 'Local PostgreSQL: running' }).first().waitFor();
    // postmaster.pid's fourth line is the port the server listens on.
    // The demo's own data folder: the one new folder of its prefix that holds the local server (waited for: a reading right as the status changes may come first).
    const pidPath = (name: string): string => path.join(os.tmpdir(), name, 'local-server', 'data', 'postmaster.pid');
    const fresh = (): string[] => demoDirs().filter((name) => !before0.includes(name));
    demoDir = await pollUntil(() => fresh().find((name) => fs.existsSync(pidPath(name))), 'postmaster.pid in the demo\'s new data folder', {
      timeout: 30_000,
      detail: () => fresh().map((name) => `${name}: ${fs.readdirSync(path.join(os.tmpdir(), name)).join(', ')}`).join('; '),
    });
    const pidFile = fs.readFileSync(pidPath(demoDir), 'utf8').split('\n');
    localPort = Number(pidFile[3]);
    // The seventh line: the key and id of the System V shared memory segment a killed server leaves behind.
    sharedMemoryId = pidFile[6]!.trim().split(/\s+/)[1] ?? '';
    assert.ok(localPort > 0);
    await screenshot(page, 'demo');

    // An export, saved where the dialog suggests: the opened folder.
    const table = page.locator('.pane-body .monaco-list-row', { hasText: 'monthly_case_reports' }).first();
    await table.hover();
    await table.locator('.action-label[aria-label="Preview Data"]').click();
    const frame = webview(page);
    await frame.locator('.grid-row[aria-rowindex="2"]').waitFor({ timeout: 30_000 });
    await frame.locator('[data-action="export"]').click();
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 20_000 });
    await page.waitForFunction("document.querySelector('.quick-input-widget input')?.value.endsWith('monthly_case_reports.csv')", undefined, { timeout: 20_000 });
    assert.equal(path.dirname(await input.inputValue()), userFolder, 'the save dialog does not suggest the folder that lasts');
    await page.keyboard.press('Enter');
    await frame.locator('[data-outcome="done"]').waitFor({ timeout: 60_000 });
    assert.ok(fs.existsSync(path.join(userFolder, 'monthly_case_reports.csv')));
  });

  it('logs what a user needs at Info, and the server\'s chatter only at Debug, after creating a workspace', async () => {
    // The command palette from the workbench (focus is still in the preview's frame).
    await page.locator('.pane-body .monaco-list-row', { hasText: 'monthly_case_reports' }).first().click();
    await runCommand(page, 'OpenHEXA: Create Workspace');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('Second workspace');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: "OpenHEXA's guards" }).waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await page.locator('.pane-body .monaco-list-row', { hasText: 'Second workspace' }).first().waitFor({ timeout: 60_000 });
    const userData = path.join(os.tmpdir(), codeServerDirs().find((name) => !codeServers0.includes(name))!, 'user-data');
    let log = '';
    await pollUntil(async () => {
      log = extensionLog(userData);
      return log.includes('Created workspace second-workspace');
    }, 'the workspace creation in the log', { timeout: 20_000 });
    assert.match(log, /\[info\] Local server running on 127\.0\.0\.1:\d+/);
    assert.match(log, /\[info\] Created the Sandbox workspace/);
    // No initdb progress, startup lines or session warnings (ANALYZE skipping shared catalogs) at Info.
    assert.doesNotMatch(log, /\[local postgres\]|WARNING|creating subdirectories|ready to accept connections/, log);
    assert.doesNotMatch(log, /\[(warning|error)\]/, log);
  });

  it('stops VS Code and PostgreSQL on Ctrl-C, deletes the Sandbox\'s data and keeps, and names, what the user saved', async () => {
    const url = /open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)![1]!;
    const pgPort = localPort;
    // A .env the user wrote from the demo (its passwords are the Sandbox's): the goodbye names it.
    fs.writeFileSync(path.join(userFolder, '.env'), '# written by "Write Variables to .env"\n');
    assert.match(sharedMemoryId, /^\d+$/);
    assert.match(spawnSync('ipcs', ['-m'], { encoding: 'utf8' }).stdout, new RegExp(`\\b${sharedMemoryId}\\b`), 'the segment is not there while PostgreSQL runs');
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
    assert.deepEqual(fs.readdirSync(userFolder).sort(), ['.env', 'monthly_case_reports.csv', 'notes.txt'], 'the user\'s files were not kept as they were');
    // A fast shutdown, not a kill: PostgreSQL removed its shared memory segment.
    assert.doesNotMatch(spawnSync('ipcs', ['-m'], { encoding: 'utf8' }).stdout, new RegExp(`\\b${sharedMemoryId}\\b`), 'an orphaned shared memory segment');
    assert.ok(fs.readFileSync(path.join(userFolder, 'monthly_case_reports.csv'), 'utf8').startsWith('id,'), 'the export was damaged');
    // Said in the demo's words, naming what was added (not what was there before).
    assert.match(errors, /SIGINT: stopping the local PostgreSQL server \(fast shutdown\), then VS Code; deleting the Sandbox's data\./);
    assert.ok(errors.includes(`Kept what you saved in ${userFolder}:\n  .env\n  monthly_case_reports.csv\n`), errors);
    assert.ok(errors.includes(`${path.join(userFolder, '.env')} holds the Sandbox's passwords (and any connection's secrets): delete it if you do not need it.`), errors);
    assert.doesNotMatch(errors, /test servers|notes\.txt/);
  });
});

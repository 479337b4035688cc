import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { buildVsix, thisPlatformTarget, type CodeServer } from '../harness/codeServer';
import { ownedTempDir, type OwnedDir } from '../harness/processes';
import { extensionLog, openContainer, runCommand, screenshot, useWorkbench, webview } from './workbench';
import { cameTrue } from '../harness/pollUntil';

describe('the first five minutes: a local server from a blank profile (platform .vsix)', function () {
  this.timeout(300_000);
  let server: CodeServer;
  let page: Page;
  let data: OwnedDir;
  let folder: string;

  const row = (text: string | RegExp): Locator => page.locator('.pane-body .monaco-list-row', { hasText: text }).first();
  const status = (): Locator => page.locator('.statusbar-item', { hasText: 'Local PostgreSQL' }).first();
  const postmasterPid = (): number => Number(fs.readFileSync(path.join(folder, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);

  useWorkbench(
    'failed-local',
    async () => {
      data = ownedTempDir('openhexa-e2e-local-');
      fs.chmodSync(data.dir, 0o755);
      folder = path.join(data.dir, 'server');
      return { codeServer: { vsixes: [buildVsix(thisPlatformTarget())], settings: { 'openhexa.localServer.folder': folder, 'openhexa.walkthrough.openOnFirstRun': true } }, stop: () => data?.release() };
    },
    {
      ready: (w) => {
        page = w.page;
        server = w.server;
      },
    },
  );

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && server) {
      process.stderr.write(`--- OpenHEXA log ---\n${extensionLog(server.userData).slice(-3000)}\n`);
    }
  });

  it('"Start a Local Server" in the welcome view leads to the Sandbox and its sample tables', async () => {
    // The extension's first run opens its walkthrough beside the welcome view.
    await page.locator('.tab', { hasText: 'Walkthrough' }).waitFor({ timeout: 30_000 });
    const started = Date.now();
    await page.locator('.welcome-view-content').getByRole('button', { name: 'Start a Local Server' }).click();
    const sandbox = row('Sandbox');
    await sandbox.waitFor({ timeout: 90_000 });
    assert.match(await sandbox.innerText(), /Admin/);
    // The local server is revealed opened down to the Sandbox's tables.
    await row('monthly_case_reports').waitFor({ timeout: 30_000 });
    const seconds = (Date.now() - started) / 1000;
    // Issue 30's figure: the firstRun bench measures the same path without VS Code; a CI machine is slower.
    console.log(`      click to tables: ${seconds.toFixed(1)} s`);
    assert.match(await row('monthly_case_reports').innerText(), /≈ 115\.2K rows|115,200 rows|115\.2K/);
    for (const table of ['health_facilities', 'malaria_by_district', 'surveys.household_survey']) {
      await row(table).waitFor();
    }
    assert.match(await status().innerText(), /running/);
    await screenshot(page, 'local-server-sandbox');
    assert.ok(seconds < 15, `took ${seconds} s`);
  });

  /** The walkthrough's steps as it shows them: [step, ticked]. */
  const walkthroughSteps = async (): Promise<[string, boolean][]> => {
    const steps = page.locator('.getting-started-step[data-step-id*="openhexa.gettingStarted#"]');
    await steps.first().waitFor({ timeout: 20_000 });
    return (await steps.evaluateAll((els: { getAttribute(n: string): string | null; querySelector(s: string): { className: string } | null }[]) =>
      els.map((el) => [String(el.getAttribute('data-step-id')).split('#').pop(), Boolean(el.querySelector('.codicon-getting-started-step-checked'))]),
    )) as [string, boolean][];
  };

  /** Whether a markdown page the walkthrough shows beside its steps (a webview, in a frame of its own) has this heading. */
  const walkthroughMediaShows = (heading: string): Promise<boolean> =>
    cameTrue(
      async () => {
        for (const frame of page.frames()) {
          if ((await frame.locator('h1', { hasText: heading }).count().catch(() => 0)) > 0) {
            return true;
          }
        }
        return false;
      },
      { timeout: 20_000, every: 250 },
    );

  it('the walkthrough shows what was done before it was opened, and ticks a step the moment it is done', async () => {
    const table = row('health_facilities');
    await table.hover();
    await table.locator('.action-label[aria-label="Preview Data"]').click();
    await page.locator('.tab', { hasText: 'Preview: health_facilities' }).waitFor({ timeout: 20_000 });
    await webview(page).locator('.grid-row[aria-rowindex="2"]').waitFor({ timeout: 20_000 });
    // A healthy server's menu offers creating a workspace, not Initialize or Retry; the row has it inline.
    const local = row('Local server');
    const menu = page.locator('.context-view .monaco-menu');
    const labels = menu.locator('.action-label', { hasText: /\S/ });
    // Read once the preview's grid has drawn its rows, before the walkthrough opens: a menu closes when something
    // else takes the focus, which the walkthrough's page and a webview that is loading both do (clean-clone CI runs
    // saw no menu, or one with no entries yet): its entries are waited for, else it is opened again.
    for (let attempt = 0; attempt < 3 && !(await labels.first().isVisible()); attempt++) {
      if (await menu.isVisible()) {
        await page.keyboard.press('Escape');
      }
      await local.click({ button: 'right' });
      await labels.first().waitFor({ timeout: 3_000 }).catch(() => undefined);
    }
    if (!(await labels.first().isVisible())) {
      const focused = await page
        .locator('*:focus')
        .last()
        .evaluate((el: { tagName: string; className: unknown }) => `${el.tagName}.${String(el.className)}`, undefined, { timeout: 1_000 })
        .catch(() => 'nothing');
      assert.fail(`the Local server row's menu did not open in three tries; the focus is on ${focused}`);
    }
    const entries = await labels.allInnerTexts();
    assert.ok(entries.some((e) => /Create Workspace/.test(e)), JSON.stringify(entries));
    assert.ok(!entries.some((e) => /Initialize Server|Retry/.test(e)), JSON.stringify(entries));
    await page.keyboard.press('Escape');
    await runCommand(page, 'OpenHEXA: Get Started');
    // The Sandbox was made for the user: "Create a workspace" waits for one of their own.
    assert.deepEqual(await walkthroughSteps(), [
      ['server', true],
      ['workspace', false],
      ['preview', true],
      ['credentials', false],
      ['connection', false],
      ['notebook', false],
    ]);
    await local.hover();
    await local.locator('.action-label[aria-label="Create Workspace…"]').click();
    await page.locator('.quick-input-widget input').fill('Malaria team');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-list .monaco-list-row').first().click();
    await row('Malaria team').waitFor({ timeout: 30_000 });
    await page.locator('.tab', { hasText: 'Walkthrough' }).click();
    await page.locator('.getting-started-step[data-step-id$="#workspace"] .codicon-getting-started-step-checked').waitFor({ timeout: 10_000 });
    // Its empty database leads to the sample data.
    await row('Sandbox').click(); // collapsed: the Database row below is the new workspace's
    await row('Malaria team').click();
    await row('Database').click();
    await row('Load Sample Data…').waitFor({ timeout: 30_000 });
    assert.ok(await row('No tables yet').isVisible());
    await screenshot(page, 'empty-database-offers-sample-data');
    await row('Load Sample Data…').click();
    await row('health_facilities').waitFor({ timeout: 60_000 });
    const sandbox = row('Sandbox');
    await sandbox.hover();
    await sandbox.locator('.action-label[aria-label="Show Database Credentials"]').click();
    await page.locator('.tab', { hasText: 'Credentials: Sandbox' }).waitFor({ timeout: 20_000 });
    await page.locator('.tab', { hasText: 'Walkthrough' }).click();
    await page.locator('.getting-started-step[data-step-id$="#credentials"] .codicon-getting-started-step-checked').waitFor({ timeout: 10_000 });
    // Each step's page (media/walkthrough/*.md) shows beside the steps when the step is chosen.
    // (VS Code may leave the page of a step blank when its tab comes back to the front; choosing a step draws it.)
    for (const [step, heading] of [['preview', 'Preview a table'], ['credentials', 'Share read-only credentials with a BI tool']] as const) {
      await page.locator(`.getting-started-step[data-step-id$="#${step}"]`).click();
      assert.ok(await walkthroughMediaShows(heading), `the step "${step}" has no page beside it`);
    }
    await screenshot(page, 'walkthrough-done');
  });

  it('a window reload keeps it: the Sandbox is there again, its server started on demand', async () => {
    // The old workbench stays in the page until the reload replaces it: what is waited for must be the new one's
    // (a run that read the old tree took its screenshot of the blank page between the two).
    await page.evaluate(() => Object.assign(globalThis, { openhexaBeforeReload: true }));
    await runCommand(page, 'Developer: Reload Window');
    await page.waitForFunction(() => !('openhexaBeforeReload' in globalThis), undefined, { timeout: 90_000 });
    await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
    await openContainer(page, 'OpenHEXA');
    const local = row('Local server');
    await local.waitFor({ timeout: 60_000 });
    // A server row comes back collapsed; expanding it starts the local server on demand.
    if ((await local.getAttribute('aria-expanded')) === 'false') {
      await local.click();
    }
    const sandbox = row('Sandbox');
    await sandbox.waitFor({ timeout: 60_000 });
    await screenshot(page, 'local-server-after-reload');
    // The walkthrough remembers every step across the reload (adding a connection is not done here).
    await runCommand(page, 'OpenHEXA: Get Started');
    assert.ok((await walkthroughSteps()).every(([step, done]) => done === (step !== 'connection' && step !== 'notebook')), JSON.stringify(await walkthroughSteps()));
    await runCommand(page, 'View: Close All Editors');
  });

  it('a killed PostgreSQL turns the tree into an error node and the status bar into "stopped"; Restart recovers', async () => {
    process.kill(postmasterPid(), 'SIGKILL');
    const stopped = row('The local server stopped');
    await stopped.waitFor({ timeout: 30_000 });
    await status().filter({ hasText: 'stopped' }).waitFor({ timeout: 10_000 });
    await screenshot(page, 'local-server-crashed');
    await stopped.click();
    await row('Sandbox').waitFor({ timeout: 60_000 });
    await status().filter({ hasText: 'running' }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'local-server-restarted');
  });
});

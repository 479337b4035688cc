import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { Client } from 'pg';
import { createMember } from '../../src/postgres/workspace/catalogCalls';
import type { TestServer } from '../fixtures/postgresServer';
import { pollUntil } from '../harness/pollUntil';
import { startTeam } from './teamServer';
import { runCommand, screenshot, useWorkbench } from './workbench';

const PLATFORM = 'e2e_sqlnb_platform';
const PLATFORM_PASSWORD = 'platform-Pw-sqlnb';
const VIEWER = 'e2e_sqlnb_viewer';
const CATALOG = 'openhexa';

const sqlCell = (id: string, source: string) => ({ cell_type: 'code', id, metadata: { vscode: { languageId: 'sql' } }, execution_count: null, outputs: [], source: [source] });

/** A notebook with two SQL cells and no kernel yet: the second sleeps, to be stopped. */
const NOTEBOOK = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells: [
    { cell_type: 'markdown', id: 'intro', metadata: {}, source: ['# Visits'] },
    sqlCell('by-district', 'SELECT district, count(*) AS visits FROM visits GROUP BY district ORDER BY district'),
    sqlCell('slow', 'SELECT pg_catalog.pg_sleep(30) AS slow_marker'),
  ],
};

describe('SQL cells in an .ipynb notebook end to end: the OpenHEXA SQL kernel, as a viewer', function () {
  this.timeout(300_000);
  let pg: TestServer;
  let page: Page;
  let folder = '';
  let viewerPassword = '';
  const file = (): string => path.join(folder, 'visits.ipynb');
  /** The notebook's outputs (a webview of their own). */
  const outputs = (): FrameLocator => page.frameLocator('.notebook-editor iframe.webview.ready').frameLocator('iframe#active-frame');
  const statusItem = (text: string): Locator => page.locator('.statusbar-item', { hasText: text });

  const openNotebook = async (): Promise<void> => {
    await runCommand(page, 'Go to File...');
    await page.keyboard.type('visits.ipynb');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'visits.ipynb' }).first().waitFor({ timeout: 20_000 });
    await page.keyboard.press('Enter');
    await page.locator('.notebook-editor .code-cell-row').first().waitFor({ timeout: 30_000 });
  };

  useWorkbench(
    'failed-sql-notebooks',
    async () => {
      const team = await startTeam({ platform: PLATFORM, platformPassword: PLATFORM_PASSWORD, viewer: VIEWER, workspace: 'Surveillance', catalog: CATALOG }, async (platform, slug) => {
        const dbName = (await platform.query<{ db_name: string }>('SELECT db_name FROM openhexa.workspaces WHERE slug = $1', [slug])).rows[0]!.db_name;
        const editor = 'e2e_sqlnb_editor';
        const password = await createMember(platform, slug, editor, 'editor');
        const data = new Client({ host: platform.host, port: platform.port, user: editor, password, database: dbName });
        await data.connect();
        await data.query(`CREATE TABLE visits (id integer PRIMARY KEY, district text NOT NULL);
                          INSERT INTO visits SELECT g, 'district ' || (g % 5) FROM generate_series(1, 300) g`);
        await data.end();
      });
      pg = team.pg;
      viewerPassword = fs.readFileSync(team.pgpass, 'utf8').split('\n').find((line) => line.includes(`:${VIEWER}:`))!.split(':').slice(4).join(':');
      folder = fs.mkdtempSync(path.join(pg.baseDir, 'project-'));
      fs.writeFileSync(file(), JSON.stringify(NOTEBOOK, null, 1));
      return { codeServer: { env: { PGPASSFILE: team.pgpass }, folder }, profiles: team.profiles.filter((p) => (p as { label: string }).label === 'Team (viewer)'), stop: () => pg.stop() };
    },
    {
      viewport: { width: 1400, height: 900 },
      container: false,
      ready: async (w) => {
        page = w.page;
        await openNotebook();
      },
    },
  );

  it('runs two SQL cells in order as the viewer, the first showing its rows in a grid, the second stopped from its cell', async () => {
    await page.locator('.notebook-editor .code-cell-row').first().click();
    await runCommand(page, 'Notebook: Select Notebook Kernel');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'OpenHEXA SQL' }).first().click({ timeout: 20_000 });
    await page.locator('.notebook-editor .kernel-label, .notebook-editor [aria-label*="Kernel"]', { hasText: 'OpenHEXA SQL' }).first().waitFor({ timeout: 20_000 });
    await runCommand(page, 'Notebook: Run All');
    // The first run asks which workspace (the only server is taken as it is).
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Surveillance' }).first().click({ timeout: 20_000 });
    await outputs().locator('.ohx-sql td', { hasText: 'district 0' }).waitFor({ timeout: 60_000 });
    await outputs().locator('.ohx-foot', { hasText: '5 rows' }).waitFor();
    await statusItem('Surveillance · Viewer · Read-only').waitFor({ timeout: 10_000 });
    // The second cell runs only once the first is done, and is stopped from its own toolbar.
    const slowCell = page.locator('.notebook-editor .code-cell-row').nth(1);
    await slowCell.locator('.codicon-modifier-spin').first().waitFor({ timeout: 30_000 });
    await slowCell.hover();
    const stop = slowCell.locator('.run-button-container .action-label[aria-label*="Stop"]');
    await stop.waitFor({ timeout: 10_000 });
    await page.waitForTimeout(500);
    await stop.click();
    await outputs().getByText('The server stopped the statement, and nothing was written.').waitFor({ timeout: 30_000 });
    await screenshot(page, 'sql-notebook-cells');
    // Nothing of it is left on the server.
    const admin = await pg.connect();
    try {
      await pollUntil(async () => (await admin.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE '%slow_marker%' AND pid <> pg_backend_pid()")).rows[0].n === 0, 'the stopped statement gone', { timeout: 10_000 });
    } finally {
      await admin.end();
    }
  });

  it('saves the workspace and the kernel in the notebook, and outputs readable without the extension, with no secret', async () => {
    await page.locator('.notebook-editor .code-cell-row').first().click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+S');
    await pollUntil(async () => (JSON.parse(fs.readFileSync(file(), 'utf8')) as { metadata: { openhexa?: unknown } }).metadata.openhexa !== undefined, 'the binding in the file', { timeout: 20_000 });
    const saved = JSON.parse(fs.readFileSync(file(), 'utf8')) as { metadata: Record<string, { name?: string; workspace?: string }>; cells: { outputs?: { data?: Record<string, unknown> }[] }[] };
    assert.equal(saved.metadata['kernelspec']?.name, 'openhexa-sql');
    assert.equal(saved.metadata['openhexa']?.workspace, 'surveillance');
    const first = saved.cells[1]!.outputs![0]!.data!;
    assert.ok(first['text/html'] && first['text/plain'] && first['application/vnd.openhexa.sql-result+json'], Object.keys(first).join(', '));
    const text = fs.readFileSync(file(), 'utf8');
    assert.ok(!text.includes(viewerPassword) && !text.includes(VIEWER), 'the notebook holds the login or its password');
  });

  it('reopened, the notebook picks the OpenHEXA SQL kernel and its workspace again', async () => {
    await runCommand(page, 'View: Close All Editors');
    await page.locator('.notebook-editor').waitFor({ state: 'detached', timeout: 20_000 });
    await openNotebook();
    await page.locator('.notebook-editor .kernel-label, .notebook-editor [aria-label*="Kernel"]', { hasText: 'OpenHEXA SQL' }).first().waitFor({ timeout: 20_000 });
    await statusItem('Surveillance · Viewer · Read-only').waitFor({ timeout: 20_000 });
    // The outputs saved in the file are drawn again by the renderer.
    await outputs().locator('.ohx-sql td', { hasText: 'district 4' }).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    await screenshot(page, 'sql-notebook-reopened');
    // Open in Results: the cell's query in a query document of the same workspace, run there for its whole result.
    await outputs().getByRole('button', { name: 'Open in Results' }).first().click();
    await page.locator('.tab', { hasText: /^Results: Untitled/ }).waitFor({ timeout: 30_000 });
    await statusItem('Surveillance · Viewer · Read-only').waitFor();
  });
});

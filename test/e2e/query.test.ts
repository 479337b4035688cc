import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { Client } from 'pg';
import { createMember } from '../../src/postgres/workspace/catalogCalls';
import { createWorkspace } from '../../src/postgres/workspace/provisioning';
import type { TestServer } from '../fixtures/postgresServer';
import { startPlatform } from './teamServer';
import { choose, contextMenu, runCommand, screenshot, useWorkbench, webview } from './workbench';

const PLATFORM = 'e2e_query_platform';
const PLATFORM_PASSWORD = 'platform-Pw-query';
const CATALOG = 'openhexa';
const ROWS = 2_000_000;

describe('Data Studio end to end: a viewer runs SQL on the workspace database with their own login', function () {
  this.timeout(420_000);
  let pg: TestServer;
  let page: Page;
  let csp: () => string[] = () => [];

  const row = (text: string | RegExp): Locator => page.locator('.pane-body .monaco-list-row', { hasText: text }).first();
  const results = (): FrameLocator => webview(page);
  const editor = (): Locator => page.locator('.editor-instance .monaco-editor').first();
  /** Replaces the query document's text as typed at once (no auto-closed quotes), then runs with Ctrl+Enter the statement at the end, or all of it selected. */
  const runText = async (sql: string, selected = false): Promise<void> => {
    await editor().click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(sql);
    if (selected) {
      await page.keyboard.press('Control+A');
    }
    await page.keyboard.press('Control+Enter');
  };

  useWorkbench(
    'failed-query',
    async () => {
      const started = await startPlatform({ platform: PLATFORM, platformPassword: PLATFORM_PASSWORD, catalog: CATALOG });
      pg = started.pg;
      const { platform } = started;
      const workspace = await createWorkspace(platform, CATALOG, 'Surveillance');
      const catalog = new Client({ ...platform, database: CATALOG });
      await catalog.connect();
      const viewer = 'e2e_query_viewer';
      const viewerPassword = await createMember(catalog, workspace.slug, viewer, 'viewer');
      const editor = 'e2e_query_editor';
      const editorPassword = await createMember(catalog, workspace.slug, editor, 'editor');
      await catalog.end();
      const data = new Client({ host: pg.host, port: pg.port, user: editor, password: editorPassword, database: workspace.dbName });
      await data.connect();
      await data.query(`CREATE TABLE visits (id integer PRIMARY KEY, district text NOT NULL, cases integer)`);
      await data.query(`INSERT INTO visits SELECT g, 'district ' || (g % 97), g % 40 FROM generate_series(1, 500) g`);
      await data.end();
      const pgpass = path.join(fs.mkdtempSync(path.join(pg.baseDir, 'pgpass-')), 'pgpass');
      fs.writeFileSync(pgpass, `127.0.0.1:${pg.port}:*:${viewer}:${viewerPassword}\n`, { mode: 0o600 });
      return { codeServer: { env: { PGPASSFILE: pgpass } }, profiles: [{ label: 'Team (viewer)', host: '127.0.0.1', port: pg.port, user: viewer, sslmode: 'disable', catalogDatabase: CATALOG }], stop: () => pg.stop() };
    },
    {
      clipboard: true,
      viewport: { width: 1500, height: 900 },
      ready: (w) => {
        page = w.page;
        csp = w.csp;
      },
    },
  );

  it('New Query on a workspace opens a SQL document bound to it: the status bar says where, as whom, and read-only', async () => {
    await row('Team (viewer)').click();
    const workspace = row('Surveillance');
    await workspace.waitFor({ timeout: 60_000 });
    await choose(await contextMenu(page, workspace), 'New Query');
    await editor().waitFor({ timeout: 30_000 });
    await page.locator('.statusbar-item', { hasText: 'Surveillance · Viewer · Read-only' }).waitFor({ timeout: 30_000 });
  });

  it('Ctrl+Enter runs the statement under the cursor; 2,000,000 rows stream into the grid, and Ctrl+End reaches the last one', async () => {
    await runText(`SELECT 1 AS warm_up;\nSELECT g AS id, 'row ' || g AS label FROM pg_catalog.generate_series(1, ${ROWS}) g`);
    await results().locator('.grid-row[aria-rowindex="2"] .grid-td[data-c="0"]', { hasText: /^1$/ }).waitFor({ timeout: 60_000 });
    // Only the statement under the cursor ran: one result, no tabs.
    assert.equal(await results().locator('.result-tab:visible').count(), 0);
    await results().locator('[data-result-footer]', { hasText: /2,000,000 rows in/ }).waitFor({ timeout: 120_000 });
    await results().locator('.grid').click({ position: { x: 200, y: 60 } });
    await page.keyboard.press('Control+End');
    await results().locator('.grid-td[data-c="0"]', { hasText: /^2000000$/ }).waitFor({ timeout: 30_000 });
    await results().locator('.grid-footer', { hasText: 'End of the result' }).waitFor();
    await screenshot(page, 'query-large-result-end');
  });

  it('runs a whole document as one read-only transaction, a tab per statement', async () => {
    await runText('SELECT district, count(*) AS visits FROM visits GROUP BY district ORDER BY district;\nSELECT current_user AS me;\nSHOW search_path;', true);
    await results().locator('.result-tab').nth(1).waitFor({ timeout: 30_000 });
    await results().locator('.run-line', { hasText: 'Read-only run: nothing was written.' }).waitFor({ timeout: 30_000 });
    await results().locator('.result-tab').nth(1).click();
    await results().locator('.grid-td[data-c="0"]', { hasText: 'e2e_query_viewer' }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'query-statement-tabs');
    // SHOW is read through a portal, not a server cursor: its rows show the same way; the run's search path is pinned.
    await results().locator('.result-tab').nth(2).click();
    await results().locator('.grid-td[data-c="0"]', { hasText: 'pg_catalog, public' }).waitFor({ timeout: 30_000 });
  });

  it('completes a column of the table the statement reads, from the workspace database as the viewer sees it', async () => {
    await editor().click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText('SELECT di FROM visits ORDER BY id LIMIT 3');
    await page.keyboard.press('Home');
    for (let i = 0; i < 'SELECT di'.length; i++) {
      await page.keyboard.press('ArrowRight');
    }
    await page.keyboard.press('Control+Space');
    const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'district' }).first();
    await suggestion.waitFor({ timeout: 30_000 });
    await screenshot(page, 'query-completion');
    await suggestion.click();
    await page.keyboard.press('Control+Enter');
    await results().locator('.grid-th[data-column="district"]').waitFor({ timeout: 30_000 });
    await results().locator('.grid-td[data-c="0"]', { hasText: 'district 1' }).first().waitFor({ timeout: 30_000 });
  });

  it('Explain Analyze shows the plan as a tree with rows and times, the most expensive node marked, the JSON a click away', async () => {
    await editor().click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText('SELECT v.district, count(*) FROM visits v JOIN visits w ON w.id = v.id WHERE v.cases > 1 GROUP BY v.district');
    await runCommand(page, 'OpenHEXA: Explain Analyze Statement');
    await results().locator('.plan-node', { hasText: 'Seq Scan' }).first().waitFor({ timeout: 30_000 });
    assert.equal(await results().locator('.plan-node.costliest').count(), 1);
    assert.match(await results().locator('.plan-head').innerText(), /rolled back/);
    await screenshot(page, 'query-explain-analyze');
    await results().locator('[data-action="plan-json"]').click();
    await page.locator('.editor-instance .view-lines', { hasText: '"Node Type"' }).first().waitFor({ timeout: 30_000 });
  });

  it('an error is underlined in the editor where the server pointed, and said in the results', async () => {
    await runText('SELECT id, nosuch FROM visits');
    await results().locator('.status-error', { hasText: 'column "nosuch" does not exist' }).waitFor({ timeout: 30_000 });
    await page.locator('.editor-instance .squiggly-error').first().waitFor({ timeout: 10_000 });
    await screenshot(page, 'query-error-underlined');
  });

  it('a viewer\'s write is refused by PostgreSQL with its own message, and COMMIT is refused before anything is sent', async () => {
    await runText("INSERT INTO visits VALUES (9999, 'planted', 1)");
    await results().locator('.status-error', { hasText: 'cannot execute INSERT in a read-only transaction' }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'query-viewer-write-refused');
    await runText("COMMIT; INSERT INTO visits VALUES (9999, 'planted', 1)", true);
    await page.locator('.notifications-toasts', { hasText: 'Nothing was run: Transaction control' }).waitFor({ timeout: 30_000 });
    // The viewer is offered no switch to writes.
    await page.locator('.statusbar-item', { hasText: 'Surveillance · Viewer · Read-only' }).click();
    const picker = page.locator('.quick-input-widget');
    await picker.locator('.monaco-list-row', { hasText: 'Run on another workspace' }).waitFor();
    assert.equal(await picker.locator('.monaco-list-row', { hasText: 'Allow writes' }).count(), 0);
    await page.keyboard.press('Escape');
    assert.deepEqual(csp(), []);
  });
});

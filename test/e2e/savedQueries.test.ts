import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { Client } from 'pg';
import { createSavedQuery, readSavedQuery, updateSavedQuery } from '../../src/postgres/savedQueries/savedQueryCalls';
import { createMember } from '../../src/postgres/workspace/catalogCalls';
import type { TestServer } from '../fixtures/postgresServer';
import { startTeam } from './teamServer';
import { choose, contextMenu, runCommand, screenshot, useWorkbench, webview } from './workbench';

const PLATFORM = 'e2e_saved_platform';
const PLATFORM_PASSWORD = 'platform-Pw-saved';
const CATALOG = 'openhexa';
const VIEWER = 'e2e_saved_viewer';
const ADMIN = 'e2e_saved_admin';

async function pollFor(ok: () => boolean, what: string, ms = 20_000): Promise<void> {
  for (const end = Date.now() + ms; !ok(); ) {
    if (Date.now() > end) {
      assert.fail(`waited ${ms} ms for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('Data Studio for a team end to end: saved queries and the history, as a viewer', function () {
  this.timeout(300_000);
  let pg: TestServer;
  let page: Page;
  let slug = '';
  let viewerLogin: { host: string; port: number; user: string; password: string; database: string };

  const row = (text: string | RegExp): Locator => page.locator('.pane-body .monaco-list-row', { hasText: text }).first();
  const results = (): FrameLocator => webview(page);
  const editor = (): Locator => page.locator('.editor-instance .monaco-editor').first();
  const quickRow = (text: string | RegExp): Locator => page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
  const asViewer = async <T>(run: (c: Client) => Promise<T>): Promise<T> => {
    const c = new Client(viewerLogin);
    await c.connect();
    try {
      return await run(c);
    } finally {
      await c.end();
    }
  };

  useWorkbench(
    'failed-saved-queries',
    async () => {
      let dbName = '';
      const team = await startTeam({ platform: PLATFORM, platformPassword: PLATFORM_PASSWORD, viewer: VIEWER, workspace: 'Surveillance', catalog: CATALOG }, async (platform, slug) => {
        dbName = (await platform.query<{ db_name: string }>('SELECT db_name FROM openhexa.workspaces WHERE slug = $1', [slug])).rows[0]!.db_name;
        const adminPassword = await createMember(platform, slug, ADMIN, 'admin');
        const as = async (database: string, run: (c: Client) => Promise<unknown>): Promise<void> => {
          const c = new Client({ host: platform.host, port: platform.port, user: ADMIN, password: adminPassword, database });
          await c.connect();
          await run(c).finally(() => c.end());
        };
        await as(dbName, (c) => c.query(`CREATE TABLE visits (id integer PRIMARY KEY, district text NOT NULL, cases integer);
                                         INSERT INTO visits SELECT g, 'district ' || (g % 7), g % 40 FROM generate_series(1, 500) g`));
        await as(CATALOG, async (c) => {
          const sql = 'SELECT district, count(*) AS visits\n  FROM visits\n GROUP BY district\n ORDER BY district';
          await createSavedQuery(c, slug, { name: 'Visits by district', description: 'For the weekly bulletin', sql, visibility: 'WORKSPACE' });
          await createSavedQuery(c, slug, { name: 'Admin scratch', description: '', sql: 'SELECT 1', visibility: 'PRIVATE' });
        });
      });
      pg = team.pg;
      // The viewer's password, as the workbench reads it (from the team's pgpass).
      const viewerPassword = fs.readFileSync(team.pgpass, 'utf8').split('\n').find((line) => line.includes(`:${VIEWER}:`))!.split(':').slice(4).join(':');
      viewerLogin = { host: pg.host, port: pg.port, user: VIEWER, password: viewerPassword, database: CATALOG };
      return { codeServer: { env: { PGPASSFILE: team.pgpass } }, profiles: team.profiles.filter((p) => (p as { label: string }).label === 'Team (viewer)'), stop: () => pg.stop() };
    },
    {
      viewport: { width: 1500, height: 900 },
      ready: (w) => {
        page = w.page;
      },
    },
  );

  it("a query an admin shared shows in a viewer's Queries (not the admin's private one), opens read-only and runs", async () => {
    await row('Team (viewer)').click();
    await row('Surveillance').waitFor({ timeout: 60_000 });
    await row('Surveillance').click();
    await row(/^Queries/).click();
    const shared = row('Visits by district');
    await shared.waitFor({ timeout: 30_000 });
    await page.locator('.pane-body .monaco-list-row', { hasText: 'Shared by e2e_saved_admin' }).waitFor();
    assert.equal(await page.locator('.pane-body .monaco-list-row', { hasText: 'Admin scratch' }).count(), 0);
    await choose(await contextMenu(page, shared), 'Run Query');
    await results().locator('.grid-td[data-c="0"]', { hasText: 'district 0' }).waitFor({ timeout: 60_000 });
    await page.locator('.tab[data-resource-name="visits-by-district.sql"]').waitFor();
    // A viewer may not change a shared query: its document is read-only.
    await editor().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText(' -- mine');
    await page.waitForTimeout(300);
    // (Monaco draws spaces as no-break spaces.)
    assert.ok(!(await editor().innerText()).replace(/\u00a0/g, ' ').includes('-- mine'), 'a viewer typed into a shared query');
    assert.equal(await page.locator('.tab.dirty[data-resource-name="visits-by-district.sql"]').count(), 0);
    await screenshot(page, 'saved-query-shared-run-by-viewer');
  });

  it('Ctrl+S on a new query saves it in the workspace, private to the viewer, and it joins the Queries', async () => {
    await choose(await contextMenu(page, row('Surveillance')), 'New Query');
    await page.locator('.statusbar-item', { hasText: 'Surveillance · Viewer · Read-only' }).waitFor({ timeout: 30_000 });
    await editor().click();
    await page.keyboard.insertText('-- Cases per district\nSELECT district, sum(cases) AS cases FROM visits GROUP BY district ORDER BY district');
    await page.keyboard.press('Control+Enter');
    await results().locator('.grid-td[data-c="0"]', { hasText: 'district 0' }).waitFor({ timeout: 60_000 });
    await editor().click();
    await page.keyboard.press('Control+S');
    await quickRow('Save as a query of Surveillance').click();
    const input = page.locator('.quick-input-widget input');
    await page.waitForFunction("document.querySelector('.quick-input-widget input')?.value === 'Cases per district'", undefined, { timeout: 10_000 });
    await input.press('Enter');
    await quickRow('Private').click();
    await input.press('Enter');
    await page.locator('.tab[data-resource-name="cases-per-district.sql"]').waitFor({ timeout: 30_000 });
    await row('Cases per district').waitFor({ timeout: 30_000 });
    await page.locator('.pane-body .monaco-list-row', { hasText: /Cases per district\s*Private/ }).waitFor();
    slug = 'cases-per-district';
    const saved = await asViewer((c) => readSavedQuery(c, 'surveillance', slug));
    assert.deepEqual([saved.visibility, saved.sql.split('\n')[0]], ['PRIVATE', '-- Cases per district']);
    await screenshot(page, 'saved-query-saved-private');
  });

  it('a save over a change made elsewhere since the query was opened is noticed, not written over it', async () => {
    const opened = await asViewer((c) => readSavedQuery(c, 'surveillance', slug));
    // The same member, from another machine.
    await asViewer((c) => updateSavedQuery(c, 'surveillance', slug, { sql: `${opened.sql}\nLIMIT 3`, revision: opened.revision }));
    await editor().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('\nLIMIT 5');
    await page.keyboard.press('Control+S');
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: /newer/ });
    await toast.getByRole('button', { name: 'Overwrite' }).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500); // the toast's slide-in
    await screenshot(page, 'saved-query-conflict');
    const kept = await asViewer((c) => readSavedQuery(c, 'surveillance', slug));
    assert.ok(kept.sql.endsWith('LIMIT 3'), kept.sql);
    // The member chooses: Overwrite puts their version in place of the other one.
    await toast.getByRole('button', { name: 'Overwrite' }).click();
    await page.waitForFunction("!document.querySelector('.tab[data-resource-name=\"cases-per-district.sql\"]')?.classList.contains('dirty')", undefined, { timeout: 30_000 });
    const overwritten = await asViewer((c) => readSavedQuery(c, 'surveillance', slug));
    assert.ok(overwritten.sql.endsWith('LIMIT 5') && !overwritten.sql.includes('LIMIT 3'), overwritten.sql);
  });

  it("draws a bar chart beside the grid from OpenHEXA's aliases, in the light and dark themes, and saves it as PNG", async () => {
    await choose(await contextMenu(page, row('Surveillance')), 'New Query');
    await page.locator('.statusbar-item', { hasText: 'Surveillance · Viewer · Read-only' }).waitFor({ timeout: 30_000 });
    await editor().click();
    await page.keyboard.insertText('SELECT district AS bar_label, count(*) AS bar_quantity FROM visits GROUP BY district ORDER BY bar_quantity DESC, district');
    await page.keyboard.press('Control+Enter');
    await results().locator('.chart-pane:not([hidden]) canvas[aria-label="Bar chart of bar_quantity by bar_label"]').waitFor({ timeout: 60_000 });
    await page.keyboard.press('Escape'); // the completion list, off the picture
    // Drawn: the canvas is not blank.
    const inked = await results().locator('.chart-canvas canvas').evaluate((c) => {
      const canvas = c as unknown as { width: number; height: number; getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      const colours = new Set<number>();
      for (let i = 0; i < data.length; i += 4 * 97) {
        colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
      }
      return colours.size;
    });
    assert.ok(inked > 2, `the chart drew ${inked} colours`);
    await screenshot(page, 'query-chart-bar-light');
    await page.keyboard.press('F1');
    const palette = page.locator('.quick-input-widget input');
    await palette.fill('>Preferences: Color Theme');
    await page.locator('.quick-input-list .monaco-list-row[aria-label^="Preferences: Color Theme"]').first().click();
    await palette.fill('Dark Modern');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Dark Modern' }).first().click();
    await results().locator('body.vscode-dark').waitFor({ timeout: 10_000 });
    await page.waitForTimeout(500);
    await screenshot(page, 'query-chart-bar-dark');
    await results().locator('[data-action="save-chart"]').click();
    const target = path.join(pg.baseDir, 'cases-chart.png');
    // The save dialog (VS Code's simple one in a browser): its own title, then its proposed path, before ours is typed.
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Save the chart as PNG' }).waitFor({ timeout: 10_000 });
    await page.waitForFunction("document.querySelector('.quick-input-widget input')?.value.endsWith('.png')", undefined, { timeout: 10_000 });
    await palette.fill(target);
    // The simple save dialog takes the typed path once it has read it (Enter before that may do nothing): then OK.
    await page.waitForFunction(`document.querySelector('.quick-input-widget input')?.value === ${JSON.stringify(target)}`, undefined, { timeout: 10_000 });
    await page.waitForTimeout(300);
    await page.locator('.quick-input-widget .monaco-button', { hasText: /^OK$/ }).click();
    await pollFor(() => fs.existsSync(target) && fs.statSync(target).size > 1000, 'the PNG file');
    assert.deepEqual([...fs.readFileSync(target).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  });

  it('Query History lists the runs, searches their SQL on the server and opens one again in a new query', async () => {
    await runCommand(page, 'OpenHEXA: Query History');
    // From an editor bound to no workspace (which one is active after the tests above varies), it asks for the workspace first.
    const visits = quickRow('SELECT district, count(*) AS visits');
    const pick = quickRow('Surveillance');
    await visits.or(pick).first().waitFor({ timeout: 30_000 });
    if (!(await visits.isVisible()) && (await page.locator('.quick-input-widget input[placeholder="Choose a workspace"]').isVisible())) {
      await pick.click();
    }
    await visits.waitFor({ timeout: 30_000 });
    await quickRow('sum(cases)').waitFor();
    await screenshot(page, 'query-history');
    await page.locator('.quick-input-widget input').fill('sum(cases');
    await page.waitForFunction("[...document.querySelectorAll('.quick-input-list .monaco-list-row')].length === 1", undefined, { timeout: 10_000 });
    await quickRow('sum(cases)').click();
    await page.locator('.statusbar-item', { hasText: 'Surveillance · Viewer · Read-only' }).waitFor({ timeout: 30_000 });
    await page.locator('.editor-instance .view-lines', { hasText: 'sum(cases)' }).first().waitFor({ timeout: 10_000 });
  });
});

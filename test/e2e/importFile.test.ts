import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { Client } from 'pg';
import type { TestServer } from '../fixtures/postgresServer';
import { startTeam } from './teamServer';
import { choose, contextMenu, openContainer, screenshot, useWorkbench, webview } from './workbench';

const PLATFORM = 'e2e_import_platform';
const PLATFORM_PASSWORD = 'platform-Pw-import';
const VIEWER = 'e2e_import_viewer';
const CATALOG = 'openhexa';
const WORKSPACE = 'Imports';

describe('import and delete end to end: a CSV from the Explorer into a new table, then deleted with the view on it', function () {
  this.timeout(300_000);
  let pg: TestServer;
  let page: Page;
  let folder = '';
  let dbName = '';

  const row = (text: string | RegExp): Locator => page.locator('.pane-body .monaco-list-row', { hasText: text }).first();
  const panel = (): FrameLocator => webview(page);

  useWorkbench(
    'failed-import',
    async () => {
      const team = await startTeam({ platform: PLATFORM, platformPassword: PLATFORM_PASSWORD, viewer: VIEWER, workspace: WORKSPACE, catalog: CATALOG }, async (platform, slug) => {
        dbName = (await platform.query<{ db_name: string }>('SELECT db_name FROM openhexa.workspaces WHERE slug = $1', [slug])).rows[0]!.db_name;
      });
      pg = team.pg;
      folder = fs.mkdtempSync(path.join(pg.baseDir, 'project-'));
      fs.writeFileSync(path.join(folder, 'cases.csv'), 'district;cases;reported\nKindu;12;2026-01-03\nGoma;7;2026-01-04\nUvira;;2026-01-05\n');
      return { codeServer: { env: { PGPASSFILE: team.pgpass }, folder }, profiles: team.profiles.filter((p) => (p as { label: string }).label === 'Team (admin)'), stop: () => pg.stop() };
    },
    { viewport: { width: 1400, height: 900 }, container: false, ready: (w) => void (page = w.page) },
  );

  it('imports a CSV from the Explorer with a column\'s type changed in the panel, then previews the new table', async () => {
    // The extension is active once its view lists the server; then back to the Explorer.
    await openContainer(page, 'OpenHEXA');
    await row('Team (admin)').waitFor({ timeout: 30_000 });
    await page.keyboard.press('Control+Shift+E');
    const file = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'cases.csv' });
    await file.waitFor({ timeout: 30_000 });
    await choose(await contextMenu(page, file), 'Import File into a Table…');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: WORKSPACE }).first().click({ timeout: 30_000 });
    await panel().locator('h1', { hasText: `Import into ${WORKSPACE}` }).waitFor({ timeout: 30_000 });
    await panel().locator('.import-ddl', { hasText: '"cases" integer' }).waitFor();
    // cases: integer → numeric.
    const type = panel().locator('[data-column-type="1"]');
    await type.click();
    await type.locator('vscode-option[value="numeric"]').click();
    await panel().locator('.import-ddl', { hasText: '"cases" numeric' }).waitFor({ timeout: 10_000 });
    // The key the panel proposes (a new id, the file has none) is the one it shows.
    assert.equal(await panel().locator('[data-field="key"]').evaluate((el) => (el as unknown as { value: string }).value), '*id');
    await screenshot(page, 'import-panel');
    await panel().locator('[data-action="import"]').click();
    await panel().locator('.import-status', { hasText: 'Imported 3 rows' }).waitFor({ timeout: 60_000 });
    const data = await pg.connect({ database: dbName });
    try {
      const columns = (await data.query("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'cases' ORDER BY ordinal_position")).rows;
      assert.deepEqual(columns.map((c: { column_name: string; data_type: string }) => `${c.column_name} ${c.data_type}`), ['id bigint', 'district text', 'cases numeric', 'reported date']);
    } finally {
      await data.end();
    }
    await panel().locator('[data-action="preview"]').click();
    await panel().locator('.grid-td', { hasText: 'Uvira' }).waitFor({ timeout: 60_000 });
    await screenshot(page, 'import-then-preview');
  });

  it('deletes the table after a confirmation that lists the view depending on it', async () => {
    // A view on it, for the delete to list.
    const admin = new Client({ host: pg.host, port: pg.port, user: PLATFORM, password: PLATFORM_PASSWORD, database: dbName });
    await admin.connect();
    try {
      await admin.query('CREATE VIEW public.cases_by_district AS SELECT district, sum(cases) AS cases FROM public.cases GROUP BY district');
    } finally {
      await admin.end();
    }
    await openContainer(page, 'OpenHEXA');
    await row('Team (admin)').click();
    await row(WORKSPACE).click({ timeout: 30_000 });
    await row(/^Database/).click();
    const table = page.locator('.pane-body .monaco-list-row', { hasText: /^cases/ }).first();
    await table.waitFor({ timeout: 30_000 });
    await choose(await contextMenu(page, table), 'Delete Table…');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 30_000 });
    assert.match(await dialog.innerText(), /Delete the table "public"\."cases"(?: \(about \d+ rows\))? from "Imports"\?[\s\S]*view cases_by_district/);
    await screenshot(page, 'delete-table-dependents');
    await dialog.locator('.monaco-button', { hasText: 'Delete It and Its Dependents' }).click();
    await page.locator('.pane-body .monaco-list-row', { hasText: /^cases/ }).first().waitFor({ state: 'detached', timeout: 30_000 });
  });
});

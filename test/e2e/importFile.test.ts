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

describe('import, delete and archive end to end: a CSV into a new table, an Excel sheet into an existing one, a table deleted with its view, the workspace archived and restored', function () {
  this.timeout(300_000);
  let pg: TestServer;
  let page: Page;
  let folder = '';
  let dbName = '';

  const row = (text: string | RegExp): Locator => page.locator('.pane-body .monaco-list-row', { hasText: text }).first();
  /** The workspace's own row: a string also finds "Database ws_imports" (Playwright ignores a string's case, not a pattern's). */
  const workspaceRow = (): Locator => page.locator('.pane-body .monaco-list-row').filter({ hasText: new RegExp(WORKSPACE) }).first();
  const panel = (): FrameLocator => webview(page);
  /** Import File into a Table… on a file of the Explorer, into the workspace. */
  const importFromExplorer = async (name: string): Promise<void> => {
    await page.keyboard.press('Control+Shift+E');
    const file = page.getByRole('treeitem', { name, exact: true });
    await file.waitFor({ timeout: 30_000 });
    await choose(await contextMenu(page, file), 'Import File into a Table…');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: WORKSPACE }).first().click({ timeout: 30_000 });
  };

  useWorkbench(
    'failed-import',
    async () => {
      const team = await startTeam({ platform: PLATFORM, platformPassword: PLATFORM_PASSWORD, viewer: VIEWER, workspace: WORKSPACE, catalog: CATALOG }, async (platform, slug) => {
        dbName = (await platform.query<{ db_name: string }>('SELECT db_name FROM openhexa.workspaces WHERE slug = $1', [slug])).rows[0]!.db_name;
      });
      pg = team.pg;
      folder = fs.mkdtempSync(path.join(pg.baseDir, 'project-'));
      fs.writeFileSync(path.join(folder, 'cases.csv'), 'district;cases;reported\nKindu;12;2026-01-03\nGoma;7;2026-01-04\nUvira;;2026-01-05\n');
      const big = ['code,cases,district'];
      for (let i = 1; i <= 300_000; i++) {
        big.push(`${i},${i === 250_000 ? '12.5' : String(i % 97)},District ${i % 13}`);
      }
      fs.writeFileSync(path.join(folder, 'survey-2025.csv'), `${big.join('\n')}\n`);
      fs.copyFileSync(path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'import', 'two-sheets.xlsx'), path.join(folder, 'visits.xlsx'));
      return { codeServer: { env: { PGPASSFILE: team.pgpass }, folder }, profiles: team.profiles.filter((p) => (p as { label: string }).label === 'Team (admin)'), stop: () => pg.stop() };
    },
    { viewport: { width: 1400, height: 900 }, container: false, ready: (w) => void (page = w.page) },
  );

  it('imports a CSV from the Explorer with a column\'s type changed in the panel, then previews the new table', async () => {
    // The extension is active once its view lists the server; then back to the Explorer.
    await openContainer(page, 'OpenHEXA');
    await row('Team (admin)').waitFor({ timeout: 30_000 });
    await importFromExplorer('cases.csv');
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

  it('reads a file larger than its sample to the end before importing: a value far down is said beside its column, and one click changes the type', async () => {
    await importFromExplorer('survey-2025.csv');
    await panel().locator('.import-check', { hasText: 'The whole file was checked: 300,000 rows.' }).waitFor({ timeout: 60_000 });
    const warning = panel().locator('#warning-column-1');
    assert.equal(await warning.locator('p').innerText(), 'Line 250001 holds "12.5", which is not integer; the whole file reads as numeric. Use numeric');
    await screenshot(page, 'import-whole-file-checked');
    await panel().locator('[data-fix-column="1"]').click();
    await panel().locator('.import-ddl', { hasText: '"cases" numeric' }).waitFor({ timeout: 10_000 });
    assert.equal(await warning.locator('p').count(), 0);
    await panel().locator('[data-action="import"]').click();
    await panel().locator('.import-status', { hasText: 'Imported 300,000 rows' }).waitFor({ timeout: 60_000 });
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
    await workspaceRow().click({ timeout: 30_000 });
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

  /** A toolkit drop-down in the panel set to an option. */
  const pick = async (field: string, value: string): Promise<void> => {
    const dropdown = panel().locator(`[data-field="${field}"]`);
    await dropdown.click();
    await dropdown.locator(`vscode-option[value="${value}"]`).click();
  };

  it("adds an Excel workbook's second sheet to an existing table: columns matched by name, a value that does not fit left empty and listed", async () => {
    const admin = new Client({ host: pg.host, port: pg.port, user: PLATFORM, password: PLATFORM_PASSWORD, database: dbName });
    await admin.connect();
    try {
      await admin.query('CREATE TABLE public.visits ("Visit id" integer PRIMARY KEY, "Started at" timestamptz NOT NULL, clinic text, "Cost (Le)" numeric, recorded timestamptz NOT NULL DEFAULT now())');
    } finally {
      await admin.end();
    }
    await importFromExplorer('visits.xlsx');
    await panel().locator('.intro', { hasText: 'visits.xlsx' }).waitFor({ timeout: 30_000 });
    await panel().locator('.import-ddl', { hasText: '"Surveyed on" date' }).waitFor({ timeout: 30_000 });
    await pick('sheet', 'Visits 2024');
    await panel().locator('.import-ddl', { hasText: '"Started at" timestamp with time zone' }).waitFor({ timeout: 30_000 });
    await pick('into', 'append');
    await panel().locator('[data-field="existing"] vscode-option[value="visits"]').waitFor({ state: 'attached', timeout: 30_000 });
    await pick('existing', 'visits');
    await panel().locator('[data-match-column="clinic"]', { hasText: 'Clinic' }).waitFor({ timeout: 10_000 });
    assert.match(await panel().locator('.import-left-out').innerText(), /Note/);
    assert.equal(await panel().locator('.import-ddl').innerText(), 'COPY "public"."visits" ("Visit id", "Started at", "clinic", "Cost (Le)") FROM STDIN');
    await panel().locator('[data-field="nullInconvertible"]').click();
    await screenshot(page, 'import-existing-table');
    await panel().locator('[data-action="import"]').click();
    await panel().locator('.import-status', { hasText: 'Imported 3 rows' }).waitFor({ timeout: 60_000 });
    await panel().locator('.import-nulled li', { hasText: 'line 3, column Cost (Le): "#N/A"' }).waitFor();
    await screenshot(page, 'import-values-left-empty');
    const data = await pg.connect({ database: dbName });
    try {
      const rows = (await data.query('SELECT "Visit id" AS id, clinic, "Cost (Le)"::text AS cost FROM public.visits ORDER BY 1')).rows;
      assert.deepEqual(rows, [
        { id: 1, clinic: 'Clinique Saint-Joseph', cost: '1250.5' },
        { id: 2, clinic: 'Kailahun CHC', cost: null },
        { id: 3, clinic: 'Ngala PHU', cost: '980' },
      ]);
    } finally {
      await data.end();
    }
  });

  it('archives the workspace after a confirmation, shows it archived, and restores it', async () => {
    await openContainer(page, 'OpenHEXA');
    // The server is still open from the delete above (a click would fold it).
    const workspace = workspaceRow();
    if (!(await workspace.isVisible())) {
      await row('Team (admin)').click();
    }
    await workspace.waitFor({ timeout: 30_000 });
    await choose(await contextMenu(page, workspace), 'Archive Workspace…');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 30_000 });
    assert.match(await dialog.innerText(), /Archive the workspace "Imports"\?[\s\S]*passwords change/);
    await screenshot(page, 'archive-workspace-confirm');
    await dialog.locator('.monaco-button', { hasText: 'Archive Workspace' }).click();
    const archived = workspaceRow().filter({ hasText: 'archived' });
    await archived.waitFor({ timeout: 30_000 });
    await screenshot(page, 'workspace-archived');
    await choose(await contextMenu(page, archived), 'Restore Workspace');
    await archived.waitFor({ state: 'detached', timeout: 30_000 });
    await workspaceRow().waitFor({ timeout: 30_000 });
  });
});

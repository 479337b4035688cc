import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { Client } from 'pg';
import { initializeCatalog } from '../../src/postgres/catalog/migrate';
import { createMember } from '../../src/postgres/workspace/catalogCalls';
import { APPLICATION_NAME } from '../../src/postgres/connect';
import { createWorkspace } from '../../src/postgres/workspace/provisioning';
import { startTestServer, type TestServer } from '../fixtures/postgresServer';
import type { CodeServer } from '../harness/codeServer';
import { runCommand, screenshot, useWorkbench, webview } from './workbench';
import { pollUntil } from '../harness/pollUntil';

const PLATFORM = 'e2e_preview_platform';
const PLATFORM_PASSWORD = 'platform-Pw-preview';
const CATALOG = 'openhexa';
const ROWS = 1_000_000;

describe('table preview end to end: a viewer on a 1,000,000-row table', function () {
  this.timeout(420_000);
  let pg: TestServer;
  let server: CodeServer;
  let page: Page;
  let csp: () => string[] = () => [];
  let dbName = '';
  let viewer = '';
  /** The editor's login: other clients of the database, in the test of a full server. */
  let editorLogin = { user: '', password: '' };

  const row = (text: string | RegExp): Locator => page.locator('.pane-body .monaco-list-row', { hasText: text }).first();
  const frame = (): FrameLocator => webview(page);
  /** Text of the cells of rendered row `r` (0-based), as the grid shows them. */
  const cells = async (r: number): Promise<string[]> => frame().locator(`.grid-row[aria-rowindex="${r + 2}"] .grid-td`).allInnerTexts();
  const loaded = async (): Promise<number> => Number(await frame().locator('[data-loaded]').getAttribute('data-loaded'));
  /** As a user would: the theme picker (settings.json is not watched live by code-server here). */
  const pickTheme = async (name: string): Promise<void> => {
    // The palette opened the way that works with the grid focused (it keeps F1 to itself).
    await runCommand(page, 'Preferences: Color Theme');
    const input = page.locator('.quick-input-widget input');
    await input.fill(name);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().click();
  };
  const asAdmin = async <T>(database: string, fn: (c: Client) => Promise<T>): Promise<T> => {
    const c = await pg.connect({ database });
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };

  useWorkbench(
    'failed-preview',
    async () => {
      pg = await startTestServer();
      await asAdmin('postgres', (c) => c.query(`CREATE ROLE ${PLATFORM} LOGIN CREATEDB CREATEROLE PASSWORD '${PLATFORM_PASSWORD}'`));
      const platform = { host: pg.host, port: pg.port, user: PLATFORM, password: PLATFORM_PASSWORD, sslmode: 'disable' as const };
      await initializeCatalog(platform, CATALOG);
      const workspace = await createWorkspace(platform, CATALOG, 'Surveillance');
      dbName = workspace.dbName;
      viewer = 'e2e_viewer_vera';
      const editor = 'e2e_editor_eddie';
      const catalog = new Client({ ...platform, database: CATALOG });
      await catalog.connect();
      const viewerPassword = await createMember(catalog, workspace.slug, viewer, 'viewer');
      const editorPassword = await createMember(catalog, workspace.slug, editor, 'editor');
      editorLogin = { user: editor, password: editorPassword };
      await catalog.end();
      // The editor loads the data, as a team would; the viewer previews it with their own login.
      const data = new Client({ host: pg.host, port: pg.port, user: editor, password: editorPassword, database: dbName });
      await data.connect();
      await data.query(`CREATE TABLE visits (id bigint PRIMARY KEY, district text NOT NULL, cases integer, reported_at timestamptz NOT NULL, note text)`);
      await data.query(
        `INSERT INTO visits SELECT g, 'district ' || (g % 97), CASE WHEN g % 11 = 0 THEN NULL ELSE (g * 7919) % 5000 END,
                timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute', 'visit ' || g FROM generate_series(1::bigint, ${ROWS}) g`,
      );
      await data.query('ANALYZE visits');
      // Wider than the panel: 13 columns.
      const columns = Array.from({ length: 12 }, (_, i) => `indicator_${i + 1} text`).join(', ');
      await data.query(`CREATE TABLE wide (id bigint PRIMARY KEY, ${columns})`);
      // Small enough for the tree to count exactly; a NOT NULL column to sort on.
      await data.query(`CREATE TABLE clinics (id integer PRIMARY KEY, name text NOT NULL, beds integer)`);
      await data.query(`INSERT INTO clinics SELECT g, 'clinic ' || g, g % 40 FROM generate_series(1, 2000) g`);
      await data.query('ANALYZE clinics');
      await data.query(`INSERT INTO wide SELECT g, ${Array.from({ length: 12 }, (_, i) => `'value ' || g || ' of indicator ${i + 1}'`).join(', ')} FROM generate_series(1000001, 1000200) g`);
      await data.end();

      const pgpass = path.join(fs.mkdtempSync(path.join(pg.baseDir, 'pgpass-')), 'pgpass');
      fs.writeFileSync(pgpass, `127.0.0.1:${pg.port}:*:${viewer}:${viewerPassword}\n`, { mode: 0o600 });
      return { codeServer: { env: { PGPASSFILE: pgpass } }, profiles: [{ label: 'Team (viewer)', host: '127.0.0.1', port: pg.port, user: viewer, sslmode: 'disable', catalogDatabase: CATALOG }], stop: () => pg.stop() };
    },
    {
      clipboard: true,
      viewport: { width: 1400, height: 900 },
      ready: (w) => {
        page = w.page;
        server = w.server;
        csp = w.csp;
      },
    },
  );

  it('opens on the first rows of the table, read through the viewer\'s own login', async () => {
    await row('Team (viewer)').click();
    await row('Surveillance').click({ timeout: 60_000 });
    await row('Database').click({ timeout: 30_000 });
    const table = row(/^visits/);
    await table.waitFor({ timeout: 30_000 });
    await table.hover();
    await table.locator('.action-label[aria-label="Preview Data"]').click();
    await frame().locator('.grid-row[aria-rowindex="2"]').waitFor({ timeout: 30_000 });
    const first = await cells(0);
    assert.equal(first[0], '1');
    assert.equal(first[1], 'district 1');
    assert.match(first[3]!, /^2024-01-01 00:01:00\+00/);
    assert.equal(await frame().locator('[data-key-kind]').getAttribute('data-key-kind'), 'primary key');
    const estimate = Number(await frame().locator('[data-rows]').getAttribute('data-rows', { timeout: 20_000 }));
    assert.ok(Math.abs(estimate - ROWS) < ROWS * 0.1, `estimate ${estimate}`);
    // The window's connections to the workspace database (the tree and the preview share them, two at most): the viewer's own.
    const sessions = await asAdmin('postgres', (c) => c.query<{ usename: string }>('SELECT usename FROM pg_stat_activity WHERE application_name LIKE $1 AND datname = $2', [`${APPLICATION_NAME}%`, dbName]));
    assert.ok(sessions.rows.length >= 1 && sessions.rows.length <= 2, `the window holds ${sessions.rows.length} connections to the database`);
    assert.deepEqual([...new Set(sessions.rows.map((r) => r.usename))], [viewer], 'the preview did not read through the viewer login');
    await screenshot(page, 'preview-first-rows');
  });

  it('sorts by a column on header click: ascending, then descending with the NULLs first', async () => {
    const header = frame().locator('.grid-th[data-column="cases"]');
    await header.click();
    await frame().locator('.grid-th[data-column="cases"][aria-sort="ascending"]').waitFor();
    await frame().locator('.grid-row[aria-rowindex="2"] .grid-td', { hasText: /^0$/ }).first().waitFor({ timeout: 30_000 });
    const ascending = await Promise.all([0, 1, 2, 3, 4].map(async (r) => Number((await cells(r))[2])));
    assert.deepEqual(ascending, [...ascending].sort((a, b) => a - b));
    await header.click();
    await frame().locator('.grid-th[data-column="cases"][aria-sort="descending"]').waitFor();
    await frame().locator('.grid-row[aria-rowindex="2"] .grid-td.null').first().waitFor({ timeout: 30_000 });
    assert.match(await header.innerText(), /NULLS FIRST/);
    await screenshot(page, 'preview-sorted-desc');
    await header.click();
    await frame().locator('.grid-th[data-column="cases"][aria-sort="none"]').waitFor();
    await frame().locator('.grid-row[aria-rowindex="2"] .grid-td', { hasText: /^1$/ }).first().waitFor({ timeout: 30_000 });
  });

  /** Retries assertions until they hold (the grid draws on animation frames, pages arrive when they arrive); fails with their last error. */
  const holds = async (assertions: () => Promise<void>, timeout = 30_000): Promise<void> => {
    let last: unknown;
    await pollUntil(() => assertions().then(() => true, (err: unknown) => ((last = err), false)), 'the assertions to hold', { timeout, every: 200 }).catch(() => {
      throw last;
    });
  };
  /** Every row on screen, read at once (the grid recycles rows as it scrolls): [row number, first cell]. */
  const shownRows = (): Promise<string[][]> =>
    frame()
      .locator('.grid')
      .evaluate((g: { querySelectorAll(s: string): ArrayLike<{ querySelector(s: string): { textContent: string | null } | null }> }) =>
        Array.from(g.querySelectorAll('.grid-row[aria-rowindex]:not(.pending)')).map((r) => [r.querySelector('.grid-rownum')?.textContent ?? '', r.querySelector('.grid-td')?.textContent ?? '']),
      );

  it('scrolls with the wheel page after page without a gap or a repeat', async () => {
    const grid = frame().locator('.grid');
    await grid.click({ position: { x: 200, y: 60 } });
    for (let i = 0; i < 20; i++) {
      await page.mouse.wheel(0, 2000);
    }
    await holds(async () => {
      const shown = await shownRows();
      assert.ok(shown.length > 10 && Math.max(...shown.map(([n]) => Number(n))) > 1000, `rows shown: ${JSON.stringify(shown.slice(0, 3))}…`);
    });
    const shown = await shownRows();
    assert.deepEqual(
      shown.filter(([n, id]) => n !== id),
      [],
      'row N does not hold id N: a row was skipped or repeated',
    );
  });

  it('jumps to the true end of 1,000,000 rows with Ctrl+End, and back to the first row with Ctrl+Home', async () => {
    const grid = frame().locator('.grid');
    await grid.click({ position: { x: 200, y: 60 } });
    await page.keyboard.press('Control+End');
    await frame().locator('.grid-td[data-c="0"]', { hasText: /^1000000$/ }).waitFor({ timeout: 30_000 });
    await frame().locator('.grid-footer', { hasText: 'End of the table' }).waitFor();
    // Only the last page was read, not the million rows before it.
    assert.ok((await loaded()) <= 2000, `${await loaded()} rows held`);
    await screenshot(page, 'preview-ctrl-end');
    await page.keyboard.press('Control+Home');
    await frame().locator('.grid-td[data-c="0"]', { hasText: /^1$/ }).waitFor({ timeout: 30_000 });
    const first = (await shownRows())[0];
    assert.deepEqual(first, ['1', '1']);
  });

  it('jumps near the middle when the scroll position is moved there other than by the wheel (as dragging the scroll bar does), by the distribution of the key, and says so', async () => {
    const grid = frame().locator('.grid');
    await grid.evaluate((g: { scrollTop: number; scrollHeight: number }) => {
      g.scrollTop = g.scrollHeight / 2;
    });
    await frame().locator('[data-jump-note]', { hasText: 'distribution of id' }).waitFor({ timeout: 30_000 });
    await holds(async () => {
      const shown = await shownRows();
      assert.ok(shown.length > 10, 'no row shown after the jump');
      const ids = shown.map(([, id]) => Number(id));
      assert.ok(Math.abs(ids[0]! - ROWS / 2) < ROWS * 0.05, `jumped to id ${ids[0]}`);
      // Row numbers are estimates there, and say so.
      assert.match(shown[0]![0]!, /^≈/);
      assert.deepEqual(ids.slice(1), ids.slice(0, -1).map((id) => id + 1), 'rows after a jump follow each other');
    });
    await screenshot(page, 'preview-jumped');
    await page.keyboard.press('Control+Home');
    await frame().locator('.grid-td[data-c="0"]', { hasText: /^1$/ }).waitFor({ timeout: 30_000 });
  });

  it('filters with parameters, counts exactly and exports a CSV with one line per matching row', async () => {
    // Apply is the main button only while the rows say something the grid does not show yet.
    const apply = frame().locator('[data-action="apply-filters"]');
    const applyState = async (): Promise<[string | null, boolean]> => [await apply.getAttribute('appearance'), (await apply.getAttribute('disabled')) !== null];
    assert.deepEqual(await applyState(), ['secondary', true]);
    await frame().locator('[data-action="add-filter"]').click();
    const column = frame().locator('[data-filter-column="0"]');
    await column.click();
    await column.locator('vscode-option[value="district"]').click();
    assert.deepEqual(await applyState(), ['secondary', true], 'a filter row with no value yet has nothing to apply');
    // The value field keeps its name for screen readers (the library would rename it "Text field").
    const value = frame().getByRole('textbox', { name: 'Value', exact: true });
    await value.fill('district 7');
    assert.deepEqual(await applyState(), ['primary', false]);
    await value.press('Enter');
    await frame().locator('.grid-row[aria-rowindex="2"] .grid-td', { hasText: /^district 7$/ }).first().waitFor({ timeout: 30_000 });
    const firstIds = await Promise.all([0, 1, 2].map(async (r) => (await cells(r))[0]));
    assert.deepEqual(firstIds, ['7', '104', '201']);
    await frame().locator('[data-action="count"]').click();
    await frame().locator('[data-exact="true"]').waitFor({ timeout: 30_000 });
    const counted = Number(await frame().locator('[data-rows]').getAttribute('data-rows'));
    const expected = await asAdmin(dbName, (c) => c.query(`SELECT count(*)::int AS n FROM visits WHERE district = 'district 7'`));
    assert.equal(counted, expected.rows[0].n);
    assert.deepEqual(await applyState(), ['secondary', true], 'applied filters have nothing left to apply');
    await screenshot(page, 'preview-filtered');

    // A selection copies as TSV; Enter opens the active value in an editor tab.
    await frame().locator('#cell-0-1').click();
    await frame().locator('#cell-2-2').click({ modifiers: ['Shift'] });
    await page.keyboard.press('Control+c');
    await frame().locator('.notice', { hasText: /Copied 3 rows/ }).waitFor({ timeout: 10_000 });
    assert.equal(await page.evaluate('navigator.clipboard.readText()'), 'district 7\t433\ndistrict 7\t3576\ndistrict 7\t1719');
    await frame().locator('#cell-1-4').click();
    await page.keyboard.press('Enter');
    await page.locator('.editor-instance .view-lines', { hasText: 'visit 104' }).waitFor({ timeout: 20_000 });
    // A read-only document: it closes without asking to save.
    const valueTab = page.locator('.tab', { hasText: 'visits.note.txt' });
    await valueTab.hover();
    await valueTab.locator('.codicon-close').click();
    await valueTab.waitFor({ state: 'detached', timeout: 10_000 });

    // The save dialog offers <open folder>/<table>.csv: accept it.
    const target = path.join(server.folder, 'visits.csv');
    await frame().locator('[data-action="export"]').click();
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 20_000 });
    await page.waitForFunction("document.querySelector('.quick-input-widget input')?.value.endsWith('visits.csv')", undefined, { timeout: 20_000 });
    assert.match(await input.inputValue(), /visits\.csv$/);
    await page.keyboard.press('Enter');
    await frame().locator('[data-outcome="done"]').waitFor({ timeout: 120_000 });
    const lines = fs.readFileSync(target, 'utf8').trimEnd().split('\n');
    assert.equal(lines[0], 'id,district,cases,reported_at,note');
    assert.equal(lines.length - 1, counted, 'the CSV does not have one line per filtered row');
    assert.ok(!fs.existsSync(`${target}.part`));
    await screenshot(page, 'preview-exported');
  });

  /** Opens a table's preview from its row's inline action; returns its tab once the first rows show. */
  const openPreview = async (table: Locator, name: string): Promise<Locator> => {
    await table.hover();
    await table.locator('.action-label[aria-label="Preview Data"]').click();
    const tab = page.locator('.tab', { hasText: `Preview: ${name}` });
    await tab.waitFor({ timeout: 20_000 });
    await frame().locator('.grid-row[aria-rowindex="2"]').waitFor({ timeout: 30_000 });
    return tab;
  };
  const closeTab = async (tab: Locator): Promise<void> => {
    await tab.hover();
    await tab.locator('.codicon-close').click();
    await tab.waitFor({ state: 'detached', timeout: 10_000 });
  };

  it('scrolls sideways on a table wider than the panel, with a scroll bar and the row numbers visibly on top', async () => {
    const wideTab = await openPreview(row(/^wide/), 'wide');
    const grid = frame().locator('.grid');
    const geometry = (): Promise<{ scrollLeft: number; overflow: number; scrollbar: number }> =>
      grid.evaluate((g: { scrollLeft: number; scrollWidth: number; clientWidth: number; offsetHeight: number; clientHeight: number }) => ({
        scrollLeft: g.scrollLeft,
        overflow: g.scrollWidth - g.clientWidth,
        scrollbar: g.offsetHeight - g.clientHeight,
      }));
    const before = await geometry();
    assert.ok(before.overflow > 0, 'the table fits: this test proves nothing');
    assert.ok(before.scrollbar >= 10, `no horizontal scroll bar (${before.scrollbar}px)`);
    await grid.click({ position: { x: 200, y: 60 } });
    await page.keyboard.press('End');
    await frame().locator('.grid.scrolled-x').waitFor();
    const after = await geometry();
    assert.ok(after.scrollLeft > 0);
    // The first columns slide under the row numbers, which say so with a shadow.
    const shadow = await frame()
      .locator('.grid-row[aria-rowindex="2"] .grid-rownum')
      .evaluate((cell) => (globalThis as unknown as { getComputedStyle(e: unknown): { boxShadow: string } }).getComputedStyle(cell).boxShadow);
    assert.notEqual(shadow, 'none');
    assert.match((await cells(0)).at(-1) ?? '', /of indicator 12$/);
    await screenshot(page, 'preview-wide-scrolled');
    await closeTab(wideTab);
  });

  it('says the row count the tree says; checks a filter\'s value as typed, in words; shows one honest state when nothing matches; no NULLS on a NOT NULL column', async () => {
    const table = row(/^clinics/);
    assert.match(await table.innerText(), /2,000 rows/, 'the tree counts this table exactly');
    const tab = await openPreview(table, 'clinics');
    const rowCount = frame().locator('[data-row-count]');
    await frame().locator('[data-row-count][data-exact="true"]').waitFor({ timeout: 20_000 });
    assert.equal(await rowCount.innerText(), '2,000 rows', 'the same number as the tree, not "about"');
    assert.ok(!(await frame().locator('[data-action="count"]').isVisible()), 'nothing left to count');

    const name = frame().locator('.grid-th[data-column="name"]');
    await name.click();
    await frame().locator('.grid-th[data-column="name"][aria-sort="ascending"]').waitFor();
    assert.doesNotMatch(await name.innerText(), /NULLS/, 'a NOT NULL column has no NULLs to place');
    await name.click();
    await frame().locator('.grid-th[data-column="name"][aria-sort="descending"]').waitFor();
    assert.doesNotMatch(await name.innerText(), /NULLS/);
    const beds = frame().locator('.grid-th[data-column="beds"]');
    await beds.click();
    await frame().locator('.grid-th[data-column="beds"][aria-sort="ascending"]').waitFor();
    assert.match(await beds.innerText(), /NULLS LAST/, 'a column that may hold NULLs says where they go');

    // A value that is not a whole number: said under the field as it is typed; nothing is asked of the server.
    await frame().locator('[data-action="add-filter"]').click();
    const column = frame().locator('[data-filter-column="0"]');
    await column.click();
    await column.locator('vscode-option[value="beds"]').click();
    const value = frame().getByRole('textbox', { name: 'Value', exact: true });
    const held = await loaded();
    await value.fill('abc');
    const problem = frame().locator('[data-filter-error="0"]');
    await frame().locator('[data-filter-error="0"]', { hasText: /"abc" is not a whole number/ }).waitFor({ timeout: 10_000 });
    const apply = frame().locator('[data-action="apply-filters"]');
    assert.notEqual(await apply.getAttribute('disabled'), null, 'Apply waits for a value that fits');
    await value.press('Enter');
    assert.ok(!(await frame().locator('.status-error').isVisible()), 'Enter did not send it either');
    assert.equal(await loaded(), held, 'the grid keeps its rows');
    await screenshot(page, 'preview-filter-value-refused');

    // A good value that matches nothing: one state saying so, the count 0, no row and no "loaded".
    await value.fill('99999');
    await pollUntil(async () => (await problem.innerText()) === '', 'the problem to go once the value fits');
    await value.press('Enter');
    const empty = frame().locator('.empty-state', { hasText: 'No rows match these filters.' });
    await empty.waitFor({ timeout: 30_000 });
    await frame().locator('[data-row-count][data-rows="0"][data-exact="true"]').waitFor({ timeout: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 1000)); // the estimate's answer comes after the page: it must not undo this
    assert.equal(await rowCount.innerText(), '0 rows');
    assert.equal(await frame().locator('.loaded').innerText(), '');
    assert.equal(await frame().locator('.grid-row[aria-rowindex]').count(), 0, 'no phantom row above the empty state');
    await screenshot(page, 'preview-no-match');
    await closeTab(tab);
  });

  it('keeps its rows and filters in dark and high-contrast themes; closed, it leaves nothing running', async () => {
    await pickTheme('Default Dark Modern');
    await frame().locator('body.vscode-dark').waitFor({ timeout: 30_000 });
    await screenshot(page, 'preview-dark');
    await pickTheme('Default High Contrast');
    await frame().locator('body.vscode-high-contrast').waitFor({ timeout: 30_000 });
    await frame().locator('.grid-row[aria-rowindex="2"] .grid-td', { hasText: /^district 7$/ }).first().waitFor();
    await screenshot(page, 'preview-high-contrast');
    await page.locator('.tab', { hasText: 'Preview: visits' }).hover();
    await page.locator('.tab', { hasText: 'Preview: visits' }).locator('.codicon-close').click();
    await page.locator('.tab', { hasText: 'Preview: visits' }).waitFor({ state: 'detached', timeout: 20_000 });
    const previewConnections = async (): Promise<number> =>
      (await asAdmin('postgres', (c) => c.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = $1 AND datname = $2', [viewer, dbName]))).rows[0].n;
    await pollUntil(async () => (await previewConnections()) === 0, 'the closed preview to leave no connection (nor a running query) behind');
  });

  it('with every slot of the database taken, says it waits for a free connection, with Cancel; Retry reads once a slot frees', async () => {
    // OpenHEXA's guard made tight, and three other clients (not superusers, whom it does not count) holding it.
    await asAdmin('postgres', (c) => c.query(`ALTER DATABASE ${dbName} CONNECTION LIMIT 3`));
    const others = await Promise.all([0, 1, 2].map(async () => {
      const c = new Client({ host: pg.host, port: pg.port, user: editorLogin.user, password: editorLogin.password, database: dbName });
      await c.connect();
      return c;
    }));
    try {
      const table = row(/^clinics/);
      await table.hover();
      await table.locator('.action-label[aria-label="Preview Data"]').click();
      const toast = page.locator('.notification-toast', { hasText: 'Waiting for a free connection on Team (viewer)…' });
      await toast.waitFor({ timeout: 30_000 });
      assert.match(await toast.innerText(), /the workspace database's connection limit is reached/);
      await screenshot(page, 'preview-waiting-for-connection');
      await toast.getByRole('button', { name: 'Cancel' }).click();
      await frame().locator('.status-error', { hasText: 'Stopped waiting for a free connection.' }).waitFor({ timeout: 20_000 });
      await toast.waitFor({ state: 'detached', timeout: 10_000 });
      await others.pop()!.end();
      await frame().locator('[data-action="retry"]').click();
      await frame().locator('.grid-row[aria-rowindex="2"]').waitFor({ timeout: 30_000 });
      await screenshot(page, 'preview-after-waiting');
    } finally {
      await Promise.all(others.map((c) => c.end()));
      await asAdmin('postgres', (c) => c.query(`ALTER DATABASE ${dbName} CONNECTION LIMIT 50`));
    }
    const tab = page.locator('.tab', { hasText: 'Preview: clinics' });
    await tab.hover();
    await tab.locator('.codicon-close').click();
  });

  it('reports no Content Security Policy violation from the preview panel', () => {
    assert.deepEqual(csp(), []);
  });
});

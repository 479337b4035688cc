import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { Client } from 'pg';
import { OpenHexaApi } from '../../src/openhexa/graphqlClient';
import { createConnection, signIn, workspaceCredentials } from '../../src/openhexa/instanceCalls';
import { databaseLogin } from '../../src/openhexa/instanceLogins';
import { OpenHexaStandIn } from '../fixtures/openhexa/openHexaStandIn';
import type { TestServer } from '../fixtures/postgresServer';
import { startPlatform } from './teamServer';
import { pollUntil } from '../harness/pollUntil';
import type { CodeServer } from '../harness/codeServer';
import { choose, contextMenu, runCommand, screenshot, useWorkbench, webview } from './workbench';

const PLATFORM = 'e2e_ohx_platform';
const PLATFORM_PASSWORD = 'platform-Pw-ohx';
const TABLE = 'Cas « paludisme » 2026';

describe('an OpenHEXA instance end to end: Connect to OpenHEXA with a token, its workspaces in the tree, a preview, its connections', function () {
  this.timeout(300_000);
  let pg: TestServer;
  let standIn: OpenHexaStandIn;
  let token = '';
  let roPassword = '';
  let rwPassword = '';
  let rwUser = '';
  let page: Page;
  let server: CodeServer;

  const row = (text: string | RegExp): Locator => page.locator('.pane-body .monaco-list-row', { hasText: text }).first();
  const frame = (): FrameLocator => webview(page);
  const form = frame;

  useWorkbench(
    'failed-openhexa-instance',
    async () => {
      const started = await startPlatform({ platform: PLATFORM, platformPassword: PLATFORM_PASSWORD, catalog: 'openhexa' });
      pg = started.pg;
      const { platform } = started;
      standIn = await OpenHexaStandIn.start({ shape: '2026-08', platform, catalog: 'openhexa' });
      const edna = standIn.addUser('edna@example.org', 'Edna Editor');
      const malaria = await standIn.addWorkspace('Surveillance « paludisme »', [[edna, 'EDITOR']]);
      // Edna is a viewer of the second workspace: OpenHEXA gives her no credentials there; Ada, its admin, made a table.
      const ada = standIn.addUser('ada@example.org', 'Ada Admin');
      const nutrition = await standIn.addWorkspace('Nutrition survey', [
        [edna, 'VIEWER'],
        [ada, 'ADMIN'],
      ]);
      const adaSession = await signIn(new OpenHexaApi(standIn.url, standIn.issueToken(ada, nutrition)));
      const nutritionDb = new Client(databaseLogin((await workspaceCredentials(adaSession, nutrition.slug)).rw, 'disable'));
      await nutritionDb.connect();
      await nutritionDb.query("CREATE TABLE public.children (id int PRIMARY KEY, village text, muac_mm int); INSERT INTO public.children SELECT g, 'village ' || g, 100 + g % 40 FROM generate_series(1, 300) g");
      await nutritionDb.end();
      token = standIn.issueToken(edna, malaria);
      const session = await signIn(new OpenHexaApi(standIn.url, token));
      const { rw } = await workspaceCredentials(session, malaria.slug);
      rwPassword = rw.password;
      rwUser = rw.username;
      const c = new Client(databaseLogin(rw, 'disable'));
      await c.connect();
      await c.query(`CREATE TABLE public."${TABLE}" (id int PRIMARY KEY, district text, cases int)`);
      await c.query(`INSERT INTO public."${TABLE}" SELECT g, 'district ' || g, g * 3 FROM generate_series(1, 120) g`);
      await c.end();
      // A connection to the workspace database itself, so that OpenHEXA's own test of it passes.
      const { ro } = await workspaceCredentials(session, malaria.slug);
      roPassword = ro.password;
      const values = { host: ro.host, port: String(ro.port), db_name: ro.dbName, username: ro.username, password: ro.password };
      await createConnection(session, malaria.slug, {
        name: 'Warehouse',
        type: 'postgresql',
        description: 'the team warehouse',
        fields: Object.entries(values).map(([code, value]) => ({ code, value, secret: code === 'password' })),
      });
      // No HEXA_TOKEN in the workbench's environment: the user types the address and the token.
      return { codeServer: { env: { HEXA_TOKEN: '' } }, stop: async () => (await standIn.close(), await pg.stop()) };
    },
    {
      viewport: { width: 1500, height: 900 },
      ready: (w) => {
        page = w.page;
        server = w.server;
      },
    },
  );

  it('signs in with a token typed in, and shows the instance with its two workspaces and the role in each', async () => {
    await runCommand(page, 'OpenHEXA: Connect to OpenHEXA');
    const input = page.locator('.quick-input-widget input');
    // A token the CLI left on this machine is offered first: take the typed way.
    const typed = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Enter an address and a token' });
    if (await typed.waitFor({ timeout: 1500 }).then(() => true, () => false)) {
      await typed.click();
    }
    await page.locator('.quick-input-widget', { hasText: 'Connect to OpenHEXA (1/2)' }).waitFor();
    await input.fill(standIn.url);
    await input.press('Enter');
    await page.locator('.quick-input-widget', { hasText: 'Connect to OpenHEXA (2/2)' }).waitFor();
    assert.equal(await input.getAttribute('type'), 'password');
    await input.fill(token);
    await input.press('Enter');
    const host = new URL(standIn.url).host;
    await row(host).waitFor({ timeout: 30_000 });
    assert.match(await row(host).innerText(), /OpenHEXA · edna@example\.org/);
    await row(/Surveillance « paludisme »/).waitFor({ timeout: 30_000 });
    assert.match(await row(/Surveillance « paludisme »/).innerText(), /Editor/);
    assert.match(await row(/Nutrition survey/).innerText(), /Viewer/);
    await screenshot(page, 'openhexa-instance-tree');
    // The token is in VS Code's secret storage, nowhere in the settings.
    const settings = path.join(server.userData, 'User', 'settings.json');
    assert.ok(!fs.existsSync(settings) || !fs.readFileSync(settings, 'utf8').includes(token));
  });

  it("lists a workspace's tables with their row counts, and Preview Data reads one straight from its database", async () => {
    await row(/Surveillance « paludisme »/).click();
    await row(/^Database$/).click();
    await row(TABLE).waitFor({ timeout: 30_000 });
    assert.match(await row(TABLE).innerText(), /120 rows/);
    await choose(await contextMenu(page, row(TABLE)), 'Preview Data');
    await frame().locator('.grid-td', { hasText: 'district 1' }).first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'openhexa-instance-preview');
  });

  it("shows the workspace's connections on the instance, without reading any value to list them", async () => {
    await row(/^Connections$/).click();
    await row(/Warehouse/).waitFor({ timeout: 30_000 });
    assert.match(await row(/Warehouse/).innerText(), /PostgreSQL · warehouse/);
    assert.ok(!standIn.received.includes('ConnectionValues'));
    await screenshot(page, 'openhexa-instance-connections');
  });

  it("shows the workspace database's credentials as OpenHEXA hands them, a password only on Reveal, and regenerates it for an editor", async () => {
    const menu = await contextMenu(page, row(/Surveillance « paludisme »/));
    await choose(menu, 'Show Database Credentials');
    const panel = webview(page);
    await panel.locator('h1', { hasText: 'Database credentials' }).waitFor({ timeout: 30_000 });
    const ro = panel.locator('section[data-kind="ro"]');
    assert.match(await ro.innerText(), /ws_surveillance_paludisme_ro/);
    await panel.locator('.intro', { hasText: 'OpenHEXA keeps no record of that' }).waitFor();
    assert.ok(!(await panel.locator('body').innerText()).includes(roPassword), 'a password was shown before Reveal');
    await ro.locator('[data-reveal="ro"]').click();
    await ro.locator('code', { hasText: roPassword }).first().waitFor({ timeout: 20_000 });
    await screenshot(page, 'openhexa-instance-credentials');
    // OpenHEXA lets editors regenerate (update_workspace): the old read/write password stops working.
    await panel.locator('[data-regenerate="rw"]').click();
    await page.locator('.monaco-dialog-box').getByRole('button', { name: 'Regenerate' }).click();
    await panel.locator('.notice', { hasText: 'New read/write password set' }).waitFor({ timeout: 20_000 });
    const old = new Client({ host: pg.host, port: pg.port, user: rwUser, password: rwPassword, database: 'ws_surveillance_paludisme' });
    await assert.rejects(old.connect(), (err: { code?: string }) => err.code === '28P01');
    await page.locator('.tab', { hasText: 'Credentials' }).locator('.codicon-close').click();
  });

  it("edits the connection in the product's form: its password never reaches the form and is kept, OpenHEXA's own test passes", async () => {
    const menu = await contextMenu(page, row(/Warehouse/));
    await choose(menu, 'Edit Connection…');
    await form().locator('h1', { hasText: 'Edit connection: Warehouse' }).waitFor({ timeout: 30_000 });
    assert.match(await form().locator('[data-field="password"]').innerText(), /Stored, unchanged/);
    assert.ok(!(await form().locator('body').innerText()).includes(roPassword), 'the stored password reached the form');
    await form().locator('#name input').fill('Warehouse (read-only)');
    await form().locator('#test').click();
    await form().locator('.status-ok', { hasText: "OpenHEXA reached it with these values" }).waitFor({ timeout: 20_000 });
    await screenshot(page, 'openhexa-instance-connection-form');
    await form().locator('#save').click();
    await page.locator('.notifications-toasts', { hasText: 'Saved "Warehouse (read-only)".' }).first().waitFor({ timeout: 20_000 });
    await row(/Warehouse \(read-only\)/).waitFor({ timeout: 20_000 });
    const kept = [...standIn.workspaces.values()].flatMap((w) => w.connections).find((c) => c.name === 'Warehouse (read-only)');
    assert.equal(kept?.fields.find((f) => f.code === 'password')?.value, roPassword, 'the edit lost the password');
  });

  it("writes the workspace database's variables to .env from the credentials OpenHEXA hands out, and the URL connects", async () => {
    await choose(await contextMenu(page, row(/^Database$/)), 'Write Variables to .env');
    const quick = page.locator('.quick-input-widget');
    await quick.waitFor({ timeout: 20_000 });
    await quick.locator('.monaco-list-row', { hasText: 'Read/write login' }).first().click();
    await page.locator('.notifications-toasts .notification-toast', { hasText: /Wrote 6 variables of "Surveillance « paludisme »" to \.env/ }).first().waitFor({ timeout: 20_000 });
    const env = fs.readFileSync(path.join(server.folder, '.env'), 'utf8');
    const url = /^WORKSPACE_DATABASE_URL=(.*)$/m.exec(env)?.[1]?.replace(/^"|"$/g, '');
    assert.ok(url, env);
    const c = new Client({ connectionString: url });
    await c.connect();
    assert.equal((await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM public."${TABLE}"`)).rows[0]!.n, 120);
    // The read/write login, with its password as regenerated above: it writes.
    assert.match(env, new RegExp(`^WORKSPACE_DATABASE_USERNAME=${rwUser}$`, 'm'));
    await c.query('CREATE TABLE public.written_from_env (x int)');
    await c.end();
    await screenshot(page, 'openhexa-instance-env');
  });

  it("Query Table runs SQL on the instance's workspace database with the read-only credentials OpenHEXA hands, and with the read/write ones once writes are allowed", async () => {
    await runCommand(page, 'View: Close All Editors');
    await choose(await contextMenu(page, row(TABLE)), 'Query Table');
    await page.locator('.statusbar-item', { hasText: 'Surveillance « paludisme » · Editor · Read-only' }).waitFor({ timeout: 30_000 });
    const results = frame();
    await results.locator('.grid-td', { hasText: 'district 1' }).first().waitFor({ timeout: 30_000 });
    const editor = page.locator('.editor-instance .monaco-editor').first();
    const runText = async (sql: string): Promise<void> => {
      await editor.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Delete');
      await page.keyboard.insertText(sql);
      await page.keyboard.press('Control+Enter');
    };
    await runText('SELECT current_user AS me, pg_catalog.current_database() AS db');
    await results.locator('.grid-td[data-c="0"]', { hasText: 'ws_surveillance_paludisme_ro' }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'openhexa-instance-query');
    // Read-only: PostgreSQL refuses the write, whatever the console does.
    await runText(`INSERT INTO public."${TABLE}" VALUES (1000, 'planted', 1)`);
    await results.locator('.status-error', { hasText: 'read-only transaction' }).waitFor({ timeout: 30_000 });
    await page.locator('.statusbar-item', { hasText: 'Surveillance « paludisme » · Editor · Read-only' }).click();
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Allow writes' }).click();
    await page.locator('.statusbar-item', { hasText: 'Surveillance « paludisme » · Editor · Writes allowed' }).waitFor({ timeout: 10_000 });
    await runText(`INSERT INTO public."${TABLE}" SELECT 1000, session_user, 1`);
    await results.locator('.run-line', { hasText: 'Committed.' }).waitFor({ timeout: 30_000 });
    // Written as the read/write login OpenHEXA hands out (its password regenerated above: the console asked again).
    const check = await pg.connect({ database: 'ws_surveillance_paludisme' });
    try {
      assert.deepEqual((await check.query(`SELECT district FROM public."${TABLE}" WHERE id = 1000`)).rows, [{ district: rwUser }]);
    } finally {
      await check.end();
    }
    await runCommand(page, 'View: Revert and Close Editor');
    await runCommand(page, 'View: Close All Editors');
  });

  it("inserts a notebook cell that reads the instance's table from the variables .env holds, with no credential in it", async () => {
    await choose(await contextMenu(page, row(TABLE)), 'Insert Connection Snippet');
    await page.locator('.notifications-toasts .notification-toast', { hasText: 'No Jupyter notebook is active' }).getByRole('button', { name: 'Create a Notebook' }).click();
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'SQLAlchemy and pandas' }).click();
    const cell = page.locator('.notebook-editor .code-cell-row .view-lines').first();
    await cell.waitFor({ timeout: 30_000 });
    await pollUntil(async () => (await cell.innerText()).replace(/\u00a0/g, ' ').includes(TABLE), 'the cell reading the table', { timeout: 20_000 });
    const text = (await cell.innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, /WORKSPACE_DATABASE_HOST/);
    for (const secret of [roPassword, rwPassword]) {
      assert.ok(!text.includes(secret), 'a password reached the cell');
    }
    await screenshot(page, 'openhexa-instance-snippet');
    await runCommand(page, 'View: Revert and Close Editor');
  });

  it("a viewer's preview reads through OpenHEXA's API, and the panel says so", async () => {
    // The editor's workspace folded away: one Database row left, the viewer's.
    await row(/Surveillance « paludisme »/).click();
    await row(/Nutrition survey/).click();
    await row(/^Database$/).click();
    await row(/^children/).waitFor({ timeout: 30_000 });
    await choose(await contextMenu(page, row(/^children/)), 'Preview Data');
    await frame().locator('[data-key-kind="api"]', { hasText: "Read through OpenHEXA's API, slower" }).waitFor({ timeout: 30_000 });
    await frame().locator('.grid-td', { hasText: 'village 1' }).first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'openhexa-instance-viewer-preview');
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { Client } from 'pg';
import { createMember } from '../../src/postgres/workspace/catalogCalls';
import { startTestServer, type TestServer } from '../fixtures/postgresServer';
import { runCommand, screenshot, useWorkbench, waitForRows, webview } from './workbench';
import { pollUntil } from '../harness/pollUntil';

const PLATFORM = 'e2e_platform';
const PLATFORM_PASSWORD = 'platform-Pw-e2e';
const CATALOG = 'openhexa';

describe('workspaces end to end: an admin and a viewer on a real server', function () {
  this.timeout(300_000);
  let pg: TestServer;
  let page: Page;
  let csp: () => string[] = () => [];
  let pgpass: string;
  let workspaceSlug = '';
  let dbName = '';
  let revealedRo = '';

  const row = (text: string | RegExp): Locator => page.locator('.pane-body .monaco-list-row', { hasText: text }).first();
  const profile = (label: string, user: string) => ({ label, host: '127.0.0.1', port: pg.port, user, sslmode: 'disable', catalogDatabase: CATALOG });
  const canLogin = async (user: string, password: string): Promise<boolean> => {
    const c = new Client({ host: '127.0.0.1', port: pg.port, user, password, database: dbName });
    try {
      await c.connect();
      return true;
    } catch {
      return false;
    } finally {
      await c.end().catch(() => undefined);
    }
  };

  useWorkbench(
    'failed',
    async () => {
      pg = await startTestServer();
      const admin = await pg.connect();
      await admin.query(`CREATE ROLE ${PLATFORM} LOGIN CREATEDB CREATEROLE PASSWORD '${PLATFORM_PASSWORD}'`);
      await admin.end();
      // Passwords come from a libpq password file here, as a user may prefer to SecretStorage.
      pgpass = path.join(fs.mkdtempSync(path.join(pg.baseDir, 'pgpass-')), 'pgpass');
      fs.writeFileSync(pgpass, `127.0.0.1:${pg.port}:*:${PLATFORM}:${PLATFORM_PASSWORD}\n`, { mode: 0o600 });
      // A dark theme here, the light default elsewhere: the panels use theme colours only.
      return {
        codeServer: { env: { PGPASSFILE: pgpass }, settings: { 'workbench.colorTheme': 'Default Dark Modern' } },
        profiles: [profile('Team (admin)', PLATFORM)],
        stop: () => pg.stop(),
      };
    },
    {
      clipboard: true,
      ready: (w) => {
        page = w.page;
        csp = w.csp;
      },
    },
  );

  it('initializes the server from the tree and creates a workspace that shows the admin role', async () => {
    await row('Team (admin)').click();
    await row('Initialize this server for OpenHEXA').click({ timeout: 30_000 });
    await row('No workspaces yet: create one').click({ timeout: 60_000 });
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('Santé "Nord"');
    await page.keyboard.press('Enter');
    // Then the database's guards: OpenHEXA's are the first choice.
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: "OpenHEXA's guards" }).waitFor({ timeout: 10_000 });
    await screenshot(page, 'create-workspace-guards');
    await page.keyboard.press('Enter');
    const ws = row('Santé "Nord"');
    await ws.waitFor({ timeout: 60_000 });
    assert.match(await ws.innerText(), /Admin/);
    // The same name again is refused as it is typed, before anything is made.
    await runCommand(page, 'OpenHEXA: Create Workspace');
    await input.waitFor();
    await input.fill(' santé "NORD" ');
    await page.locator('.quick-input-widget', { hasText: 'A workspace named "santé "NORD"" already exists on Team (admin).' }).waitFor({ timeout: 10_000 });
    await screenshot(page, 'create-workspace-duplicate');
    await page.keyboard.press('Escape');
    const admin = await pg.connect();
    const found = (await admin.query<{ datname: string; datconnlimit: number }>("SELECT datname, datconnlimit FROM pg_database WHERE datname LIKE 'ws_sante_nord%'")).rows;
    await admin.end();
    assert.equal(found.length, 1);
    assert.equal(found[0]!.datconnlimit, 50);
    dbName = found[0]!.datname;
    workspaceSlug = dbName.replace(/^ws_/, '').replace(/_/g, '-');
    await ws.click();
    await row('Database').waitFor();
    await screenshot(page, 'workspace-admin');
    // The platform admin who created it may manage and delete it: VS Code reads the menus' when clauses as we do.
    await ws.click({ button: 'right' });
    const menu = page.locator('.context-view .monaco-menu');
    await menu.waitFor();
    for (const action of ['Show Database Credentials', 'Regenerate Database Password', 'Add Member', 'Delete Workspace']) {
      assert.ok((await menu.innerText()).includes(action), `no "${action}" in ${await menu.innerText()}`);
    }
    await page.keyboard.press('Escape');
  });

  async function credentialsPanel(): Promise<FrameLocator> {
    await row('Santé "Nord"').hover();
    await row('Santé "Nord"').locator('.action-label[aria-label="Show Database Credentials"]').click();
    const frame = webview(page);
    await frame.locator('h1', { hasText: 'Database credentials' }).waitFor({ timeout: 30_000 });
    return frame;
  }

  it('opens the credentials panel with passwords masked, reveals and copies the read-only URL', async () => {
    const frame = await credentialsPanel();
    const ro = frame.locator('section[data-kind="ro"]');
    assert.match(await ro.innerText(), /••••••••/);
    assert.ok(!(await ro.innerText()).match(/[a-hjkmnp-zA-HJ-NP-Z2-9]{16}/), 'a password was shown before reveal');
    await ro.locator('[data-reveal="ro"]').click();
    await ro.locator('code', { hasText: /^[a-hjkmnp-zA-HJ-NP-Z2-9]{16}$/ }).waitFor({ timeout: 20_000 });
    revealedRo = (await ro.locator('code', { hasText: /^[a-hjkmnp-zA-HJ-NP-Z2-9]{16}$/ }).innerText()).trim();
    assert.ok(await canLogin(`${dbName}_ro`, revealedRo), 'the revealed read-only password does not work');
    // The message that says so floats: the button stays under the pointer.
    const copyUrl = ro.locator('[data-copy="ro-url"]');
    const before = await copyUrl.boundingBox();
    await copyUrl.click();
    await frame.locator('.notice', { hasText: 'Copied to the clipboard.' }).waitFor();
    assert.deepEqual(await copyUrl.boundingBox(), before, 'the Copy URL button moved when "Copied" showed');
    const clipboard = await page.evaluate('navigator.clipboard.readText()');
    assert.equal(clipboard, `postgresql://${dbName}_ro:${revealedRo}@127.0.0.1:${pg.port}/${dbName}`);
    await screenshot(page, 'credentials-revealed');
  });

  it('wraps the URL after its separators (://, :, @, /) in a narrow panel, never inside a name', async () => {
    const url = webview(page).locator('section[data-kind="ro"] .cred-row', { hasText: 'Connection URL' }).locator('.cred-value');
    await page.setViewportSize({ width: 760, height: 860 });
    try {
      // The URL's text, line by line as laid out: each character's box says which line it is on.
      type TextNode = { nodeType: number; textContent: string | null };
      type Doc = { createRange(): { setStart(n: TextNode, o: number): void; setEnd(n: TextNode, o: number): void; getClientRects(): ArrayLike<{ top: number }> } };
      const linesOf = (): Promise<string[]> =>
        url.evaluate((el: { ownerDocument: Doc; childNodes: ArrayLike<TextNode> }) => {
          const lines: string[] = [];
          let top: number | undefined;
          for (const node of Array.from(el.childNodes).filter((n) => n.nodeType === 3)) {
            const text = node.textContent ?? '';
            for (let i = 0; i < text.length; i++) {
              const range = el.ownerDocument.createRange();
              range.setStart(node, i);
              range.setEnd(node, i + 1);
              const charTop = Math.round(range.getClientRects()[0]?.top ?? 0);
              if (top === undefined || charTop > top + 2) {
                lines.push('');
                top = charTop;
              }
              lines[lines.length - 1] += text[i];
            }
          }
          return lines;
        });
      await pollUntil(async () => (await linesOf()).length > 1, 'the URL to wrap in a narrow panel');
      const lines = await linesOf();
      assert.equal(lines.join(''), `postgresql://${dbName}_ro:${revealedRo}@127.0.0.1:${pg.port}/${dbName}`);
      for (const line of lines.slice(0, -1)) {
        assert.match(line, /(:\/\/|[:@/])$/, `the URL wraps inside a name: ${JSON.stringify(lines)}`);
      }
      await screenshot(page, 'credentials-narrow');
    } finally {
      await page.setViewportSize({ width: 1400, height: 860 });
    }
  });

  it('regenerates the read-only password behind a confirmation; the old one is refused at once', async () => {
    const frame = webview(page);
    await frame.locator('[data-regenerate="ro"]').click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /stops working at once: Superset, Tableau, Power BI/);
    await screenshot(page, 'regenerate-confirmation');
    await dialog.locator('.monaco-button', { hasText: /^Regenerate$/ }).click();
    await frame.locator('.notice', { hasText: 'New read-only password set' }).waitFor({ timeout: 20_000 });
    const fresh = (await frame.locator('section[data-kind="ro"] code', { hasText: /^[a-hjkmnp-zA-HJ-NP-Z2-9]{16}$/ }).innerText()).trim();
    assert.notEqual(fresh, revealedRo);
    assert.equal(await canLogin(`${dbName}_ro`, revealedRo), false, 'the old password still works');
    assert.equal(await canLogin(`${dbName}_ro`, fresh), true, 'the new password does not work');
    await screenshot(page, 'credentials-regenerated');
  });

  it('adds a member: a login name that needs quoting is warned about with a plain one offered, and the user decides; Members lists them and the admin', async () => {
    // The credentials panel of the test before may take the focus late (a loaded machine) and close the picker with it.
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'OpenHEXA: Add Member');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Santé "Nord"' }).click();
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Create a new login' }).click();
    const input = page.locator('.quick-input-widget input');
    await input.fill('Marie Dupont');
    const warning = page.locator('.quick-input-widget', { hasText: '"marie_dupont" works everywhere' });
    await warning.waitFor({ timeout: 10_000 });
    assert.match(await warning.innerText(), /must be quoted in SQL and percent-encoded in connection URLs/);
    await screenshot(page, 'add-member-name-warning');
    // A warning, not a refusal: the name is kept as typed.
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Viewer' }).first().click();
    // The one time the password shows: copy it, copy what else they need (each copy brings the dialog back), then Done.
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'Login "Marie Dupont" created as Viewer' });
    await dialog.waitFor({ timeout: 20_000 });
    const buttons = await dialog.locator('.monaco-button').allInnerTexts();
    assert.deepEqual(buttons.map((b) => b.trim()).filter(Boolean).sort(), ['Copy Connection Details', 'Copy Password', 'Done']);
    await screenshot(page, 'add-member-password');
    await dialog.locator('.monaco-button', { hasText: /^Copy Connection Details$/ }).click();
    await page.locator('.monaco-dialog-box', { hasText: 'The connection details are in the clipboard' }).waitFor({ timeout: 10_000 });
    const details = String(await page.evaluate('navigator.clipboard.readText()'));
    assert.equal(details, [`Host: 127.0.0.1`, `Port: ${pg.port}`, `Database: ${dbName}`, 'Login: Marie Dupont', `URL: postgresql://Marie%20Dupont@127.0.0.1:${pg.port}/${dbName}`].join('\n'));
    await dialog.locator('.monaco-button', { hasText: /^Copy Password$/ }).click();
    await page.locator('.monaco-dialog-box', { hasText: 'The password of Marie Dupont is in the clipboard.' }).waitFor({ timeout: 10_000 });
    const password = String(await page.evaluate('navigator.clipboard.readText()'));
    assert.match(password, /^\S{12,}$/);
    assert.ok(!details.includes(password), 'the details leave the password out');
    await dialog.locator('.monaco-button', { hasText: /^Done$/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await row('Members').click();
    const you = page.locator('.pane-body .monaco-list-row').filter({ hasText: 'you, as platform admin' }).first();
    await you.waitFor({ timeout: 20_000 });
    assert.match(await you.innerText(), /^e2e_platform\s*Admin · you, as platform admin$/);
    assert.match(await row('Marie Dupont').innerText(), /Viewer/);
    await screenshot(page, 'members-list');
  });

  it('through a viewer\'s own server profile, the workspace shows "Viewer" and offers no credentials action', async () => {
    const viewer = 'e2e_viewer';
    const admin = new Client({ host: '127.0.0.1', port: pg.port, user: PLATFORM, password: PLATFORM_PASSWORD, database: CATALOG });
    await admin.connect();
    const password = await createMember(admin, workspaceSlug, viewer, 'viewer');
    await admin.end();
    fs.appendFileSync(pgpass, `127.0.0.1:${pg.port}:*:${viewer}:${password}\n`);
    // The viewer's profile, added as a user would; its password comes from the password file.
    await runCommand(page, 'OpenHEXA: Connect to a Server');
    const form = webview(page);
    await form.locator('#url input').fill(`postgresql://${viewer}@127.0.0.1:${pg.port}/${CATALOG}?sslmode=disable`);
    await form.locator('#fill').click();
    await form.locator('#label input').fill('Team (viewer)');
    await form.locator('#save').click();
    await row('Team (viewer)').click({ timeout: 30_000 });
    const ws = page.locator('.pane-body .monaco-list-row').filter({ hasText: 'Santé "Nord"' }).filter({ hasText: /Viewer/ }).first();
    await ws.waitFor({ timeout: 30_000 });
    assert.match(await ws.innerText(), /Santé "Nord"/);
    await ws.hover();
    assert.equal(await ws.locator('.action-label[aria-label="Show Database Credentials"]').count(), 0);
    await ws.click({ button: 'right' });
    // Every role gets Refresh on a workspace, so the menu always opens: what it lacks is the point.
    const menu = page.locator('.context-view .monaco-menu');
    await menu.getByText('Refresh').waitFor({ timeout: 10_000 });
    const items = await menu.innerText();
    for (const action of ['Credentials', 'Regenerate', 'Add Member', 'Delete Workspace']) {
      assert.ok(!items.includes(action), `the viewer is offered "${action}": ${items}`);
    }
    await screenshot(page, 'workspace-viewer');
    await page.keyboard.press('Escape');
  });

  it('refuses by command, before any step, what the viewer may not do: credentials, Add Member, Delete Workspace', async () => {
    const panels = await page.locator('.tab', { hasText: 'Credentials' }).count();
    const refusals: [string, string][] = [
      ['OpenHEXA: Show Database Credentials', 'None of your workspaces on Team (viewer) allows this: it needs the editor or admin role.'],
      ['OpenHEXA: Add Member', 'None of your workspaces on Team (viewer) allows this: it needs the admin role.'],
      ['OpenHEXA: Delete Workspace', 'Only platform admins delete workspaces, and your login on Team (viewer) is not one.'],
    ];
    for (const [command, refusal] of refusals) {
      await runCommand(page, command);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Team (viewer)' }).click();
      // The server is the only question: no workspace is offered, no confirmation shown.
      await page.locator('.notifications-toasts', { hasText: refusal }).waitFor({ timeout: 20_000 });
      assert.equal(await page.locator('.quick-input-widget').isVisible(), false, `${command} asked more`);
      assert.equal(await page.locator('.monaco-dialog-box').count(), 0, `${command} showed a dialog`);
    }
    await screenshot(page, 'workspace-viewer-refused-up-front');
    assert.equal(await page.locator('.tab', { hasText: 'Credentials' }).count(), panels, 'a credentials panel opened for the viewer');
  });

  it('with the server stopped, shows an error node with a retry; after a restart, retry recovers', async () => {
    await pg.cluster.stop();
    await runCommand(page, 'OpenHEXA: Refresh');
    const error = row('The server cannot be reached');
    await error.waitFor({ timeout: 30_000 });
    assert.match(await error.innerText(), /Retry/);
    await screenshot(page, 'server-down');
    await pg.cluster.start();
    // Each server has its own error node; "Retry" on each recovers it, with no window reload.
    for (let left = 2; left > 0; left--) {
      await waitForRows(page, 'The server cannot be reached', left);
      await row('The server cannot be reached').click();
    }
    await waitForRows(page, 'The server cannot be reached', 0);
    await page.locator('.pane-body .monaco-list-row').filter({ hasText: 'Santé "Nord"' }).filter({ hasText: /Viewer/ }).first().waitFor({ timeout: 30_000 });
    await page.locator('.pane-body .monaco-list-row').filter({ hasText: 'Santé "Nord"' }).filter({ hasText: /Admin/ }).first().waitFor({ timeout: 30_000 });
    assert.equal(await row('The server cannot be reached').count(), 0);
    await screenshot(page, 'server-recovered');
  });

  it('reports no Content Security Policy violation from the credentials panel', () => {
    assert.deepEqual(csp(), []);
  });
});

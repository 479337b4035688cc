import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../fixtures/postgresServer';
import type { CodeServer } from '../harness/codeServer';
import { openConnectForm, screenshot, useWorkbench } from './workbench';

const PASSWORD = "pw-e2e-'quoted'@é";

describe('connecting to a team server from the welcome view, as a new user would', () => {
  let pg: TestServer;
  let server: CodeServer;
  let page: Page;
  let csp: () => string[] = () => [];
  let form: FrameLocator;

  const settingsText = (): string => fs.readFileSync(path.join(server.userData, 'User', 'settings.json'), 'utf8');
  const input = (id: string) => form.locator(`#${id} input`);
  const errorOf = (id: string) => form.locator(`#error-${id}`);
  const status = () => form.locator('#status');

  useWorkbench(
    'failed-connect',
    async () => {
      pg = await startTestServer();
      const admin = await pg.connect();
      await admin.query(`CREATE ROLE e2e_platform LOGIN CREATEDB CREATEROLE PASSWORD '${PASSWORD.replace(/'/g, "''")}'`);
      await admin.end();
      return { stop: () => pg?.stop() };
    },
    {
      container: false,
      ready: async (w) => {
        page = w.page;
        server = w.server;
        csp = w.csp;
        form = await openConnectForm(page);
      },
    },
  );

  it('refuses a bad port and an empty host inline, and saves nothing', async () => {
    await input('port').fill('99999');
    await errorOf('port').getByText('Port must be between 1 and 65535').waitFor();
    await input('host').fill('');
    await errorOf('host').getByText('Host is required').waitFor();
    await form.locator('#save').click();
    await status().getByText('Fix the highlighted fields first.').waitFor();
    await screenshot(page, 'connect-form-invalid');
    assert.ok(!settingsText().includes('openhexa.servers'), 'a server was saved from an invalid form');
  });

  it('refuses a malformed URL inline and leaves the form as it was', async () => {
    await input('url').fill('postgresql://someone@db.example.org:99999/openhexa');
    await form.locator('#fill').click();
    await errorOf('url').getByText('This is not a valid URL', { exact: false }).waitFor();
    assert.equal(await input('port').inputValue(), '99999');
  });

  it('fills the form from a good URL and says why a wrong password fails', async () => {
    await input('url').fill(`postgresql://e2e_platform:wrong@127.0.0.1:${pg.port}/openhexa`);
    await form.locator('#fill').click();
    await status().getByText('The URL filled the form', { exact: false }).waitFor();
    assert.equal(await input('host').inputValue(), '127.0.0.1');
    assert.equal(await input('port').inputValue(), String(pg.port));
    assert.equal(await input('user').inputValue(), 'e2e_platform');
    assert.equal(await input('url').inputValue(), '', 'the URL (with its password) stays in the field');
    assert.equal(await form.locator('#sslmode').evaluate((e: { value?: string }) => e.value ?? ''), 'prefer', 'libpq\'s default mode, whose first try is TLS');
    await form.locator('#test').click();
    await status().getByText('The server refused the user name or password').waitFor({ timeout: 20_000 });
    // This server has no TLS: under prefer, libpq goes on in plain and says nothing of it; so does the form.
    assert.doesNotMatch(await status().innerText(), /SSL|TLS/);
    await screenshot(page, 'connect-form-wrong-password');
  });

  it('warns in plain words when the login is a superuser', async () => {
    await input('user').fill(pg.superuser);
    await input('password').fill(pg.password);
    await form.locator('#test').click();
    const warning = status().locator('.status-warning');
    await warning.waitFor({ timeout: 20_000 });
    assert.match(await warning.innerText(), /This login is a superuser\. Reading a workspace's data runs code its editors wrote .* previews, counts and exports nothing with this login\. Connect with a login that has CREATEDB and CREATEROLE instead/);
    await screenshot(page, 'connect-form-superuser');
    await input('user').fill('e2e_platform');
  });

  it('tests the login against the real server and tells the catalog can be initialized', async () => {
    await input('password').fill(PASSWORD);
    await form.locator('#test').click();
    await status().getByText(`as e2e_platform`, { exact: false }).waitFor({ timeout: 20_000 });
    const text = await status().innerText();
    assert.match(text, new RegExp(`Connected to PostgreSQL ${pg.version.replace('.', '\\.')}`));
    assert.match(text, /This login has the privileges to initialize it/);
    assert.equal(await status().locator('.status-warning').count(), 0, 'a login that is not a superuser was warned about');
    await screenshot(page, 'connect-form-tested');
  });

  it('offers "Initialize Server" when the catalog is missing and the login may create it, and does it', async () => {
    await form.locator('#initialize').click();
    await status().getByText('The server is initialized', { exact: false }).waitFor({ timeout: 30_000 });
    const admin = await pg.connect();
    const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'openhexa'");
    await admin.end();
    assert.equal(found.rowCount, 1);
  });

  it('saves: the server appears in the tree, the password is in no settings file', async () => {
    // The pooler box, by mouse and by keyboard, left ticked: the profile says so (a direct server works so too, only waiting longer).
    const pooler = form.locator('#pooler');
    // The toolkit's checkbox sets aria-checked after the event: wait for it, each step in turn.
    await pooler.click();
    await form.locator('#pooler[aria-checked="true"]').waitFor({ timeout: 5_000 });
    await pooler.press('Space');
    await form.locator('#pooler[aria-checked="false"]').waitFor({ timeout: 5_000 });
    await pooler.press('Space');
    await form.locator('#pooler[aria-checked="true"]').waitFor({ timeout: 5_000 });
    await input('label').fill('Équipe "santé"');
    await form.locator('#save').click();
    const node = page.locator('.pane-body .monaco-list-row', { hasText: 'Équipe "santé"' });
    await node.waitFor({ timeout: 20_000 });
    assert.match(await node.innerText(), new RegExp(`e2e_platform@127\\.0\\.0\\.1:${pg.port}`));
    const settings = settingsText();
    assert.match(settings, /"openhexa\.servers"/);
    assert.ok(!settings.includes(PASSWORD) && !settings.includes('pw-e2e'), 'the password reached settings.json');
    assert.match(settings, /"pooler": true/);
    await screenshot(page, 'server-saved');
  });

  it('reports no Content Security Policy violation from the connect form', () => {
    assert.deepEqual(csp(), []);
  });
});

// A folder you open may be hostile (issue 23, finding 5): its
// .vscode/settings.json names a server profile of its own and points
// python.envFile outside the folder. In Restricted Mode (workspace trust on,
// the folder not trusted) the extension runs, limited: the folder's profile
// is not used, and nothing writes your secrets (.env, a terminal's
// environment). Trusting the folder lifts that.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { TestServer } from '../fixtures/postgresServer';
import { startTeam } from './teamServer';
import { runCommand, screenshot, useWorkbench, waitForRows } from './workbench';
import { pollUntil } from '../harness/pollUntil';

const PLATFORM = 'e2e_rm_platform';
const PLATFORM_PASSWORD = 'platform-Pw-restricted';
const WORKSPACE = 'Sandbox Restricted';

describe("Restricted Mode: an untrusted folder's settings choose nothing, and nothing writes secrets", function () {
  this.timeout(300_000);
  let pg: TestServer;
  let page: Page;
  let folder = '';
  let outside = '';

  const row = (text: string | RegExp): Locator => page.locator('.pane-body .monaco-list-row', { hasText: text }).first();
  const toast = (text: string | RegExp): Locator => page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();

  useWorkbench(
    'failed-restricted',
    async () => {
      const team = await startTeam({ platform: PLATFORM, platformPassword: PLATFORM_PASSWORD, viewer: 'e2e_rm_viewer', workspace: WORKSPACE, catalog: 'openhexa' });
      pg = team.pg;
      const parent = fs.mkdtempSync(path.join(pg.baseDir, 'checkout-'));
      folder = path.join(parent, 'project');
      outside = path.join(parent, 'outside.env');
      fs.mkdirSync(path.join(folder, '.vscode'), { recursive: true });
      fs.writeFileSync(path.join(folder, '.env'), '# mine\nDEBUG=1\n');
      fs.writeFileSync(
        path.join(folder, '.vscode', 'settings.json'),
        JSON.stringify(
          {
            'openhexa.servers': [{ label: 'Folder says: use me', host: '127.0.0.1', port: pg.port, user: PLATFORM, sslmode: 'disable', catalogDatabase: 'openhexa' }],
            'python.envFile': '${workspaceFolder}/../outside.env',
          },
          null,
          2,
        ),
      );
      return { codeServer: { env: { PGPASSFILE: team.pgpass }, folder, trust: 'restricted' }, profiles: team.profiles.slice(0, 1), stop: () => pg.stop() };
    },
    {
      ready: (w) => {
        page = w.page;
      },
    },
  );

  it('runs in Restricted Mode and lists the servers of your settings only, not the folder\'s', async () => {
    await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).waitFor({ timeout: 30_000 });
    await row('Team (admin)').waitFor({ timeout: 60_000 });
    await row('Team (admin)').click();
    await row(WORKSPACE).waitFor({ timeout: 30_000 });
    await waitForRows(page, 'Folder says: use me', 0);
    await screenshot(page, 'restricted-mode-tree');
  });

  it('writes no .env and opens no terminal with your secrets, and says why', async () => {
    const before = fs.readFileSync(path.join(folder, '.env'), 'utf8');
    await runCommand(page, 'OpenHEXA: Write Variables to .env');
    await toast(/Write Variables to \.env is not available in Restricted Mode: the folder's settings could choose where your secrets go/).waitFor({ timeout: 20_000 });
    // Let the toast finish fading in before the picture.
    await page.waitForTimeout(800);
    await screenshot(page, 'restricted-mode-env-refused');
    await runCommand(page, 'OpenHEXA: Open Terminal with Workspace Variables');
    await toast(/Open Terminal with Workspace Variables is not available in Restricted Mode/).waitFor({ timeout: 20_000 });
    assert.equal(fs.existsSync(outside), false, 'the folder chose where secrets went');
    assert.equal(fs.readFileSync(path.join(folder, '.env'), 'utf8'), before);
    assert.equal(await page.locator('.terminal-tabs-entry, .single-terminal-tab', { hasText: 'OpenHEXA' }).count(), 0);
  });

  it('once you trust the folder, its server profile is read, and a .env it points outside the folder needs your word', async () => {
    await runCommand(page, 'Workspaces: Manage Workspace Trust');
    const trust = page.locator('.workspace-trust-editor .workspace-trust-buttons-row .monaco-button', { hasText: /^Trust$/ }).first();
    await trust.click({ timeout: 30_000 });
    await pollUntil(async () => (await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).count()) === 0, 'Restricted Mode to end', { timeout: 30_000 });
    await row('Folder says: use me').waitFor({ timeout: 60_000 });
    await screenshot(page, 'restricted-mode-trusted');

    // python.envFile points at ../outside.env: writing there asks first, naming the full path.
    await runCommand(page, 'OpenHEXA: Write Variables to .env');
    for (const label of [WORKSPACE, 'The workspace database', 'Read-only login']) {
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first().click({ timeout: 30_000 });
    }
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 30_000 });
    assert.match(await dialog.innerText(), new RegExp(`Write the variables of "${WORKSPACE}" to .*outside\\.env\\?[\\s\\S]*is outside the folder "project" \\(the setting python\\.envFile points there\\)`));
    await screenshot(page, 'env-outside-folder-confirm');
    await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await page.waitForTimeout(500);
    assert.equal(fs.existsSync(outside), false, 'written outside the folder without a yes');
  });
});

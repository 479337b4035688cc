import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { buildVsix, ensureHarness, launchBrowser, startCodeServer, type CodeServer } from '../harness/codeServer';
import { openContainer, openWorkbench, screenshot } from './workbench';

for (const { locale, container, welcome, button } of [
  { locale: 'en', container: 'OpenHEXA', welcome: 'No PostgreSQL server is set up yet.', button: 'Connect to a Server' },
  { locale: 'fr', container: 'OpenHEXA', welcome: "Aucun serveur PostgreSQL n'est encore configuré.", button: 'Se connecter à un serveur' },
]) {
  describe(`the OpenHEXA container in a real VS Code workbench (display language ${locale})`, () => {
    let server: CodeServer;
    let browser: Browser;
    let page: Page;

    before(async () => {
      ensureHarness();
      server = await startCodeServer({ vsixes: [buildVsix()], locale });
      browser = await launchBrowser();
      page = await openWorkbench(browser, server.url);
    });

    after(async () => {
      await browser?.close();
      await server?.stop();
    });

    it('opens from the activity bar and shows the welcome view of a new user', async () => {
      await openContainer(page, container);
      const view = page.locator('.pane-body .welcome-view-content');
      await view.getByText(welcome).waitFor({ timeout: 30_000 });
      await view.getByRole('button', { name: button }).waitFor();
      const file = await screenshot(page, `welcome-view-${locale}`);
      assert.ok(fs.statSync(file).size > 10_000, 'the screenshot is a real picture');
    });
  });
}

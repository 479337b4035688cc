// Page helpers for driving the VS Code workbench (1.100 web) in Chromium.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
import { ARTIFACTS, buildVsix, ensureHarness, launchBrowser, startCodeServer, type CodeServer, type CodeServerOptions } from '../harness/codeServer';

export const SCREENSHOTS = path.join(ARTIFACTS, 'screenshots');

export async function openWorkbench(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
  // The activity bar is drawn once extensions' contributions are known.
  await page.waitForSelector('.activitybar', { timeout: 60_000 });
  return page;
}

/** The workbench in a browser context that may use the clipboard (copy buttons are checked by reading it back). */
export async function openWorkbenchWithClipboard(browser: Browser, url: string, viewport = { width: 1400, height: 860 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
  return page;
}

/** Server profiles in the user settings, as a user would write them (read when the extension starts). */
export function writeServerProfiles(userData: string, servers: readonly object[]): void {
  const file = path.join(userData, 'User', 'settings.json');
  const current = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  fs.writeFileSync(file, JSON.stringify({ ...current, 'openhexa.servers': servers }, null, 2));
}

export async function openContainer(page: Page, title: string): Promise<void> {
  const entry = page.locator(`.activitybar a.action-label[aria-label^="${title}"]`);
  await entry.waitFor({ timeout: 60_000 });
  // The entry toggles its container, and a reloaded window restores it on its own: check, then click.
  const shown = page.locator('.part.sidebar .composite.title', { hasText: new RegExp(title, 'i') });
  // A restored window may be showing it already, or about to: give it that chance before toggling.
  if (await shown.waitFor({ timeout: 3_000 }).then(() => true, () => false)) {
    return;
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    await entry.click();
    if (await shown.waitFor({ timeout: 5_000 }).then(() => true, () => false)) {
      return;
    }
  }
  await shown.waitFor({ timeout: 10_000 });
}

/** Waits until the Workspaces view shows exactly `count` rows holding `text`. */
export async function waitForRows(page: Page, text: string, count: number, timeout = 30_000): Promise<void> {
  // Runs in the page (this file is compiled without DOM types): a string expression.
  const rows = `[...document.querySelectorAll('.pane-body .monaco-list-row')].filter((row) => row.textContent.includes(${JSON.stringify(text)})).length`;
  await page.waitForFunction(`${rows} === ${count}`, undefined, { timeout });
}

export async function runCommand(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  // A webview that takes focus as it loads (a walkthrough step's page) closes the palette under
  // the test's hands: a clean-clone run saw it. Open it again then, twice at most.
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press('F1');
      // A focused webview (a preview's grid, a walkthrough page) keeps F1 to itself, and clicking the
      // status bar does not take focus from it: then open the palette from the command center.
      if (!(await input.waitFor({ timeout: 2000 }).then(() => true, () => false))) {
        await page.locator('.command-center .command-center-center').click();
        await input.waitFor({ timeout: 5000 });
      }
      await input.fill(`>${title}`, { timeout: 5000 });
      // The row itself, once the list shows it: Enter could run a row of the list before it was filtered.
      await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().click({ timeout: 10_000 });
      return;
    } catch (err) {
      if (attempt >= 3) {
        throw err;
      }
      await page.keyboard.press('Escape');
    }
  }
}

/** The content frame of the active webview panel. */
/** The welcome view's Connect to a Server, and its form once it shows. */
export async function openConnectForm(page: Page): Promise<FrameLocator> {
  await openContainer(page, 'OpenHEXA');
  await page.locator('.welcome-view-content').getByRole('button', { name: 'Connect to a Server' }).click();
  const form = webview(page);
  await form.locator('h1', { hasText: 'Connect to a Server' }).waitFor({ timeout: 30_000 });
  return form;
}

export function webview(page: Page): FrameLocator {
  // Hidden panels keep their iframe (retainContextWhenHidden): take the visible one.
  return page.frameLocator('iframe.webview.ready:visible').frameLocator('iframe#active-frame');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  // Park the pointer so no hover tooltip covers the picture.
  await page.mouse.move(900, 700);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** The extension's own log (the OpenHEXA output channel) from a code-server profile, for failure reports. */
export function extensionLog(userData: string): string {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (entry.name.endsWith('OpenHEXA.log')) {
        found.push(full);
      }
    }
  };
  try {
    walk(path.join(userData, 'logs'));
  } catch {
    return '';
  }
  return found.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
}

/** Keeps a picture of the workbench when a test of the calling suite fails. */
export function screenshotFailures(page: () => Page | undefined, prefix = 'failed'): void {
  afterEach(async function () {
    const current = page();
    if (this.currentTest?.state === 'failed' && current) {
      await screenshot(current, `${prefix}-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
    }
  });
}

/** Content Security Policy violations the page and its webviews report from now on (read it at the end). */
export function cspViolations(page: Page): () => string[] {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) {
      seen.push(message.text());
    }
  });
  return () => seen;
}

/** Opens an item's context menu with a right click. */
export async function contextMenu(page: Page, item: Locator): Promise<Locator> {
  const menu = page.locator('.context-view .monaco-menu');
  for (let attempt = 1; ; attempt++) {
    await item.click({ button: 'right' });
    await menu.waitFor();
    // A tree that re-renders under the pointer (a refresh) puts another row there: the menu must be this row's,
    // which the list focuses. A clean-clone CI run opened the Database row's menu for its workspace's.
    if (attempt >= 3 || (await item.evaluate((el) => el.classList.contains('focused')).catch(() => false))) {
      return menu;
    }
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden', timeout: 5000 });
  }
}

/** Runs a context menu's action as a user does: the pointer on it, then a click. */
export async function choose(menu: Locator, label: string): Promise<void> {
  const entry = menu.getByRole('menuitem', { name: label });
  await entry.hover();
  await entry.click();
  await menu.waitFor({ state: 'hidden', timeout: 5000 });
}

/** What a suite's workbench is started with: code-server's options (the extension's .vsix is added), the profiles in its settings, and what to stop after. */
export interface WorkbenchSetup {
  readonly codeServer?: CodeServerOptions;
  readonly profiles?: readonly object[];
  /** Run after the browser and code-server are stopped (the suite's PostgreSQL, its folders). */
  readonly stop?: () => Promise<unknown> | unknown;
}

export interface Workbench {
  readonly page: Page;
  readonly server: CodeServer;
  /** The Content Security Policy violations reported so far. */
  csp(): string[];
}

/**
 * The set-up every workbench suite shares, as mocha hooks: `prepare` makes
 * the suite's servers and folders, then code-server starts with the
 * extension, the browser opens the workbench (with clipboard access when
 * asked) and the OpenHEXA container; a failing test leaves a screenshot, and
 * everything is stopped after. `ready` gets the started workbench.
 */
export function useWorkbench(
  failures: string,
  prepare: () => Promise<WorkbenchSetup>,
  options: { clipboard?: boolean; viewport?: { width: number; height: number }; container?: boolean; ready?: (workbench: Workbench) => Promise<void> | void } = {},
): void {
  let browser: Browser | undefined;
  let server: CodeServer | undefined;
  let page: Page | undefined;
  let stop: WorkbenchSetup['stop'];
  before(async () => {
    ensureHarness();
    const setup = await prepare();
    stop = setup.stop;
    server = await startCodeServer({ ...setup.codeServer, vsixes: setup.codeServer?.vsixes ?? [buildVsix()] });
    if (setup.profiles) {
      writeServerProfiles(server.userData, setup.profiles);
    }
    browser = await launchBrowser();
    page = options.clipboard ? await openWorkbenchWithClipboard(browser, server.url, options.viewport) : await openWorkbench(browser, server.url);
    const csp = cspViolations(page);
    if (options.container !== false) {
      await openContainer(page, 'OpenHEXA');
    }
    await options.ready?.({ page, server, csp });
  });
  screenshotFailures(() => page, failures);
  after(async () => {
    await browser?.close();
    await server?.stop();
    await stop?.();
  });
}

// A real VS Code (code-server 4.100 = VS Code 1.100) on 127.0.0.1 with given
// extensions installed, in throw-away profile folders; and a Chromium to look at it.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { freeLoopbackPort } from '../../src/localServer/freePort';
import { onCleanup, ownedTempDir } from './processes';
import { pollUntil } from './pollUntil';

export const ROOT = resolve(__dirname, '..', '..', '..');
const HARNESS = join(ROOT, 'scripts', 'harness');
export const CODE_SERVER = join(HARNESS, 'node_modules', '.bin', 'code-server');
export const CHROMIUM = process.env.OPENHEXA_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = join(ROOT, '.test-artifacts');

/** Installs code-server (and, as root, its system packages) on first use. */
export function ensureHarness(): void {
  const result = spawnSync('bash', [join(HARNESS, 'install.sh')], { stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error('The code-server harness could not be installed (see above).');
  }
}

export function vsixPath(target?: string): string {
  const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  return join(ROOT, target ? `${name}-${target}-${version}.vsix` : `${name}-${version}.vsix`);
}

/** `npm run package` (universal, or for one target such as linux-x64), once per run. */
const built = new Map<string, string>();
export function buildVsix(target?: string): string {
  const key = target ?? 'universal';
  if (!built.has(key)) {
    const args = [join(ROOT, 'scripts', 'package.mjs'), ...(target ? [`--target=${target}`] : [])];
    const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) {
      throw new Error('npm run package failed');
    }
    built.set(key, vsixPath(target));
  }
  return built.get(key)!;
}

export function thisPlatformTarget(): string {
  return `${process.platform}-${process.arch}`;
}

async function waitForHttp(url: string, timeoutMs: number, exited: () => number | null): Promise<void> {
  await pollUntil(
    async () => {
      const code = exited();
      if (code !== null) {
        throw new Error(`code-server exited (code ${code}) before it served ${url}`);
      }
      return (await fetch(url).catch(() => undefined))?.ok;
    },
    `code-server to answer at ${url}`,
    { timeout: timeoutMs, every: 250 },
  );
}

const LANGUAGE_PACK_FIXTURE = join(ROOT, 'test', 'fixtures', 'language-pack-fr');

function vsce(cwd: string, out: string): void {
  const r = spawnSync(join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', out], { cwd, encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`vsce package failed in ${cwd}:\n${r.stdout}${r.stderr}`);
  }
}

/** Packages a test-only extension folder (host test runner, language pack) into .test-artifacts. */
export function packageTestExtension(folder: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  const out = join(ARTIFACTS, `${basename(folder)}.vsix`);
  vsce(folder, out);
  return out;
}

/**
 * Makes French the display language offline. Microsoft's language pack cannot
 * be downloaded here, so a test-only pack (no translation of VS Code itself)
 * is installed, and languagepacks.json is written as VS Code writes it when a
 * pack is installed through the UI, so the server resolves the locale at start.
 */
function installFrenchDisplayLanguage(common: string[], userData: string, extensions: string): void {
  installVsix(common, packageTestExtension(LANGUAGE_PACK_FIXTURE));
  const manifest = JSON.parse(readFileSync(join(LANGUAGE_PACK_FIXTURE, 'package.json'), 'utf8')) as { name: string; publisher: string; version: string };
  const id = `${manifest.publisher}.${manifest.name}`;
  const installed = join(extensions, `${id}-${manifest.version}`);
  const hash = createHash('md5').update(id).update(manifest.version).digest('hex');
  const packs = {
    fr: {
      hash,
      extensions: [{ extensionIdentifier: { id }, version: manifest.version }],
      translations: { vscode: join(installed, 'translations', 'main.i18n.json') },
      label: 'Français',
    },
  };
  writeFileSync(join(userData, 'languagepacks.json'), JSON.stringify(packs));
}

function installVsix(common: string[], vsix: string): void {
  const r = spawnSync(CODE_SERVER, [...common, '--install-extension', vsix], { encoding: 'utf8' });
  if (r.status !== 0 || !/successfully installed/.test(r.stdout + r.stderr)) {
    throw new Error(`code-server refused to install ${vsix}:\n${r.stdout}${r.stderr}`);
  }
}

export interface CodeServerOptions {
  vsixes?: string[];
  /** Folder to open; a fresh empty one by default. */
  folder?: string;
  /** Display language: "en" (default) or "fr". */
  locale?: string;
  /** Extra variables for code-server and so its extension host. */
  env?: Record<string, string>;
  /** User settings.json entries. */
  settings?: Record<string, unknown>;
  /** Port on 127.0.0.1; a free one by default. */
  port?: number;
  /** Workspace trust: off (every folder trusted, the default), or on with the folder opened in Restricted Mode. */
  trust?: 'off' | 'restricted';
}

export interface CodeServer {
  readonly url: string;
  readonly folder: string;
  readonly userData: string;
  readonly tempDir: string;
  readonly pid: number;
  readonly logFile: string;
  stop(): Promise<void>;
}

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  const temp = ownedTempDir('openhexa-cs-');
  const userData = join(temp.dir, 'user-data');
  const extensions = join(temp.dir, 'extensions');
  const folder = options.folder ?? join(temp.dir, 'workspace');
  const logFile = join(temp.dir, 'code-server.log');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(folder, { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    // The extension opens its walkthrough on its first run; a suite that looks at it asks for it.
    'openhexa.walkthrough.openOnFirstRun': false,
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'telemetry.telemetryLevel': 'off',
    'security.workspace.trust.enabled': options.trust === 'restricted',
    // No prompt: a folder nobody trusted opens in Restricted Mode.
    ...(options.trust === 'restricted' ? { 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'always' } : {}),
    'chat.disableAIFeatures': true,
    ...options.settings,
  };
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  const common = ['--user-data-dir', userData, '--extensions-dir', extensions];
  try {
    for (const vsix of options.vsixes ?? []) {
      installVsix(common, vsix);
    }
    if (options.locale === 'fr') {
      installFrenchDisplayLanguage(common, userData, extensions);
    } else if (options.locale && options.locale !== 'en') {
      throw new Error(`No display language fixture for "${options.locale}"`);
    }
  } catch (err) {
    temp.release();
    throw err;
  }
  const port = options.port ?? (await freeLoopbackPort());
  const args = [
    ...common,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.trust === 'restricted' ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    ...(options.locale ? ['--locale', options.locale] : []),
    folder,
  ];
  // Its own process group, so that stopping it ends every process it started.
  const child = spawn(CODE_SERVER, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, OPENHEXA_TEST_USER_DATA: userData, ...options.env } });
  temp.adopt(child.pid!, { group: true });
  const log = createWriteStream(logFile);
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const url = `http://127.0.0.1:${port}/`;
  const stop = async (): Promise<void> => {
    temp.release();
  };
  try {
    await waitForHttp(`${url}healthz`, 60_000, () => child.exitCode);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, folder, userData, tempDir: temp.dir, pid: child.pid!, logFile, stop };
}

/** Debian's Chromium driven by playwright-core (never a browser download). */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: run "apt-get install -y chromium" (or set OPENHEXA_CHROMIUM).`);
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    // Playwright hides scroll bars by default; users see them, so screenshots show them too.
    ignoreDefaultArgs: ['--hide-scrollbars'],
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const forget = onCleanup(() => browser.close());
  browser.on('disconnected', forget);
  return browser;
}

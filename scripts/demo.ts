// npm run demo: the extension (this platform's build, with its PostgreSQL) in
// a real VS Code, with the local server and its Sandbox of sample data.
// Desktop VS Code (`code`) when it is installed and a display is available;
// otherwise code-server in the browser on 127.0.0.1.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildVsix, ensureHarness, startCodeServer, thisPlatformTarget } from '../test/harness/codeServer';
import { onCleanup, onInterruptSay, ownedTempDir } from '../test/harness/processes';
import { stopPostmaster } from '../src/localServer/localServer';

function hasDesktopCode(): boolean {
  const display = process.env.DISPLAY ?? process.env.WAYLAND_DISPLAY;
  return Boolean(display) && process.env.OPENHEXA_DEMO_BROWSER !== '1' && spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Every file under a folder, relative to it. */
function filesIn(folder: string): string[] {
  if (!fs.existsSync(folder)) {
    return [];
  }
  return fs
    .readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** What Ctrl-C says: what stops, what goes, and where the user's own files stay (and which of them hold secrets). */
function goodbye(folder: string, before: readonly string[]): string {
  const added = filesIn(folder).filter((file) => !before.includes(file));
  const kept = added.length === 0 ? `Nothing was saved in ${folder}.` : `Kept what you saved in ${folder}:\n${added.map((file) => `  ${file}`).join('\n')}`;
  const secrets = added.filter((file) => path.basename(file) === '.env');
  const warning = secrets.length === 0 ? '' : `\n${secrets.map((file) => path.join(folder, file)).join(', ')} holds the Sandbox's passwords (and any connection's secrets): delete it if you do not need it.`;
  return `stopping the local PostgreSQL server (fast shutdown), then VS Code; deleting the Sandbox's data.\n${kept}${warning}`;
}

/** Seconds since `start`, for the console. */
const since = (start: number): string => `${((Date.now() - start) / 1000).toFixed(0)} s`;

async function main(): Promise<void> {
  const locale = process.env.OPENHEXA_DEMO_LOCALE;
  console.log('Building the extension for this computer: the first time takes a minute or two (the .vsix carries its own PostgreSQL, and code-server is unpacked once); later starts reuse both.');
  let start = Date.now();
  const vsix = buildVsix(thisPlatformTarget());
  console.log(`Built ${path.basename(vsix)} in ${since(start)}.`);
  if (hasDesktopCode()) {
    console.log(`Opening desktop VS Code with ${vsix} installed.`);
    console.log('In the OpenHEXA view, click "Start a Local Server": the Sandbox and its sample tables appear in seconds.');
    console.log('The Getting Started walkthrough opens on the first run; later, OpenHEXA: Get Started in the Command Palette (Ctrl+Shift+P).');
    spawnSync('code', ['--install-extension', vsix, '--force'], { stdio: 'inherit' });
    spawnSync('code', ['--new-window', ...(locale ? ['--locale', locale] : [])], { stdio: 'inherit' });
    return;
  }
  start = Date.now();
  ensureHarness();
  // The folder VS Code opens outlives the demo: exports and notebooks saved
  // there (the save dialogs' default) are the user's. The server's data and
  // VS Code's profile are the demo's own and go with it.
  const folder = path.resolve(process.env.OPENHEXA_DEMO_FOLDER ?? path.join(os.homedir(), 'openhexa-demo'));
  fs.mkdirSync(folder, { recursive: true });
  const before = filesIn(folder);
  onInterruptSay(() => goodbye(folder, before));
  const data = ownedTempDir('openhexa-demo-');
  fs.chmodSync(data.dir, 0o755);
  const serverFolder = path.join(data.dir, 'local-server');
  // A fast shutdown before the kill that ends VS Code next, so that no shared memory is left behind.
  onCleanup(() => stopPostmaster(path.join(serverFolder, 'data'), 4_000));
  const port = process.env.OPENHEXA_DEMO_PORT;
  const server = await startCodeServer({
    vsixes: [vsix],
    folder,
    settings: {
      'openhexa.localServer.startOnLaunch': true,
      'openhexa.walkthrough.openOnFirstRun': true,
      'openhexa.localServer.folder': serverFolder,
    },
    // French (the language pack the tests use): OPENHEXA_DEMO_LOCALE=fr.
    ...(locale ? { locale } : {}),
    ...(port ? { port: Number(port) } : {}),
  });
  console.log(`\nVS Code (code-server) is ready after ${since(start)}: open ${server.url} in a browser on this machine.`);
  console.log('The Getting Started walkthrough opens beside it; later, OpenHEXA: Get Started in the Command Palette (F1).');
  console.log('The local PostgreSQL server starts with it, with a Sandbox workspace of sample data (OpenHEXA in the activity bar).');
  console.log(`It opens the folder ${folder}: what you save there (exports, notebooks) stays after the demo.`);
  console.log("Press Ctrl-C to stop VS Code and PostgreSQL; the Sandbox's data goes with them.\n");
  await new Promise(() => undefined);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

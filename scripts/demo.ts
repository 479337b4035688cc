// npm run demo: the extension (this platform's build, with its PostgreSQL) in
// a real VS Code, with the local server and its Sandbox of sample data.
// Desktop VS Code (`code`) when it is installed and a display is available;
// otherwise code-server in the browser on 127.0.0.1.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildVsix, ensureHarness, startCodeServer, thisPlatformTarget } from '../test/harness/codeServer';
import { onInterruptSay, ownedTempDir } from '../test/harness/processes';

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

/** What Ctrl-C says: what stops, what goes, and where the user's own files stay. */
function goodbye(folder: string, before: readonly string[]): string {
  const added = filesIn(folder).filter((file) => !before.includes(file));
  const kept = added.length === 0 ? `Nothing was saved in ${folder}.` : `Kept what you saved in ${folder}:\n${added.map((file) => `  ${file}`).join('\n')}`;
  return `stopping VS Code and the local PostgreSQL server, deleting the Sandbox's data.\n${kept}`;
}

async function main(): Promise<void> {
  const vsix = buildVsix(thisPlatformTarget());
  if (hasDesktopCode()) {
    console.log(`Opening desktop VS Code with ${vsix} installed.`);
    console.log('In the OpenHEXA view, click "Start a Local Server": the Sandbox and its sample tables appear in seconds.');
    spawnSync('code', ['--install-extension', vsix, '--force'], { stdio: 'inherit' });
    spawnSync('code', ['--new-window'], { stdio: 'inherit' });
    return;
  }
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
  const port = process.env.OPENHEXA_DEMO_PORT;
  const server = await startCodeServer({
    vsixes: [vsix],
    folder,
    settings: {
      'openhexa.localServer.startOnLaunch': true,
      'openhexa.localServer.folder': path.join(data.dir, 'local-server'),
    },
    ...(port ? { port: Number(port) } : {}),
  });
  console.log(`\nVS Code (code-server) is ready: open ${server.url} in a browser on this machine.`);
  console.log('The local PostgreSQL server starts with it, with a Sandbox workspace of sample data (OpenHEXA in the activity bar).');
  console.log(`It opens the folder ${folder}: what you save there (exports, notebooks) stays after the demo.`);
  console.log("Press Ctrl-C to stop VS Code and PostgreSQL; the Sandbox's data goes with them.\n");
  await new Promise(() => undefined);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

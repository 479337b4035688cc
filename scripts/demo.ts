// npm run demo: the extension (this platform's build, with its PostgreSQL) in
// a real VS Code, with the local server and its Sandbox of sample data.
// Desktop VS Code (`code`) when it is installed and a display is available;
// otherwise code-server in the browser on 127.0.0.1.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildVsix, ensureHarness, startCodeServer, thisPlatformTarget } from '../test/harness/codeServer';
import { ownedTempDir } from '../test/harness/processes';

function hasDesktopCode(): boolean {
  const display = process.env.DISPLAY ?? process.env.WAYLAND_DISPLAY;
  return Boolean(display) && process.env.OPENHEXA_DEMO_BROWSER !== '1' && spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
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
  // The local server's data lives with the demo and goes when it ends.
  const data = ownedTempDir('openhexa-demo-');
  fs.chmodSync(data.dir, 0o755);
  const port = process.env.OPENHEXA_DEMO_PORT;
  const server = await startCodeServer({
    vsixes: [vsix],
    settings: {
      'openhexa.localServer.startOnLaunch': true,
      'openhexa.localServer.folder': path.join(data.dir, 'local-server'),
    },
    ...(port ? { port: Number(port) } : {}),
  });
  console.log(`\nVS Code (code-server) is ready: open ${server.url} in a browser on this machine.`);
  console.log('The local PostgreSQL server starts with it, with a Sandbox workspace of sample data (OpenHEXA in the activity bar).');
  console.log('Press Ctrl-C to stop VS Code and PostgreSQL; nothing is left behind.\n');
  await new Promise(() => undefined);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

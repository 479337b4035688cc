// npm run demo: the extension in a real VS Code, next to a real PostgreSQL
// with a login to connect with. Desktop VS Code (`code`) when it is installed
// and a display is available; otherwise code-server in the browser on 127.0.0.1.
import { spawnSync } from 'node:child_process';
import { startTestServer } from '../test/fixtures/postgresServer';
import { buildVsix, ensureHarness, ROOT, startCodeServer } from '../test/harness/codeServer';

const DEMO_USER = 'demo_platform';
const DEMO_PASSWORD = 'demo-password';

function hasDesktopCode(): boolean {
  const display = process.env.DISPLAY ?? process.env.WAYLAND_DISPLAY;
  return Boolean(display) && spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0 && process.env.OPENHEXA_DEMO_BROWSER !== '1';
}

async function main(): Promise<void> {
  const pg = await startTestServer();
  const admin = await pg.connect();
  await admin.query(`CREATE ROLE ${DEMO_USER} LOGIN CREATEDB CREATEROLE PASSWORD '${DEMO_PASSWORD}'`);
  await admin.end();
  const url = `postgresql://${DEMO_USER}:${DEMO_PASSWORD}@127.0.0.1:${pg.port}/openhexa`;

  const lines = [
    '',
    `PostgreSQL ${pg.version} is running on 127.0.0.1:${pg.port} for this demo.`,
    `In the OpenHEXA view, choose "Connect to a Server" and paste: ${url}`,
  ];
  if (hasDesktopCode()) {
    const vsix = buildVsix();
    console.log(lines.join('\n'));
    console.log(`Opening desktop VS Code with ${vsix} installed. Close it (or press Ctrl-C here) to end the demo.\n`);
    spawnSync('code', ['--install-extension', vsix, '--force'], { stdio: 'inherit' });
    spawnSync('code', ['--wait', '--new-window', ROOT], { stdio: 'inherit' });
  } else {
    ensureHarness();
    const port = process.env.OPENHEXA_DEMO_PORT;
    const server = await startCodeServer({ vsixes: [buildVsix()], ...(port ? { port: Number(port) } : {}) });
    console.log(lines.join('\n'));
    console.log(`\nVS Code (code-server) is ready: open ${server.url} in a browser on this machine.`);
    console.log('Press Ctrl-C to stop VS Code and PostgreSQL; nothing is left behind.\n');
    await new Promise(() => undefined);
  }
  await pg.stop();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

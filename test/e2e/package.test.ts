import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { buildVsix, ensureHarness, ROOT, startCodeServer, vsixPath } from '../harness/codeServer';
import { zipEntries, zipRead } from '../harness/zipEntries';

describe('npm run package', () => {
  let vsix: string;
  let entries: string[];
  before(() => {
    vsix = buildVsix();
    entries = zipEntries(vsix);
  });

  it('makes a .vsix under 5 MB', () => {
    const size = fs.statSync(vsix).size;
    assert.ok(size < 5 * 1024 * 1024, `${size} bytes`);
  });

  it('holds only what runs: no sources, tests, maps or node_modules', () => {
    const stray = entries.filter((e) => /^extension\/(src|test|webview|scripts|bench)\//.test(e) || /(^|\/)node_modules\//.test(e) || /\.(ts|map)$/.test(e));
    assert.deepEqual(stray, []);
  });

  it('holds the bundles, the French translations, the icon, the licence and the changelog', () => {
    for (const expected of [
      'extension/dist/extension.js',
      'extension/dist/webview/connectServer.js',
      'extension/package.nls.fr.json',
      'extension/l10n/bundle.l10n.fr.json',
      'extension/media/icon.png',
      'extension/LICENSE.txt',
      'extension/changelog.md',
    ]) {
      assert.ok(entries.includes(expected), `${expected} missing from ${entries.join(', ')}`);
    }
  });

  it('bundles pg into the extension (no runtime dependency to install), in files of their own that load on first use', () => {
    for (const driver of ['pg', 'pg-copy-streams']) {
      assert.ok(entries.includes(`extension/dist/${driver}.js`), `dist/${driver}.js missing`);
    }
    const driver = fs.readFileSync(require.resolve('../../../dist/pg.js'), 'utf8');
    assert.match(driver, /client_encoding/);
    const bundle = fs.readFileSync(require.resolve('../../../dist/extension.js'), 'utf8');
    assert.match(bundle, /require\("\.\/pg\.js"\)/);
    assert.doesNotMatch(bundle, /client_encoding/);
  });

  it('makes a platform .vsix for each of the five targets, each with only its own PostgreSQL', function () {
    this.timeout(600_000);
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'package.mjs'), '--target=all'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    for (const target of ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64']) {
      const file = vsixPath(target);
      const names = zipEntries(file);
      const manifest = zipRead(file, 'extension.vsixmanifest').toString('utf8');
      assert.ok(manifest.includes(`TargetPlatform="${target}"`), `${target}: no TargetPlatform in the manifest`);
      const server = target.startsWith('win32') ? 'extension/postgres/bin/postgres.exe' : 'extension/postgres/bin/postgres';
      assert.ok(names.includes(server), `${target}: ${server} missing`);
      assert.ok(!names.some((n) => /node_modules|\.a$/.test(n)), `${target}: stray files`);
    }
  });

  it('is accepted by code-server --install-extension', async () => {
    ensureHarness();
    const server = await startCodeServer({ vsixes: [vsix] });
    await server.stop();
  });
});

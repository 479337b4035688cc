// The PostgreSQL installation mirrored next to the data as root: hard links, not copies, and its symbolic links kept.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { linkTree } from '../../src/localServer/linkTree';

describe('mirroring the PostgreSQL installation (linkTree)', () => {
  it('hard-links every file (no bytes copied), keeps modes and relative symbolic links, and makes the folders', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openhexa-linktree-'));
    try {
      const from = path.join(dir, 'install');
      fs.mkdirSync(path.join(from, 'bin'), { recursive: true });
      fs.mkdirSync(path.join(from, 'lib', 'postgresql'), { recursive: true });
      fs.writeFileSync(path.join(from, 'bin', 'postgres'), '#!/bin/sh\n', { mode: 0o755 });
      fs.writeFileSync(path.join(from, 'lib', 'libpq.so.5.18'), 'lib');
      fs.symlinkSync('libpq.so.5.18', path.join(from, 'lib', 'libpq.so.5'));
      fs.writeFileSync(path.join(from, 'lib', 'postgresql', 'plpgsql.so'), 'pl');
      const to = path.join(dir, 'runtime');
      linkTree(from, to);
      assert.equal(fs.statSync(path.join(to, 'bin', 'postgres')).ino, fs.statSync(path.join(from, 'bin', 'postgres')).ino);
      assert.equal(fs.statSync(path.join(to, 'bin', 'postgres')).mode & 0o777, 0o755);
      assert.equal(fs.readlinkSync(path.join(to, 'lib', 'libpq.so.5')), 'libpq.so.5.18');
      assert.equal(fs.readFileSync(path.join(to, 'lib', 'libpq.so.5'), 'utf8'), 'lib');
      assert.equal(fs.readFileSync(path.join(to, 'lib', 'postgresql', 'plpgsql.so'), 'utf8'), 'pl');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

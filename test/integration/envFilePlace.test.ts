// A folder's settings choose python.envFile, and a folder's .env may be a
// symbolic link (issue 23, finding 5): where writing would really go, and
// whether the user must confirm it. Real files and links in a temp folder.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveEnvFile } from '../../src/core/notebooks/envFilePath';
import { envFilePlace } from '../../src/files/envFilePlace';

describe('where .env would be written (finding 5)', () => {
  let root: string;
  let folder: string;
  let home: string;
  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'openhexa-envplace-')));
    folder = path.join(root, 'project');
    home = path.join(root, 'home');
    fs.mkdirSync(path.join(folder, 'sub'), { recursive: true });
    fs.mkdirSync(path.join(home, '.ssh'), { recursive: true });
    fs.writeFileSync(path.join(home, '.ssh', 'id_ed25519'), '-----BEGIN OPENSSH PRIVATE KEY-----\n');
    fs.writeFileSync(path.join(home, '.bashrc'), 'export X=1\n');
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const place = async (setting: string): Promise<{ real: string; why?: string }> => {
    const resolved = resolveEnvFile(setting, folder, home);
    assert.ok('file' in resolved);
    return envFilePlace(resolved.file, folder);
  };

  it('inside the folder, as a file or not yet written: nothing to confirm', async () => {
    assert.deepEqual(await place(''), { real: path.join(folder, '.env') });
    assert.deepEqual(await place('${workspaceFolder}/sub/.env'), { real: path.join(folder, 'sub', '.env') });
  });

  it('outside the folder (~/.bashrc, ../outside.env): to be confirmed, with the real path', async () => {
    assert.deepEqual(await place('~/.bashrc'), { real: path.join(home, '.bashrc'), why: 'outside' });
    assert.deepEqual(await place('${workspaceFolder}/../../outside.env'), { real: path.join(path.dirname(root), 'outside.env'), why: 'outside' });
  });

  it('a .env that is a symbolic link (to a private key), or a folder that links outside: to be confirmed', async () => {
    fs.symlinkSync(path.join(home, '.ssh', 'id_ed25519'), path.join(folder, '.env'));
    assert.deepEqual(await place(''), { real: path.join(home, '.ssh', 'id_ed25519'), why: 'link' });
    fs.rmSync(path.join(folder, '.env'));
    fs.symlinkSync(home, path.join(folder, 'linked'));
    assert.deepEqual(await place('${workspaceFolder}/linked/.bashrc'), { real: path.join(home, '.bashrc'), why: 'outside' });
  });
});

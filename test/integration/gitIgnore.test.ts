// git check-ignore reads the folder's .git/config, whose core.fsmonitor
// names a program git runs (issue 23, finding 8): a folder you open would
// run it when the product asks whether .env is ignored. With real git.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { addToGitignore, gitIgnores } from '../../src/files/gitIgnore';

describe("git, asked whether .env is ignored, runs nothing of the folder's (finding 8)", () => {
  let folder: string;
  let marker: string;
  before(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'openhexa-git-'));
    marker = path.join(folder, 'fsmonitor-ran');
    execFileSync('git', ['init', '-q'], { cwd: folder });
    const monitor = path.join(folder, 'monitor.sh');
    fs.writeFileSync(monitor, `#!/bin/sh\ntouch ${JSON.stringify(marker)}\n`, { mode: 0o755 });
    execFileSync('git', ['config', 'core.fsmonitor', monitor], { cwd: folder });
    fs.writeFileSync(path.join(folder, '.env'), 'A=1\n');
  });
  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('check-ignore and Add to .gitignore work, and the fsmonitor program never runs', async () => {
    // The harness sees the hook run when git is asked plainly.
    execFileSync('git', ['status', '--porcelain'], { cwd: folder });
    assert.ok(fs.existsSync(marker), 'git did not run core.fsmonitor: the test could not see it');
    fs.rmSync(marker);
    assert.equal(await gitIgnores(path.join(folder, '.env')), false);
    assert.equal(await addToGitignore(path.join(folder, '.env')), true);
    assert.equal(await gitIgnores(path.join(folder, '.env')), true);
    assert.equal(fs.existsSync(marker), false, "the folder's fsmonitor ran");
  });
});

import * as assert from 'node:assert/strict';
import { once } from 'node:events';
import * as fs from 'node:fs';
import { ensureHarness } from '../harness/codeServer';
import { gone, groupMembers, hold, killHolder, stopHeld } from '../harness/heldProcess';
import { sweep } from '../harness/processes';
import { cameTrue } from '../harness/pollUntil';

function groupEmpty(pgid: number, timeoutMs = 15_000): Promise<boolean> {
  return cameTrue(() => groupMembers(pgid).length === 0, { timeout: timeoutMs });
}

describe('an interrupted run leaves no code-server and no temp folder behind', function () {
  this.timeout(120_000);
  before(ensureHarness);

  it('Ctrl-C (SIGINT) ends code-server and every process it started', async () => {
    const held = await hold('code-server');
    assert.ok(groupMembers(held.pid).length > 1, 'code-server and its children should be running');
    const exited = once(held.child, 'exit');
    held.child.kill('SIGINT');
    await exited;
    assert.ok(await groupEmpty(held.pid), `left running: ${groupMembers(held.pid).join(', ')}`);
    assert.equal(fs.existsSync(held.baseDir), false);
  });

  it('a code-server killed mid-run does not hang the teardown, which still deletes the folder', async () => {
    const held = await hold('code-server');
    process.kill(-held.pid, 'SIGKILL');
    assert.ok(await gone(held.pid));
    assert.equal(await stopHeld(held), 0);
    assert.equal(fs.existsSync(held.baseDir), false);
  });

  it('a runner killed outright (SIGKILL) is cleaned up by the next run', async () => {
    const held = await hold('code-server');
    await killHolder(held);
    assert.ok(groupMembers(held.pid).length > 0, 'code-server should outlive a SIGKILLed runner until the sweep');
    assert.ok(sweep('openhexa-cs-').includes(held.baseDir));
    assert.ok(await groupEmpty(held.pid));
    assert.equal(fs.existsSync(held.baseDir), false);
  });
});

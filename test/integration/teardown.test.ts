import * as assert from 'node:assert/strict';
import { once } from 'node:events';
import * as fs from 'node:fs';
import { TEMP_PREFIX } from '../fixtures/postgresServer';
import { gone, hold, killHolder, processExists, stopHeld } from '../harness/heldProcess';
import { sweep } from '../harness/processes';

describe('a test run that is interrupted leaves nothing behind', function () {
  this.timeout(90_000);

  it('Ctrl-C (SIGINT) stops PostgreSQL and deletes its temp folder', async () => {
    const held = await hold('postgres');
    assert.ok(processExists(held.pid) && fs.existsSync(held.baseDir));
    const exited = once(held.child, 'exit');
    held.child.kill('SIGINT');
    const [code] = (await exited) as [number | null];
    assert.equal(code, 130);
    assert.ok(await gone(held.pid), 'postgres still running');
    assert.equal(fs.existsSync(held.baseDir), false, `${held.baseDir} left behind`);
  });

  it('SIGTERM does the same', async () => {
    const held = await hold('postgres');
    const exited = once(held.child, 'exit');
    held.child.kill('SIGTERM');
    await exited;
    assert.ok(await gone(held.pid));
    assert.equal(fs.existsSync(held.baseDir), false);
  });

  it('a PostgreSQL killed mid-run does not hang the teardown, which still deletes the folder', async () => {
    const held = await hold('postgres');
    process.kill(held.pid, 'SIGKILL');
    assert.ok(await gone(held.pid));
    assert.equal(await stopHeld(held), 0);
    assert.equal(fs.existsSync(held.baseDir), false);
  });

  it('a runner killed outright (SIGKILL) is cleaned up by the next run', async () => {
    const held = await hold('postgres');
    await killHolder(held);
    assert.ok(processExists(held.pid), 'postgres should outlive a SIGKILLed runner until the sweep');
    const removed = sweep(TEMP_PREFIX);
    assert.ok(removed.includes(held.baseDir), `sweep removed ${removed.join(', ')}`);
    assert.ok(await gone(held.pid), 'the sweep did not stop the orphaned postgres');
    assert.equal(fs.existsSync(held.baseDir), false);
  });
});

import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { TEMP_PREFIX } from '../fixtures/postgresServer';
import { sweep } from '../harness/processes';

const HOLDER = path.join(__dirname, '..', 'fixtures', 'holdServer.js');

interface Held {
  child: ChildProcess;
  pid: number;
  baseDir: string;
}

async function holdServer(): Promise<Held> {
  const child = spawn(process.execPath, [HOLDER], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await once(lines, 'line')) as [string];
  const { pid, baseDir } = JSON.parse(line) as { pid: number; baseDir: string };
  return { child, pid, baseDir };
}

/** A zombie (exited, not yet reaped by its new parent) counts as gone. */
function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true;
  }
}

async function gone(pid: number, timeoutMs = 20_000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (!processExists(pid)) {
      return true;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe('a test run that is interrupted leaves nothing behind', function () {
  this.timeout(90_000);

  it('Ctrl-C (SIGINT) stops PostgreSQL and deletes its temp folder', async () => {
    const held = await holdServer();
    assert.ok(processExists(held.pid) && fs.existsSync(held.baseDir));
    const exited = once(held.child, 'exit');
    held.child.kill('SIGINT');
    const [code] = (await exited) as [number | null];
    assert.equal(code, 130);
    assert.ok(await gone(held.pid), 'postgres still running');
    assert.equal(fs.existsSync(held.baseDir), false, `${held.baseDir} left behind`);
  });

  it('SIGTERM does the same', async () => {
    const held = await holdServer();
    const exited = once(held.child, 'exit');
    held.child.kill('SIGTERM');
    await exited;
    assert.ok(await gone(held.pid));
    assert.equal(fs.existsSync(held.baseDir), false);
  });

  it('a PostgreSQL killed mid-run does not hang the teardown, which still deletes the folder', async () => {
    const held = await holdServer();
    process.kill(held.pid, 'SIGKILL');
    assert.ok(await gone(held.pid));
    const exited = once(held.child, 'exit');
    held.child.stdin!.write('stop\n');
    const [code] = (await exited) as [number | null];
    assert.equal(code, 0);
    assert.equal(fs.existsSync(held.baseDir), false);
  });

  it('a runner killed outright (SIGKILL) is cleaned up by the next run', async () => {
    const held = await holdServer();
    const exited = once(held.child, 'exit');
    held.child.kill('SIGKILL');
    await exited;
    assert.ok(processExists(held.pid), 'postgres should outlive a SIGKILLed runner until the sweep');
    const removed = sweep(TEMP_PREFIX);
    assert.ok(removed.includes(held.baseDir), `sweep removed ${removed.join(', ')}`);
    assert.ok(await gone(held.pid), 'the sweep did not stop the orphaned postgres');
    assert.equal(fs.existsSync(held.baseDir), false);
  });
});

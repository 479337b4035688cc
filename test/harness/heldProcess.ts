// Drives test/fixtures/holdServer in a child process for the teardown tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { cameTrue } from './pollUntil';

const HOLDER = path.join(__dirname, '..', 'fixtures', 'holdServer.js');

export interface Held {
  child: ChildProcess;
  pid: number;
  baseDir: string;
}

export async function hold(kind: 'postgres' | 'code-server'): Promise<Held> {
  const child = spawn(process.execPath, [HOLDER, kind], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await once(lines, 'line')) as [string];
  const { pid, baseDir } = JSON.parse(line) as { pid: number; baseDir: string };
  return { child, pid, baseDir };
}

/** A zombie (exited, not yet reaped by its new parent) counts as gone. */
export function processExists(pid: number): boolean {
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

/** Processes (not zombies) in a process group. */
export function groupMembers(pgid: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return Number(fields[2]) === pgid && fields[0] !== 'Z';
      } catch {
        return false;
      }
    })
    .map(Number);
}

export function gone(pid: number, timeoutMs = 20_000): Promise<boolean> {
  return cameTrue(() => !processExists(pid), { timeout: timeoutMs });
}

/** Asks the holder to stop its server as a normal teardown would; resolves with its exit code. */
export async function stopHeld(held: Held): Promise<number | null> {
  const exited = once(held.child, 'exit');
  held.child.stdin!.write('stop\n');
  const [code] = (await exited) as [number | null];
  return code;
}

/** Kills the holder outright, as a SIGKILLed test runner dies: no clean-up runs. */
export async function killHolder(held: Held): Promise<void> {
  const exited = once(held.child, 'exit');
  held.child.kill('SIGKILL');
  await exited;
}

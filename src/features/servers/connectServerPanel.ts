import * as vscode from 'vscode';
import { DEFAULT_CATALOG_DATABASE, DEFAULT_PORT, fieldErrors, serverProfileSchema, type ServerProfile } from '../../core/serverProfile';
import { CatalogError } from '../../postgres/catalog/catalogError';
import { initializeCatalog } from '../../postgres/catalog/migrate';
import { describeLoginFailure } from '../../postgres/loginFailure';
import { probeServer, type ServerProbe } from '../../postgres/probeServer';
import { toHostSchema, toWebviewSchema, type ConnectForm, type TestOutcome, type ToHost, type ToWebview } from '../../protocol/connectServer';
import { CONNECT_SERVER_STRINGS } from '../../protocol/connectServerStrings';
import type { Log } from '../../platform/log';
import { PanelHost, PanelRegistry } from '../../platform/panels/panelHost';
import type { ServerStore } from '../../platform/serverStore';
import { superuserWarning } from '../../platform/superuserWarning';

const SPEC = { viewType: 'openhexa.connectServer', app: 'connectServer', toHost: toHostSchema, toWebview: toWebviewSchema };

function translateErrors(errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([field, message]) => [field, vscode.l10n.t(message)]));
}

function probeSummary(probe: ServerProbe, profile: ServerProfile): Omit<Extract<TestOutcome, { ok: true }>, 'ok'> {
  const summary = vscode.l10n.t('Connected to PostgreSQL {0} as {1}.', probe.version, profile.user);
  if (probe.catalogExists) {
    return { summary: `${summary} ${vscode.l10n.t('The catalog database "{0}" is there.', profile.catalogDatabase)}`, canInitialize: false };
  }
  const mayInitialize = probe.superuser || (probe.createDb && probe.createRole);
  const missing = [probe.createDb ? undefined : 'CREATEDB', probe.createRole ? undefined : 'CREATEROLE'].filter(Boolean).join(', ');
  return {
    summary,
    canInitialize: mayInitialize,
    initHint: mayInitialize
      ? vscode.l10n.t('The catalog database "{0}" does not exist yet. This login has the privileges to initialize it.', profile.catalogDatabase)
      : vscode.l10n.t(
          'The catalog database "{0}" does not exist yet, and this login cannot create it (missing {1}). Ask a server administrator to initialize it.',
          profile.catalogDatabase,
          missing,
        ),
  };
}

/** Controller of the "Connect to a Server" panel: one at a time, revealed if open. */
export class ConnectServerPanel {
  private static readonly panels = new PanelRegistry<ConnectServerPanel>();
  private readonly host: PanelHost<ToHost, ToWebview>;

  static show(extensionUri: vscode.Uri, store: ServerStore, log: Log, initial: Partial<ConnectForm> = {}): ConnectServerPanel {
    return ConnectServerPanel.panels.showOrCreate('connect', () => new ConnectServerPanel(extensionUri, store, log, initial));
  }

  private constructor(
    extensionUri: vscode.Uri,
    private readonly store: ServerStore,
    private readonly log: Log,
    private readonly initial: Partial<ConnectForm>,
  ) {
    this.host = new PanelHost(extensionUri, SPEC, vscode.l10n.t('Connect to a Server'), log, (message) => this.onMessage(message), () =>
      ConnectServerPanel.panels.forget('connect'),
    );
  }

  private post(message: ToWebview): void {
    this.host.post(message);
  }

  reveal(): void {
    this.host.reveal();
  }

  private async onMessage(message: ToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.post({
          type: 'init',
          strings: Object.fromEntries(CONNECT_SERVER_STRINGS.map((s) => [s, vscode.l10n.t(s)])),
          form: {
            label: '',
            host: 'localhost',
            port: String(DEFAULT_PORT),
            user: '',
            sslmode: 'prefer',
            catalogDatabase: DEFAULT_CATALOG_DATABASE,
            ...this.initial,
          },
          workspaceScopeAvailable: (vscode.workspace.workspaceFolders?.length ?? 0) > 0,
        });
        return;
      case 'cancel':
        this.dispose();
        return;
      case 'test':
      case 'save':
      case 'initialize': {
        const profile = serverProfileSchema.safeParse(message.form);
        if (!profile.success) {
          this.post({ type: 'saveFailed', fieldErrors: translateErrors(fieldErrors(profile.error)) });
          return;
        }
        if (message.type === 'test') {
          this.post({ type: 'busy', what: 'test' });
          this.post({ type: 'testResult', outcome: await this.test(profile.data, message.password) });
          return;
        }
        if (message.type === 'initialize') {
          this.post({ type: 'busy', what: 'initialize' });
          this.post({ type: 'testResult', outcome: await this.initialize(profile.data, message.password) });
          return;
        }
        this.post({ type: 'busy', what: 'save' });
        try {
          await this.store.save(profile.data, message.password, message.scope);
          this.log.info(`Saved server profile "${profile.data.label}" (${profile.data.user}@${profile.data.host}:${profile.data.port}) to ${message.scope} settings`);
          void vscode.window.showInformationMessage(vscode.l10n.t('Server "{0}" saved.', profile.data.label));
          this.dispose();
        } catch (err) {
          this.log.error('Saving a server profile failed', err);
          this.post({ type: 'saveFailed', fieldErrors: {}, message: vscode.l10n.t('Could not save the server: {0}', err instanceof Error ? err.message : String(err)) });
        }
        return;
      }
    }
  }

  private async initialize(profile: ServerProfile, password: string): Promise<TestOutcome> {
    try {
      await initializeCatalog({ ...profile, password: password === '' ? undefined : password }, profile.catalogDatabase);
      this.log.info(`Initialized ${profile.user}@${profile.host}:${profile.port} (catalog "${profile.catalogDatabase}") from the connect form`);
      return { ok: true, summary: vscode.l10n.t('The server is initialized: the catalog database "{0}" is ready. Save to see it in the Workspaces view.', profile.catalogDatabase), canInitialize: false };
    } catch (err) {
      if (err instanceof CatalogError) {
        return { ok: false, message: err.message, detail: '' };
      }
      const failure = describeLoginFailure(err);
      return { ok: false, message: vscode.l10n.t(failure.message), detail: failure.detail };
    }
  }

  private async test(profile: ServerProfile, password: string): Promise<TestOutcome> {
    try {
      const probe = await probeServer({ ...profile, password: password === '' ? undefined : password }, profile.catalogDatabase);
      this.log.info(`Test connection to ${profile.user}@${profile.host}:${profile.port}: PostgreSQL ${probe.version}`);
      return { ok: true, ...probeSummary(probe, profile), ...(probe.superuser ? { warning: superuserWarning() } : {}) };
    } catch (err) {
      const failure = describeLoginFailure(err);
      this.log.warn(`Test connection to ${profile.user}@${profile.host}:${profile.port} failed (${failure.kind}): ${failure.detail}`);
      return { ok: false, message: vscode.l10n.t(failure.message), detail: failure.detail };
    }
  }

  dispose(): void {
    this.host.dispose();
  }
}

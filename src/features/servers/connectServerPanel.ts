import * as vscode from 'vscode';
import { DEFAULT_CATALOG_DATABASE, DEFAULT_PORT, fieldErrors, serverProfileSchema, type ServerProfile } from '../../core/serverProfile';
import { CatalogError } from '../../postgres/catalog/catalogError';
import { initializeCatalog } from '../../postgres/catalog/migrate';
import { describeLoginFailure } from '../../postgres/loginFailure';
import { probeServer, type ServerProbe } from '../../postgres/probeServer';
import type { Login } from '../../postgres/connect';
import { hostPlace, loginTls } from '../../postgres/tls/loginTls';
import type { TlsInUse } from '../../postgres/tls/tlsInUse';
import { defaultTlsFiles, effectiveTls, tlsSettingsFromEnv } from '../../core/tls/tlsSettings';
import { DEFAULT_SSL_MODE } from '../../core/tls/sslMode';
import type { LoginFailureKind } from '../../postgres/loginFailure';
import { toHostSchema, toWebviewSchema, type ConnectForm, type TestOutcome, type TlsFileField, type ToHost, type ToWebview } from '../../protocol/connectServer';
import { CONNECT_SERVER_STRINGS } from '../../protocol/connectServerStrings';
import type { Log } from '../../platform/log';
import { PanelHost, PanelRegistry } from '../../platform/panels/panelHost';
import type { ServerStore } from '../../platform/serverStore';
import { superuserWarning } from '../../platform/superuserWarning';

const SPEC = { viewType: 'openhexa.connectServer', app: 'connectServer', toHost: toHostSchema, toWebview: toWebviewSchema };

function translateErrors(errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([field, message]) => [field, vscode.l10n.t(message)]));
}

/** Whether TLS is on, its version, and what was verified, as the form says it after a test. */
function tlsSummary(tls: TlsInUse | undefined, profile: ServerProfile): Pick<Extract<TestOutcome, { ok: true }>, 'tls' | 'tlsState'> {
  const mode = effectiveTls(profile, hostPlace()).sslmode;
  if (!tls) {
    return { tls: vscode.l10n.t('The connection is not encrypted (TLS mode {0}).', mode), tlsState: 'off' };
  }
  const client = tls.clientCertificate ? ` ${vscode.l10n.t('The client certificate was presented.')}` : '';
  switch (tls.verified) {
    case 'host':
      return { tls: vscode.l10n.t('TLS is on ({0}) and the server is verified: its certificate is signed by the CA you trust and names {1}.', tls.protocol, profile.host) + client, tlsState: 'verified' };
    case 'chain':
      return { tls: vscode.l10n.t('TLS is on ({0}); the server\'s certificate is signed by the CA you trust, but its host name is not checked (TLS mode {1}).', tls.protocol, mode) + client, tlsState: 'chain' };
    case 'none':
      return { tls: vscode.l10n.t('TLS is on ({0}), but the server is not verified (TLS mode {1}, no CA certificate): choose verify-full and the CA file to verify it.', tls.protocol, mode) + client, tlsState: 'none' };
  }
}

/**
 * A path on the machine the extension runs on, as the file dialog takes it:
 * in a remote window (code-server, SSH) that is the remote's scheme, not file:.
 */
function localFileUri(fsPath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder && folder.scheme !== 'file' ? folder.with({ path: fsPath }) : vscode.Uri.file(fsPath);
}

/** What the form offers beside a failure. */
function offerFor(kind: LoginFailureKind): Extract<TestOutcome, { ok: false }>['offer'] {
  switch (kind) {
    case 'tlsUntrusted':
    case 'tlsNoCaFile':
    case 'tlsCaFile':
      return 'pickCaFile';
    case 'tlsClientCertRequired':
    case 'tlsClientCertRejected':
    case 'tlsClientFiles':
      return 'pickClientCert';
    case 'tlsKeyPassphrase':
    case 'tlsKeyPassphraseMissing':
      return 'passphrase';
    default:
      return undefined;
  }
}

/** The file dialog's title and filters for each TLS file. */
function fileDialog(field: TlsFileField): { title: string; filters: Record<string, string[]> } {
  const all = { [vscode.l10n.t('All files')]: ['*'] };
  switch (field) {
    case 'sslrootcert':
      return { title: vscode.l10n.t('Choose the CA certificate'), filters: { [vscode.l10n.t('CA certificates')]: ['pem', 'crt', 'cer'], ...all } };
    case 'sslcert':
      return { title: vscode.l10n.t('Choose the client certificate'), filters: { [vscode.l10n.t('Certificates')]: ['crt', 'pem', 'cer'], ...all } };
    case 'sslkey':
      return { title: vscode.l10n.t('Choose the client key'), filters: { [vscode.l10n.t('Private keys')]: ['key', 'pem', 'pk8', 'der'], ...all } };
  }
}

function probeSummary(probe: ServerProbe, profile: ServerProfile): Omit<Extract<TestOutcome, { ok: true }>, 'ok'> {
  const summary = vscode.l10n.t('Connected to PostgreSQL {0} as {1}.', probe.version, profile.user);
  const tls = tlsSummary(probe.tls, profile);
  if (probe.catalogExists) {
    return { summary: `${summary} ${vscode.l10n.t('The catalog database "{0}" is there.', profile.catalogDatabase)}`, canInitialize: false, ...tls };
  }
  const mayInitialize = probe.superuser || (probe.createDb && probe.createRole);
  const missing = [probe.createDb ? undefined : 'CREATEDB', probe.createRole ? undefined : 'CREATEROLE'].filter(Boolean).join(', ');
  return {
    summary,
    ...tls,
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
      case 'ready': {
        // libpq's environment variables fill what the form does not say yet.
        const env = tlsSettingsFromEnv(process.env);
        this.post({
          type: 'init',
          strings: Object.fromEntries(CONNECT_SERVER_STRINGS.map((s) => [s, vscode.l10n.t(s)])),
          form: {
            label: '',
            host: 'localhost',
            port: String(DEFAULT_PORT),
            user: '',
            sslmode: env.sslmode ?? DEFAULT_SSL_MODE,
            sslrootcert: env.sslrootcert ?? '',
            sslcert: env.sslcert ?? '',
            sslkey: env.sslkey ?? '',
            catalogDatabase: DEFAULT_CATALOG_DATABASE,
            ...this.initial,
          },
          workspaceScopeAvailable: (vscode.workspace.workspaceFolders?.length ?? 0) > 0,
          tlsDefaults: defaultTlsFiles(hostPlace()),
        });
        return;
      }
      case 'pickFile': {
        const picked = await vscode.window.showOpenDialog({
          canSelectMany: false,
          canSelectFolders: false,
          ...fileDialog(message.field),
          openLabel: vscode.l10n.t('Choose'),
          ...(message.current ? { defaultUri: localFileUri(message.current) } : {}),
        });
        const file = picked?.[0];
        if (file) {
          this.post({ type: 'filePicked', field: message.field, path: file.fsPath });
        }
        return;
      }
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
          this.post({ type: 'testResult', outcome: await this.test(profile.data, message.password, message.keyPassphrase) });
          return;
        }
        if (message.type === 'initialize') {
          this.post({ type: 'busy', what: 'initialize' });
          this.post({ type: 'testResult', outcome: await this.initialize(profile.data, message.password, message.keyPassphrase) });
          return;
        }
        this.post({ type: 'busy', what: 'save' });
        try {
          await this.store.save(profile.data, message.password, message.scope, message.keyPassphrase === '' ? undefined : message.keyPassphrase);
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

  /** The login the form's values make, TLS resolved as libpq would (PGSSL* variables, ~/.postgresql). */
  private async formLogin(profile: ServerProfile, password: string, keyPassphrase: string): Promise<Omit<Login, 'database'>> {
    const passphrase = keyPassphrase === '' ? await this.store.keyPassphrase(profile) : keyPassphrase;
    return { host: profile.host, port: profile.port, user: profile.user, password: password === '' ? undefined : password, ...loginTls(profile, passphrase) };
  }

  private failure(err: unknown): TestOutcome {
    const failure = describeLoginFailure(err);
    const offer = offerFor(failure.kind);
    return { ok: false, message: vscode.l10n.t(failure.message, ...failure.args), detail: failure.detail, ...(offer ? { offer } : {}) };
  }

  private async initialize(profile: ServerProfile, password: string, keyPassphrase: string): Promise<TestOutcome> {
    try {
      await initializeCatalog(await this.formLogin(profile, password, keyPassphrase), profile.catalogDatabase);
      this.log.info(`Initialized ${profile.user}@${profile.host}:${profile.port} (catalog "${profile.catalogDatabase}") from the connect form`);
      return {
        ok: true,
        summary: vscode.l10n.t('The server is initialized: the catalog database "{0}" is ready. Save to see it in the Workspaces view.', profile.catalogDatabase),
        canInitialize: false,
      };
    } catch (err) {
      if (err instanceof CatalogError) {
        return { ok: false, message: err.message, detail: '' };
      }
      return this.failure(err);
    }
  }

  private async test(profile: ServerProfile, password: string, keyPassphrase: string): Promise<TestOutcome> {
    try {
      const probe = await probeServer(await this.formLogin(profile, password, keyPassphrase), profile.catalogDatabase);
      this.log.info(`Test connection to ${profile.user}@${profile.host}:${profile.port}: PostgreSQL ${probe.version}, ${probe.tls ? `${probe.tls.protocol}, verified: ${probe.tls.verified}` : 'no TLS'}`);
      return { ok: true, ...probeSummary(probe, profile), ...(probe.superuser ? { warning: superuserWarning() } : {}) };
    } catch (err) {
      const outcome = this.failure(err);
      this.log.warn(`Test connection to ${profile.user}@${profile.host}:${profile.port} failed (${describeLoginFailure(err).kind}): ${outcome.ok ? '' : outcome.detail}`);
      return outcome;
    }
  }

  dispose(): void {
    this.host.dispose();
  }
}

import type { Logger, Translate } from '../../core/logger';
import { M } from '../../core/messages';
import { DEFAULT_CATALOG_DATABASE, DEFAULT_PORT, fieldErrors, serverProfileSchema, type ServerProfile } from '../../core/serverProfile';
import { DEFAULT_SSL_MODE } from '../../core/tls/sslMode';
import { defaultTlsFiles, effectiveTls, tlsSettingsFromEnv, type TlsPlace } from '../../core/tls/tlsSettings';
import { CatalogError } from '../../postgres/catalog/catalogError';
import type { Login } from '../../postgres/connect';
import { describeLoginFailure, type LoginFailureKind } from '../../postgres/loginFailure';
import type { ServerProbe } from '../../postgres/probeServer';
import { loginTls } from '../../postgres/tls/loginTls';
import type { TlsInUse } from '../../postgres/tls/tlsInUse';
import { toHostSchema, type ConnectForm, type TestOutcome, type TlsFileField, type ToWebview } from '../../protocol/connectServer';
import { CONNECT_SERVER_STRINGS } from '../../protocol/connectServerStrings';

type Scope = 'user' | 'workspace';
type ServerLogin = Omit<Login, 'database'>;

/** What a file dialog for one TLS file shows. */
export interface FileDialog {
  readonly title: string;
  readonly filters: Record<string, string[]>;
}

/** What the controller needs from outside; the panel glue passes VS Code's and PostgreSQL's, tests pass their own. */
export interface ConnectServerDeps {
  post(message: ToWebview): void;
  readonly t: Translate;
  readonly log: Logger;
  /** Where libpq would look for TLS settings and files on this machine (its PGSSL* variables, the home folder). */
  readonly place: TlsPlace;
  /** Whether a folder is open: the form offers saving to its settings. */
  readonly workspaceScopeAvailable: boolean;
  /** What a script or a link gave the form to start from. */
  readonly initial: Partial<ConnectForm>;
  /** A file dialog; the chosen path, or undefined. */
  pickFile(dialog: FileDialog, current: string): Promise<string | undefined>;
  /** Connects as the form's login and reads what the form reports (version, privileges, TLS, the catalog). */
  probe(login: ServerLogin, catalogDatabase: string): Promise<ServerProbe>;
  /** Creates or migrates the catalog as the form's login. */
  initialize(login: ServerLogin, catalogDatabase: string): Promise<unknown>;
  /** The client key's passphrase kept for this profile, if any. */
  storedPassphrase(profile: ServerProfile): Promise<string | undefined>;
  /** Saves the profile to settings and its secrets to secret storage. */
  save(profile: ServerProfile, password: string | undefined, scope: Scope, keyPassphrase: string | undefined): Promise<void>;
  /** Says something outside the form (after it closed). */
  inform(text: string): void;
  close(): void;
}

/** What the form offers beside a failure. */
export function offerFor(kind: LoginFailureKind): Extract<TestOutcome, { ok: false }>['offer'] {
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

/**
 * The "Connect to a Server" form, as messages in and out: it fills the form
 * (libpq's environment where the user says nothing), checks it with the
 * profile's own rules, tests the login and says what it found (TLS, the
 * catalog, a superuser), initializes the catalog, and saves.
 */
export class ConnectServerController {
  constructor(private readonly deps: ConnectServerDeps) {}

  /** A message from the webview, checked against the protocol; anything else is ignored and logged. */
  async receive(raw: unknown): Promise<void> {
    const parsed = toHostSchema.safeParse(raw);
    if (!parsed.success) {
      this.deps.log.warn('Connect form: ignored a malformed message');
      return;
    }
    const message = parsed.data;
    const { post, t } = this.deps;
    switch (message.type) {
      case 'ready':
        post({ type: 'init', strings: Object.fromEntries(CONNECT_SERVER_STRINGS.map((s) => [s, t(s)])), form: this.startingForm(), workspaceScopeAvailable: this.deps.workspaceScopeAvailable, tlsDefaults: defaultTlsFiles(this.deps.place) });
        return;
      case 'pickFile': {
        const path = await this.deps.pickFile(this.fileDialog(message.field), message.current);
        if (path) {
          post({ type: 'filePicked', field: message.field, path });
        }
        return;
      }
      case 'cancel':
        this.deps.close();
        return;
      case 'test':
      case 'save':
      case 'initialize': {
        // An unticked pooler box leaves the profile as it was before the box existed.
        const { pooler, ...form } = message.form;
        const profile = serverProfileSchema.safeParse(pooler ? { ...form, pooler } : form);
        if (!profile.success) {
          post({ type: 'saveFailed', fieldErrors: Object.fromEntries(Object.entries(fieldErrors(profile.error)).map(([field, text]) => [field, t(text)])) });
          return;
        }
        post({ type: 'busy', what: message.type });
        if (message.type === 'test') {
          post({ type: 'testResult', outcome: await this.test(profile.data, message.password, message.keyPassphrase) });
        } else if (message.type === 'initialize') {
          post({ type: 'testResult', outcome: await this.initialize(profile.data, message.password, message.keyPassphrase) });
        } else {
          await this.save(profile.data, message.password, message.scope, message.keyPassphrase);
        }
        return;
      }
    }
  }

  /** The form as it opens: what was given, else libpq's environment, else the defaults. */
  private startingForm(): ConnectForm {
    const env = tlsSettingsFromEnv(this.deps.place.env);
    return {
      label: '',
      host: 'localhost',
      port: String(DEFAULT_PORT),
      user: '',
      sslmode: env.sslmode ?? DEFAULT_SSL_MODE,
      sslrootcert: env.sslrootcert ?? '',
      sslcert: env.sslcert ?? '',
      sslkey: env.sslkey ?? '',
      catalogDatabase: DEFAULT_CATALOG_DATABASE,
      pooler: false,
      ...this.deps.initial,
    };
  }

  private fileDialog(field: TlsFileField): FileDialog {
    const { t } = this.deps;
    const all = { [t('All files')]: ['*'] };
    switch (field) {
      case 'sslrootcert':
        return { title: t('Choose the CA certificate'), filters: { [t('CA certificates')]: ['pem', 'crt', 'cer'], ...all } };
      case 'sslcert':
        return { title: t('Choose the client certificate'), filters: { [t('Certificates')]: ['crt', 'pem', 'cer'], ...all } };
      case 'sslkey':
        return { title: t('Choose the client key'), filters: { [t('Private keys')]: ['key', 'pem', 'pk8', 'der'], ...all } };
    }
  }

  /** The login the form's values make, TLS resolved as libpq would (PGSSL* variables, ~/.postgresql). */
  private async formLogin(profile: ServerProfile, password: string, keyPassphrase: string): Promise<ServerLogin> {
    const passphrase = keyPassphrase === '' ? await this.deps.storedPassphrase(profile) : keyPassphrase;
    return {
      host: profile.host,
      port: profile.port,
      user: profile.user,
      password: password === '' ? undefined : password,
      ...loginTls(profile, passphrase, this.deps.place),
      ...(profile.pooler ? { pooler: true } : {}),
    };
  }

  private failure(err: unknown): Extract<TestOutcome, { ok: false }> {
    const failure = describeLoginFailure(err);
    const offer = offerFor(failure.kind);
    return { ok: false, message: this.deps.t(failure.message, ...failure.args), detail: failure.detail, ...(offer ? { offer } : {}) };
  }

  private async test(profile: ServerProfile, password: string, keyPassphrase: string): Promise<TestOutcome> {
    const who = `${profile.user}@${profile.host}:${profile.port}`;
    try {
      const probe = await this.deps.probe(await this.formLogin(profile, password, keyPassphrase), profile.catalogDatabase);
      this.deps.log.info(`Test connection to ${who}: PostgreSQL ${probe.version}, ${probe.tls ? `${probe.tls.protocol}, verified: ${probe.tls.verified}` : 'no TLS'}`);
      return { ok: true, ...this.probeSummary(probe, profile), ...(probe.superuser ? { warning: this.deps.t(M.superuserWarning) } : {}) };
    } catch (err) {
      const outcome = this.failure(err);
      this.deps.log.warn(`Test connection to ${who} failed (${describeLoginFailure(err).kind}): ${outcome.detail}`);
      return outcome;
    }
  }

  private async initialize(profile: ServerProfile, password: string, keyPassphrase: string): Promise<TestOutcome> {
    try {
      await this.deps.initialize(await this.formLogin(profile, password, keyPassphrase), profile.catalogDatabase);
      this.deps.log.info(`Initialized ${profile.user}@${profile.host}:${profile.port} (catalog "${profile.catalogDatabase}") from the connect form`);
      return {
        ok: true,
        summary: this.deps.t('The server is initialized: the catalog database "{0}" is ready. Save to see it in the Workspaces view.', profile.catalogDatabase),
        canInitialize: false,
      };
    } catch (err) {
      return err instanceof CatalogError ? { ok: false, message: err.message, detail: '' } : this.failure(err);
    }
  }

  private async save(profile: ServerProfile, password: string, scope: Scope, keyPassphrase: string): Promise<void> {
    const { t, log, post } = this.deps;
    try {
      await this.deps.save(profile, password, scope, keyPassphrase === '' ? undefined : keyPassphrase);
    } catch (err) {
      log.error('Saving a server profile failed', err);
      post({ type: 'saveFailed', fieldErrors: {}, message: t('Could not save the server: {0}', err instanceof Error ? err.message : String(err)) });
      return;
    }
    log.info(`Saved server profile "${profile.label}" (${profile.user}@${profile.host}:${profile.port}) to ${scope} settings`);
    this.deps.inform(t('Server "{0}" saved.', profile.label));
    this.deps.close();
  }

  /** Whether TLS is on, its version, and what was verified, as the form says it after a test. */
  private tlsSummary(tls: TlsInUse | undefined, profile: ServerProfile): Pick<Extract<TestOutcome, { ok: true }>, 'tls' | 'tlsState'> {
    const { t } = this.deps;
    const mode = effectiveTls(profile, this.deps.place).sslmode;
    if (!tls) {
      return { tls: t('The connection is not encrypted (TLS mode {0}).', mode), tlsState: 'off' };
    }
    const client = tls.clientCertificate ? ` ${t('The client certificate was presented.')}` : '';
    switch (tls.verified) {
      case 'host':
        return { tls: t('TLS is on ({0}) and the server is verified: its certificate is signed by the CA you trust and names {1}.', tls.protocol, profile.host) + client, tlsState: 'verified' };
      case 'chain':
        return { tls: t('TLS is on ({0}); the server\'s certificate is signed by the CA you trust, but its host name is not checked (TLS mode {1}).', tls.protocol, mode) + client, tlsState: 'chain' };
      case 'none':
        return { tls: t('TLS is on ({0}), but the server is not verified (TLS mode {1}, no CA certificate): choose verify-full and the CA file to verify it.', tls.protocol, mode) + client, tlsState: 'none' };
    }
  }

  private probeSummary(probe: ServerProbe, profile: ServerProfile): Omit<Extract<TestOutcome, { ok: true }>, 'ok'> {
    const { t } = this.deps;
    const summary = t('Connected to PostgreSQL {0} as {1}.', probe.version, profile.user);
    const tls = this.tlsSummary(probe.tls, profile);
    if (probe.catalogExists) {
      return { summary: `${summary} ${t('The catalog database "{0}" is there.', profile.catalogDatabase)}`, canInitialize: false, ...tls };
    }
    const mayInitialize = probe.superuser || (probe.createDb && probe.createRole);
    const missing = [probe.createDb ? undefined : 'CREATEDB', probe.createRole ? undefined : 'CREATEROLE'].filter(Boolean).join(', ');
    return {
      summary,
      ...tls,
      canInitialize: mayInitialize,
      initHint: mayInitialize
        ? t('The catalog database "{0}" does not exist yet. This login has the privileges to initialize it.', profile.catalogDatabase)
        : t('The catalog database "{0}" does not exist yet, and this login cannot create it (missing {1}). Ask a server administrator to initialize it.', profile.catalogDatabase, missing),
    };
  }
}

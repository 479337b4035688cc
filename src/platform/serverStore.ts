import * as vscode from 'vscode';
import { parseServerProfiles, profileKey, type ProfileProblem, type ServerProfile } from '../core/serverProfile';
import { floorOf, tlsFloorSchema, type TlsFloor } from '../core/tls/tlsFloor';
import { effectiveTls } from '../core/tls/tlsSettings';
import { hostPlace } from '../postgres/tls/loginTls';

const SECTION = 'openhexa';
const KEY = 'servers';
const SECRET_PREFIX = 'openhexa.password:';
/** The client key's passphrase (libpq's sslpassword), per login like the password. */
const KEY_PASSPHRASE_PREFIX = 'openhexa.sslpassword:';
/** The TLS settings a password was saved with (core/tls/tlsFloor), per login like the password. */
const TLS_FLOOR_PREFIX = 'openhexa.passwordTls:';

export type ProfileScope = 'user' | 'workspace';

/** The entries of a settings list that are not this login (bad entries are kept, never lost). */
function withoutLogin(list: readonly unknown[], key: string): unknown[] {
  return list.filter((entry) => {
    const parsed = parseServerProfiles([entry]).profiles[0];
    return !parsed || profileKey(parsed) !== key;
  });
}

/**
 * Server profiles live in settings (shareable, no secrets); each login's
 * password lives in SecretStorage under the login's key, with the TLS
 * settings it was saved under. In Restricted Mode the folder's profiles are
 * ignored: only the user's own settings count.
 */
export class ServerStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly watcher: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.watcher = vscode.Disposable.from(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.${KEY}`)) {
          this.changed.fire();
        }
      }),
      // Trusting the folder brings its profiles in.
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()),
    );
  }

  read(): { profiles: ServerProfile[]; problems: ProfileProblem[] } {
    const config = vscode.workspace.getConfiguration(SECTION);
    return parseServerProfiles(vscode.workspace.isTrusted ? config.get<unknown>(KEY) : config.inspect<unknown>(KEY)?.globalValue);
  }

  /** `keyPassphrase`: undefined keeps the stored one, '' forgets it. */
  async save(profile: ServerProfile, password: string | undefined, scope: ProfileScope, keyPassphrase?: string): Promise<void> {
    const target = scope === 'workspace' ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    const inspected = vscode.workspace.getConfiguration(SECTION).inspect<unknown[]>(KEY);
    const current = (scope === 'workspace' ? inspected?.workspaceValue : inspected?.globalValue) ?? [];
    const key = profileKey(profile);
    const others = withoutLogin(current, key);
    if (password !== undefined && password !== '') {
      await this.secrets.store(SECRET_PREFIX + key, password);
      await this.secrets.store(TLS_FLOOR_PREFIX + key, JSON.stringify(floorOf(effectiveTls(profile, hostPlace()))));
    }
    if (keyPassphrase !== undefined) {
      await (keyPassphrase === '' ? this.secrets.delete(KEY_PASSPHRASE_PREFIX + key) : this.secrets.store(KEY_PASSPHRASE_PREFIX + key, keyPassphrase));
    }
    await vscode.workspace.getConfiguration(SECTION).update(KEY, [...others, profile], target);
  }

  async remove(profile: ServerProfile): Promise<void> {
    const key = profileKey(profile);
    const config = vscode.workspace.getConfiguration(SECTION);
    const inspected = config.inspect<unknown[]>(KEY);
    if (inspected?.globalValue) {
      await config.update(KEY, withoutLogin(inspected.globalValue, key), vscode.ConfigurationTarget.Global);
    }
    if (inspected?.workspaceValue) {
      await config.update(KEY, withoutLogin(inspected.workspaceValue, key), vscode.ConfigurationTarget.Workspace);
    }
    const stillUsed = this.read().profiles.some((p) => profileKey(p) === key);
    if (!stillUsed) {
      await this.secrets.delete(SECRET_PREFIX + key);
      await this.secrets.delete(KEY_PASSPHRASE_PREFIX + key);
      await this.secrets.delete(TLS_FLOOR_PREFIX + key);
    }
  }

  password(profile: ServerProfile): Thenable<string | undefined> {
    return this.secrets.get(SECRET_PREFIX + profileKey(profile));
  }

  /**
   * The TLS the login's password was saved with; for a password saved before
   * this was recorded, the TLS of the user's own profile of that login.
   */
  async passwordFloor(profile: ServerProfile): Promise<TlsFloor | undefined> {
    const key = profileKey(profile);
    const stored = await this.secrets.get(TLS_FLOOR_PREFIX + key);
    if (stored !== undefined) {
      try {
        const parsed = tlsFloorSchema.safeParse(JSON.parse(stored));
        if (parsed.success) {
          return parsed.data;
        }
      } catch {
        // A damaged record: the user's own profile decides below.
      }
    }
    const own = parseServerProfiles(vscode.workspace.getConfiguration(SECTION).inspect<unknown>(KEY)?.globalValue).profiles.find((p) => profileKey(p) === key);
    return own ? floorOf(effectiveTls(own, hostPlace())) : undefined;
  }

  /** The user said the password may go under this profile's TLS: that is the floor from now on. */
  async acceptTls(profile: ServerProfile): Promise<void> {
    await this.secrets.store(TLS_FLOOR_PREFIX + profileKey(profile), JSON.stringify(floorOf(effectiveTls(profile, hostPlace()))));
  }

  keyPassphrase(profile: ServerProfile): Thenable<string | undefined> {
    return this.secrets.get(KEY_PASSPHRASE_PREFIX + profileKey(profile));
  }

  dispose(): void {
    this.watcher.dispose();
    this.changed.dispose();
  }
}

import * as vscode from 'vscode';
import { z } from 'zod';
import { OpenHexaApi } from '../openhexa/graphqlClient';
import { signIn, type InstanceSession } from '../openhexa/instanceCalls';

/** An OpenHEXA instance the user signed in to: its API's address and who the token is (never the token). */
export const instanceProfileSchema = z.object({ server: z.string().url(), email: z.string(), displayName: z.string() });
export type InstanceProfile = z.infer<typeof instanceProfileSchema>;

const LIST_KEY = 'openhexa.instances';
const TOKEN_PREFIX = 'openhexa.instanceToken:';

/**
 * The OpenHEXA instances signed in to: their addresses in globalState (this
 * machine's, not a folder's settings, so no folder can point a token at
 * another server), each token in SecretStorage. A session per instance is
 * made once (the token checked, the schema's capabilities read) and dropped
 * when the token is refused or replaced.
 */
export class Instances implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly sessions = new Map<string, Promise<InstanceSession>>();

  constructor(
    private readonly state: vscode.Memento,
    private readonly secrets: vscode.SecretStorage,
  ) {}

  list(): InstanceProfile[] {
    const parsed = z.array(instanceProfileSchema).safeParse(this.state.get(LIST_KEY, []));
    return parsed.success ? parsed.data : [];
  }

  /** Keeps an instance whose session was just made with `token`. */
  async add(session: InstanceSession, token: string): Promise<void> {
    const profile: InstanceProfile = { server: session.api.server, email: session.user.email, displayName: session.user.displayName };
    await this.secrets.store(TOKEN_PREFIX + profile.server, token);
    await this.state.update(LIST_KEY, [...this.list().filter((p) => p.server !== profile.server), profile]);
    this.sessions.set(profile.server, Promise.resolve(session));
    this.changed.fire();
  }

  async remove(server: string): Promise<void> {
    await this.secrets.delete(TOKEN_PREFIX + server);
    await this.state.update(
      LIST_KEY,
      this.list().filter((p) => p.server !== server),
    );
    this.sessions.delete(server);
    this.changed.fire();
  }

  /** The signed-in session: made once per instance; a refused token makes the next call sign in again. */
  session(server: string): Promise<InstanceSession> {
    let session = this.sessions.get(server);
    if (!session) {
      session = (async () => {
        const token = await this.secrets.get(TOKEN_PREFIX + server);
        if (!token) {
          throw new Error(vscode.l10n.t('No token is kept for {0}: run "Connect to OpenHEXA…" again', server));
        }
        return signIn(new OpenHexaApi(server, token));
      })();
      this.sessions.set(server, session);
      session.catch(() => this.sessions.delete(server));
    }
    return session;
  }

  /** Forgets the sessions (Refresh): the next call signs in again and reads the schema anew. */
  forgetSessions(): void {
    this.sessions.clear();
  }

  dispose(): void {
    this.changed.dispose();
  }
}

// The credentials panel's controller, driven by the webview's own messages in
// plain Node: what it shows, when a password leaves the server, what it asks.
import * as assert from 'node:assert/strict';
import { CredentialsController, type CredentialsDeps, type CredentialsTarget } from '../../src/features/credentials/credentialsController';
import type { CredentialAccess } from '../../src/postgres/workspace/catalogCalls';
import { credentialsToWebviewSchema, type CredentialKind, type CredentialsToWebview } from '../../src/protocol/credentials';

const PASSWORDS: Record<CredentialKind, string> = { ro: 'RoPassword234567', rw: 'RwPassword234567' };

function harness(role: 'editor' | 'admin' = 'admin', confirm = true, server: Pick<CredentialsTarget, 'usernames' | 'canRegenerate' | 'audited'> = {}) {
  const posted: CredentialsToWebview[] = [];
  const fetched: [CredentialKind, CredentialAccess][] = [];
  const regenerated: CredentialKind[] = [];
  const warnings: string[] = [];
  let clipboard = '';
  const deps: CredentialsDeps = {
    // Every message the controller sends must pass the protocol, as the panel host checks it.
    post: (message) => posted.push(credentialsToWebviewSchema.parse(message)),
    t: (text, ...args) => text.replace(/\{(\d+)\}/g, (_h, i: string) => String(args[Number(i)])),
    log: { debug: () => undefined, info: () => undefined, warn: (m) => warnings.push(m), error: () => undefined },
    fetchPassword: async (kind, access) => {
      fetched.push([kind, access]);
      return PASSWORDS[kind];
    },
    regeneratePassword: async (kind) => {
      regenerated.push(kind);
      return `New${kind.toUpperCase()}Password23456`.slice(0, 16);
    },
    confirmRegeneration: async () => confirm,
    writeClipboard: async (text) => void (clipboard = text),
  };
  const controller = new CredentialsController(deps, { host: 'db.example.org', port: 5432, tls: { sslmode: 'require' }, workspace: { name: 'Santé', slug: 'sante', dbName: 'ws_sante', role }, ...server });
  const last = (): CredentialsToWebview => posted.at(-1)!;
  const passwordsShown = (): string[] => posted.flatMap((m) => ('view' in m ? m.view.sets.flatMap((s) => (s.password ? [`${s.kind}:${s.password}`] : [])) : []));
  return { controller, posted, fetched, regenerated, warnings, clipboard: () => clipboard, last, passwordsShown };
}

describe('credentials panel controller (driven by its messages)', () => {
  it("on an OpenHEXA instance, shows the logins OpenHEXA names and offers regeneration to an editor, as OpenHEXA's update_workspace allows", async () => {
    const h = harness('editor', true, { usernames: { rw: 'sante_db', ro: 'sante_db_reader' }, canRegenerate: true, audited: false });
    await h.controller.receive({ type: 'ready' });
    const init = h.last();
    assert.ok(init.type === 'init');
    assert.deepEqual(init.view.sets.map((s) => [s.kind, s.username]), [
      ['ro', 'sante_db_reader'],
      ['rw', 'sante_db'],
    ]);
    assert.equal(init.view.canRegenerate, true);
    assert.equal(init.view.audited, false);
    await h.controller.receive({ type: 'copy', kind: 'ro', field: 'url' });
    assert.match(h.clipboard(), /^postgresql:\/\/sante_db_reader:RoPassword234567@db\.example\.org:5432\/ws_sante/);
  });

  it('opens with both sets, usernames and BI hints, and not one password', async () => {
    const h = harness();
    await h.controller.receive({ type: 'ready' });
    const init = h.last();
    assert.equal(init.type, 'init');
    assert.ok(init.type === 'init');
    assert.deepEqual(
      init.view.sets.map((s) => [s.kind, s.username, s.password]),
      [
        ['ro', 'ws_sante_ro', undefined],
        ['rw', 'ws_sante', undefined],
      ],
    );
    assert.equal(init.view.sslRequired, true);
    assert.equal(init.view.urlQuery, '?sslmode=require');
    assert.equal(init.view.sslmode, 'require');
    assert.equal(init.view.canRegenerate, true);
    assert.deepEqual(h.fetched, [], 'a password left the server before any reveal');
    assert.ok(!JSON.stringify(h.posted).includes(PASSWORDS.ro) && !JSON.stringify(h.posted).includes(PASSWORDS.rw));
  });

  it('reveals one password, audited as a reveal, and hides it again', async () => {
    const h = harness();
    await h.controller.receive({ type: 'reveal', kind: 'ro' });
    assert.deepEqual(h.fetched, [['ro', 'reveal']]);
    assert.deepEqual(h.passwordsShown(), [`ro:${PASSWORDS.ro}`]);
    await h.controller.receive({ type: 'hide', kind: 'ro' });
    const view = h.last();
    assert.ok(view.type === 'update' && view.view.sets.every((s) => s.password === undefined));
  });

  it('copies a password, the URL or the variables straight to the clipboard, each audited as a copy, and never shows it', async () => {
    const h = harness('editor');
    await h.controller.receive({ type: 'copy', kind: 'rw', field: 'password' });
    assert.equal(h.clipboard(), PASSWORDS.rw);
    await h.controller.receive({ type: 'copy', kind: 'ro', field: 'url' });
    // The server's profile requires TLS: the URL a BI tool gets says so.
    assert.equal(h.clipboard(), `postgresql://ws_sante_ro:${PASSWORDS.ro}@db.example.org:5432/ws_sante?sslmode=require`);
    await h.controller.receive({ type: 'copy', kind: 'rw', field: 'env' });
    assert.match(h.clipboard(), /^WORKSPACE_DATABASE_HOST=db\.example\.org\n.*WORKSPACE_DATABASE_PASSWORD=RwPassword234567\n/s);
    assert.match(h.clipboard(), /WORKSPACE_DATABASE_URL=postgresql:\/\/ws_sante:RwPassword234567@db\.example\.org:5432\/ws_sante\?sslmode=require$/);
    await h.controller.receive({ type: 'copy', kind: 'rw', field: 'host' });
    assert.equal(h.clipboard(), 'db.example.org');
    assert.deepEqual(h.fetched, [
      ['rw', 'copy'],
      ['ro', 'copy'],
      ['rw', 'copy'],
    ]);
    assert.deepEqual(h.passwordsShown(), []);
    assert.deepEqual(h.last(), { type: 'notice', text: 'Copied to the clipboard.', error: false });
  });

  it('regenerates only once confirmed, and shows the new password only where one was revealed', async () => {
    const declined = harness('admin', false);
    await declined.controller.receive({ type: 'regenerate', kind: 'ro' });
    assert.deepEqual(declined.regenerated, []);
    const h = harness();
    await h.controller.receive({ type: 'reveal', kind: 'ro' });
    await h.controller.receive({ type: 'regenerate', kind: 'ro' });
    await h.controller.receive({ type: 'regenerate', kind: 'rw' });
    assert.deepEqual(h.regenerated, ['ro', 'rw']);
    const update = h.posted.filter((m) => m.type === 'update').at(-1)!;
    assert.ok(update.type === 'update');
    assert.deepEqual(
      update.view.sets.map((s) => [s.kind, s.password]),
      [
        ['ro', 'NewROPassword234'],
        ['rw', undefined],
      ],
    );
    assert.deepEqual(h.last(), { type: 'notice', text: 'New read/write password set. The old one no longer works.', error: false });
  });

  it('says what failed in the panel, and ignores (and logs) a message that is not of the protocol', async () => {
    const h = harness();
    h.controller['deps'].fetchPassword = () => Promise.reject(new Error('this needs the editor role in workspace "sante"'));
    await h.controller.receive({ type: 'reveal', kind: 'rw' });
    assert.deepEqual(h.last(), { type: 'notice', text: 'this needs the editor role in workspace "sante"', error: true });
    const before = h.posted.length;
    await h.controller.receive({ type: 'reveal', kind: 'superuser' });
    await h.controller.receive({ type: 'copy', kind: 'ro' });
    await h.controller.receive('<script>');
    assert.equal(h.posted.length, before);
    assert.equal(h.warnings.length, 3);
  });

  it('an editor is offered no regeneration', async () => {
    const h = harness('editor');
    await h.controller.receive({ type: 'ready' });
    const init = h.last();
    assert.ok(init.type === 'init' && init.view.canRegenerate === false);
  });
});

// The "Connect to a Server" form's controller, driven by the webview's own
// messages in plain Node: how the form opens, what a test says, what is
// saved and where the passphrase comes from. PostgreSQL is behind `probe`
// and `initialize` here; the e2e tier drives the same form against a real one.
import * as assert from 'node:assert/strict';
import { M } from '../../src/core/messages';
import type { ServerProfile } from '../../src/core/serverProfile';
import { CatalogError } from '../../src/postgres/catalog/catalogError';
import type { Login } from '../../src/postgres/connect';
import type { ServerProbe } from '../../src/postgres/probeServer';
import { ConnectServerController, type ConnectServerDeps, type FileDialog } from '../../src/features/servers/connectServerController';
import { toWebviewSchema, type ConnectForm, type ToWebview } from '../../src/protocol/connectServer';
import { CONNECT_SERVER_STRINGS } from '../../src/protocol/connectServerStrings';

const FORM: ConnectForm = { label: 'Team', host: 'db.example.org', port: '5432', user: 'alice', sslmode: 'verify-full', sslrootcert: '/etc/ca.pem', sslcert: '', sslkey: '', catalogDatabase: 'openhexa', pooler: false };
const PROBE: ServerProbe = { version: '16.4', versionNum: 160004, superuser: false, createDb: true, createRole: true, catalogExists: true, tls: { protocol: 'TLSv1.3', verified: 'host', clientCertificate: false } };

function err(message: string, code?: string): Error {
  return Object.assign(new Error(message), code ? { code } : {});
}

function harness(options: { env?: Record<string, string>; initial?: Partial<ConnectForm>; probe?: () => Promise<ServerProbe>; initialize?: () => Promise<unknown>; save?: () => Promise<void>; picked?: string; stored?: string } = {}) {
  const posted: ToWebview[] = [];
  const logins: Omit<Login, 'database'>[] = [];
  const saved: [ServerProfile, string | undefined, string, string | undefined][] = [];
  const dialogs: FileDialog[] = [];
  const informed: string[] = [];
  const warnings: string[] = [];
  let closed = false;
  const deps: ConnectServerDeps = {
    // Every message the controller sends must pass the protocol, as the panel host checks it.
    post: (message) => posted.push(toWebviewSchema.parse(message)),
    // "Translated" visibly, so a string that skipped translation shows.
    t: (text, ...args) => `«${text.replace(/\{(\d+)\}/g, (_h, i: string) => String(args[Number(i)]))}»`,
    log: { debug: () => undefined, info: () => undefined, warn: (m) => warnings.push(m), error: () => undefined },
    place: { env: options.env ?? {}, home: '/home/alice', platform: 'linux' },
    workspaceScopeAvailable: true,
    initial: options.initial ?? {},
    pickFile: async (dialog) => {
      dialogs.push(dialog);
      return options.picked;
    },
    probe: async (login) => {
      logins.push(login);
      return (options.probe ?? (async () => PROBE))();
    },
    initialize: async (login) => {
      logins.push(login);
      return (options.initialize ?? (async () => undefined))();
    },
    storedPassphrase: async () => options.stored,
    save: async (profile, password, scope, passphrase) => {
      saved.push([profile, password, scope, passphrase]);
      await options.save?.();
    },
    inform: (text) => informed.push(text),
    close: () => void (closed = true),
  };
  const controller = new ConnectServerController(deps);
  const outcome = () => {
    const last = posted.at(-1);
    assert.equal(last?.type, 'testResult');
    return (last as Extract<ToWebview, { type: 'testResult' }>).outcome;
  };
  return { controller, posted, logins, saved, dialogs, informed, warnings, outcome, closed: () => closed };
}

describe('connect form controller (driven by its messages)', () => {
  it('opens with libpq\'s environment where the user gave nothing, what a script gave over it, and every string translated', async () => {
    const h = harness({ env: { PGSSLMODE: 'verify-ca', PGSSLROOTCERT: '/env/ca.pem' }, initial: { host: 'given.example.org' } });
    await h.controller.receive({ type: 'ready' });
    const init = h.posted[0];
    assert.ok(init?.type === 'init');
    assert.equal(init.form.sslmode, 'verify-ca');
    assert.equal(init.form.sslrootcert, '/env/ca.pem');
    assert.equal(init.form.host, 'given.example.org');
    assert.equal(init.form.port, '5432');
    assert.equal(init.tlsDefaults.sslcert, '/home/alice/.postgresql/postgresql.crt');
    assert.deepEqual(Object.keys(init.strings).sort(), [...CONNECT_SERVER_STRINGS].sort());
    assert.ok(Object.values(init.strings).every((s) => s.startsWith('«')));
  });

  it('refuses a bad form field by field, in the user\'s language, without connecting', async () => {
    const h = harness();
    await h.controller.receive({ type: 'test', form: { ...FORM, port: '99999', host: '' }, password: 'pw', keyPassphrase: '' });
    assert.deepEqual(h.posted, [{ type: 'saveFailed', fieldErrors: { port: `«${M.portRange}»`, host: `«${M.hostRequired}»` } }]);
    assert.deepEqual(h.logins, []);
  });

  it('says a verified TLS connection and a present catalog', async () => {
    const h = harness();
    await h.controller.receive({ type: 'test', form: FORM, password: 'pw', keyPassphrase: '' });
    assert.deepEqual(h.posted[0], { type: 'busy', what: 'test' });
    const outcome = h.outcome();
    assert.ok(outcome.ok);
    assert.equal(outcome.summary, '«Connected to PostgreSQL 16.4 as alice.» «The catalog database "openhexa" is there.»');
    assert.equal(outcome.tlsState, 'verified');
    assert.match(outcome.tls ?? '', /TLSv1\.3.*names db\.example\.org/);
    assert.equal(outcome.canInitialize, false);
    assert.equal(outcome.warning, undefined);
    assert.equal(h.logins[0]?.sslmode, 'verify-full');
    assert.equal(h.logins[0]?.password, 'pw');
  });

  it('warns about a superuser, and says what a login lacks to initialize a missing catalog', async () => {
    const h = harness({ probe: async () => ({ ...PROBE, tls: undefined, catalogExists: false, createRole: false }) });
    await h.controller.receive({ type: 'test', form: { ...FORM, sslmode: 'disable', sslrootcert: '' }, password: '', keyPassphrase: '' });
    let outcome = h.outcome();
    assert.ok(outcome.ok);
    assert.equal(outcome.tlsState, 'off');
    assert.equal(outcome.canInitialize, false);
    assert.match(outcome.initHint ?? '', /cannot create it \(missing CREATEROLE\)/);
    assert.equal(h.logins[0]?.password, undefined, 'an empty password field is no password (the password file applies)');
    const su = harness({ probe: async () => ({ ...PROBE, superuser: true, catalogExists: false, createDb: false, createRole: false }) });
    await su.controller.receive({ type: 'test', form: FORM, password: 'pw', keyPassphrase: '' });
    outcome = su.outcome();
    assert.ok(outcome.ok);
    assert.equal(outcome.warning, `«${M.superuserWarning}»`);
    assert.equal(outcome.canInitialize, true);
  });

  it('says a failure in plain words, with what to do next beside it', async () => {
    const wrong = harness({ probe: () => Promise.reject(err('password authentication failed for user "alice"', '28P01')) });
    await wrong.controller.receive({ type: 'test', form: FORM, password: 'nope', keyPassphrase: '' });
    assert.deepEqual(wrong.outcome(), { ok: false, message: `«${M.authFailed}»`, detail: 'password authentication failed for user "alice"' });
    assert.equal(wrong.warnings.length, 1);
    const untrusted = harness({ probe: () => Promise.reject(err('self-signed certificate in certificate chain', 'SELF_SIGNED_CERT_IN_CHAIN')) });
    await untrusted.controller.receive({ type: 'test', form: FORM, password: 'pw', keyPassphrase: '' });
    const outcome = untrusted.outcome();
    assert.ok(!outcome.ok);
    assert.equal(outcome.offer, 'pickCaFile');
  });

  it('uses the stored key passphrase when none is typed, and the typed one over it', async () => {
    const h = harness({ stored: 'kept-passphrase' });
    const form = { ...FORM, sslcert: '/c.crt', sslkey: '/c.key' };
    await h.controller.receive({ type: 'test', form, password: 'pw', keyPassphrase: '' });
    await h.controller.receive({ type: 'test', form, password: 'pw', keyPassphrase: 'typed' });
    assert.deepEqual(
      h.logins.map((l) => l.tls?.sslpassword),
      ['kept-passphrase', 'typed'],
    );
  });

  it('initializes the catalog, and says a catalog refusal as the catalog wrote it', async () => {
    const h = harness();
    await h.controller.receive({ type: 'initialize', form: FORM, password: 'pw', keyPassphrase: '' });
    assert.deepEqual(h.posted[0], { type: 'busy', what: 'initialize' });
    assert.ok(h.outcome().ok);
    const refused = harness({ initialize: () => Promise.reject(new CatalogError('missingPrivilege', 'The catalog belongs to another login.')) });
    await refused.controller.receive({ type: 'initialize', form: FORM, password: 'pw', keyPassphrase: '' });
    assert.deepEqual(refused.outcome(), { ok: false, message: 'The catalog belongs to another login.', detail: '' });
  });

  it('saves (a passphrase left empty keeps the stored one), says so and closes; a failed save keeps the form open with why', async () => {
    const h = harness();
    await h.controller.receive({ type: 'save', form: FORM, password: 'pw', keyPassphrase: '', scope: 'workspace' });
    assert.equal(h.saved.length, 1);
    assert.deepEqual(h.saved[0]?.slice(1), ['pw', 'workspace', undefined]);
    assert.equal(h.saved[0]?.[0].port, 5432);
    assert.deepEqual(h.informed, ['«Server "Team" saved.»']);
    assert.equal(h.closed(), true);
    const failing = harness({ save: () => Promise.reject(new Error('settings.json is read-only')) });
    await failing.controller.receive({ type: 'save', form: FORM, password: 'pw', keyPassphrase: 'x', scope: 'user' });
    assert.deepEqual(failing.posted.at(-1), { type: 'saveFailed', fieldErrors: {}, message: '«Could not save the server: settings.json is read-only»' });
    assert.equal(failing.closed(), false);
    assert.deepEqual(failing.informed, []);
  });

  it('a server behind a pooler: the box ticked tests through it as a pooler and saves the profile so; unticked, the profile says nothing of it', async () => {
    const h = harness();
    await h.controller.receive({ type: 'test', form: { ...FORM, pooler: true }, password: 'pw', keyPassphrase: '' });
    await h.controller.receive({ type: 'test', form: FORM, password: 'pw', keyPassphrase: '' });
    assert.deepEqual(
      h.logins.map((l) => l.pooler),
      [true, undefined],
    );
    await h.controller.receive({ type: 'save', form: { ...FORM, pooler: true }, password: 'pw', keyPassphrase: '', scope: 'user' });
    assert.equal(h.saved[0]?.[0].pooler, true);
    const plain = harness();
    await plain.controller.receive({ type: 'save', form: FORM, password: 'pw', keyPassphrase: '', scope: 'user' });
    assert.equal('pooler' in plain.saved[0]![0], false);
  });

  it('opens the file dialog of the TLS file asked for, and fills the field only with a file chosen', async () => {
    const h = harness({ picked: '/certs/ca.pem' });
    await h.controller.receive({ type: 'pickFile', field: 'sslrootcert', current: '' });
    assert.equal(h.dialogs[0]?.title, '«Choose the CA certificate»');
    assert.deepEqual(h.posted, [{ type: 'filePicked', field: 'sslrootcert', path: '/certs/ca.pem' }]);
    const none = harness();
    await none.controller.receive({ type: 'pickFile', field: 'sslkey', current: '/old.key' });
    assert.deepEqual(none.posted, []);
  });

  it('ignores and logs a message outside the protocol, and closes on Cancel', async () => {
    const h = harness();
    await h.controller.receive({ type: 'save', form: FORM });
    await h.controller.receive({ type: 'drop tables' });
    assert.deepEqual(h.posted, []);
    assert.equal(h.warnings.length, 2);
    await h.controller.receive({ type: 'cancel' });
    assert.equal(h.closed(), true);
  });
});

// The connection form's controller, driven by the webview's own messages in
// plain Node: what reaches the webview, what is saved, when secrets leave
// the server, and what the user is told.
import * as assert from 'node:assert/strict';
import type { ConnectionField } from '../../src/core/connections/connectionType';
import type { ConnectionTypeId } from '../../src/core/connections/types';
import { ConnectionFormController, type ConnectionFormTarget } from '../../src/features/connections/form/connectionFormController';
import { CatalogError } from '../../src/postgres/catalog/catalogError';
import type { ConnectionAccess, ConnectionEdit, NewConnection, StoredField } from '../../src/postgres/connections/connectionCalls';
import { connectionFormToWebviewSchema, type ConnectionFormToWebview } from '../../src/protocol/connectionForm';
import type { TestOutcome } from '../../src/testers/testOutcome';

const SECRET = 'S3cr3t-«never-in-the-webview»';
const STORED: ConnectionField[] = [
  { code: 'host', value: 'db.example.org', secret: false },
  { code: 'port', value: '5432', secret: false },
  { code: 'db_name', value: 'malaria', secret: false },
  { code: 'username', value: 'analyst', secret: false },
  { code: 'password', value: SECRET, secret: true },
];

const PG_DRAFT = {
  type: 'postgresql' as const,
  name: 'Malaria DB',
  identifier: 'malaria-db',
  description: '',
  fields: [
    { code: 'host', secret: false, value: 'db.example.org' },
    { code: 'port', secret: false, value: '5432' },
    { code: 'db_name', secret: false, value: 'malaria' },
    { code: 'username', secret: false, value: 'analyst' },
    { code: 'password', secret: true, value: 'typed' },
    { code: 'sslmode', secret: false, value: 'prefer' },
  ],
};

function harness(target: Partial<ConnectionFormTarget> = {}, options: { outcome?: (signal: AbortSignal) => Promise<TestOutcome>; failCreate?: Error } = {}) {
  const posted: ConnectionFormToWebview[] = [];
  const reads: ConnectionAccess[] = [];
  const created: NewConnection[] = [];
  const updates: ConnectionEdit[] = [];
  const tested: Record<string, string>[] = [];
  const saved: unknown[] = [];
  const warnings: string[] = [];
  let closed = false;
  const controller = new ConnectionFormController(
    {
      // Every message must pass the protocol, as the panel host checks it.
      post: (message) => posted.push(connectionFormToWebviewSchema.parse(message)),
      t: (text, ...args) => text.replace(/\{(\d+)\}/g, (_h, i: string) => String(args[Number(i)])),
      log: { debug: () => undefined, info: () => undefined, warn: (m) => warnings.push(m), error: () => undefined },
      explain: (err) => `explained: ${String(err)}`,
      list: async () => [{ identifier: 'malaria-db', name: 'Malaria DB', type: 'postgresql', description: 'Routine data', updatedAt: new Date() }],
      fields: async (): Promise<StoredField[]> => STORED.map((f) => (f.secret ? { code: f.code, secret: true, isSet: true } : { code: f.code, secret: false, value: f.value })),
      values: async (_identifier, access) => {
        reads.push(access);
        return STORED;
      },
      create: async (connection) => {
        if (options.failCreate) {
          throw options.failCreate;
        }
        created.push(connection);
        return `${connection.identifier}-3f2a`;
      },
      update: async (_identifier, edit) => void updates.push(edit),
      test: async (type: ConnectionTypeId, values, signal) => {
        tested.push({ ...values });
        if (type === 'custom') {
          return undefined;
        }
        return options.outcome ? options.outcome(signal) : { ok: true, said: { text: 'Connected: PostgreSQL {0}, database {1} as {2}', args: ['18.1', 'malaria', 'analyst'] } };
      },
      copyEnv: async () => undefined,
      changeIdentifier: async () => 'malaria',
      saved: (result) => void saved.push(result),
      edit: () => undefined,
      close: () => void (closed = true),
    },
    { mode: 'create', workspace: { name: 'Santé', slug: 'sante' }, canEdit: true, ...target },
  );
  const last = (): ConnectionFormToWebview => posted.at(-1)!;
  return { controller, posted, reads, created, updates, tested, saved, warnings, last, closed: () => closed };
}

describe('connection form controller (driven by its messages)', () => {
  it('opens an edit with the fields and whether each secret is set, never a secret value, and reads nothing audited', async () => {
    const h = harness({ mode: 'edit', identifier: 'malaria-db' });
    await h.controller.receive({ type: 'ready' });
    const init = h.last();
    assert.ok(init.type === 'init');
    assert.equal(init.connection?.identifier, 'malaria-db');
    assert.deepEqual(init.connection?.fields.find((f) => f.code === 'password'), { code: 'password', secret: true, isSet: true });
    // The others of the workspace (not the one edited): their names and identifiers are checked against.
    assert.deepEqual(init.others, []);
    assert.equal(init.strings['Stored, unchanged'], 'Stored, unchanged', 'the form\'s strings travel with init');
    assert.ok(!JSON.stringify(h.posted).includes(SECRET));
    assert.deepEqual(h.reads, []);
  });

  it('creates what the form describes, and says so with the identifier the server gave', async () => {
    const h = harness();
    await h.controller.receive({ type: 'ready' });
    // The workspace has a "Malaria DB" already: the same name is refused before anything is sent (issue 24).
    await h.controller.receive({ type: 'save', draft: PG_DRAFT });
    const twin = h.last();
    assert.ok(twin.type === 'saveFailed' && /Another connection of this workspace is named "Malaria DB" \(malaria-db\)/.test(twin.problems.name ?? ''));
    assert.equal(h.created.length, 0);
    await h.controller.receive({ type: 'save', draft: { ...PG_DRAFT, name: 'Malaria DB 2' } });
    assert.equal(h.created.length, 1);
    assert.deepEqual(h.created[0]!.fields.map((f) => f.code), ['host', 'port', 'db_name', 'username', 'password', 'sslmode']);
    assert.deepEqual(h.created[0]!.fields.find((f) => f.code === 'password'), { code: 'password', secret: true, value: 'typed' });
    assert.deepEqual(h.saved, [{ identifier: 'malaria-db-3f2a', proposed: 'malaria-db', name: 'Malaria DB 2', created: true }]);
  });

  it('refuses to save while a field is invalid, saying where, and sends nothing to the server', async () => {
    const h = harness();
    await h.controller.receive({ type: 'save', draft: { ...PG_DRAFT, identifier: '2024-survey', fields: PG_DRAFT.fields.map((f) => (f.code === 'port' ? { ...f, value: '99999' } : f)) } });
    const refused = h.last();
    assert.ok(refused.type === 'saveFailed');
    assert.deepEqual(Object.keys(refused.problems).sort(), ['field:port', 'identifier']);
    assert.match(refused.problems.identifier!, /starts with a digit, and so would its environment variables \(2024_SURVEY_…\)/);
    assert.deepEqual(h.created, []);
  });

  it('an edit that leaves the password alone sends no value for it (OpenHEXA #497), whatever type the webview claims', async () => {
    const h = harness({ mode: 'edit', identifier: 'malaria-db' });
    await h.controller.receive({ type: 'ready' });
    const fields = PG_DRAFT.fields.map((f) => (f.code === 'password' ? { code: 'password', secret: true } : f));
    await h.controller.receive({ type: 'save', draft: { ...PG_DRAFT, type: 'custom', name: 'Malaria (routine)', fields } });
    assert.equal(h.updates.length, 1);
    assert.equal(h.updates[0]!.name, 'Malaria (routine)');
    assert.deepEqual(h.updates[0]!.fields.find((f) => f.code === 'password'), { code: 'password', secret: true });
    assert.deepEqual(h.reads, [], 'saving read no secret');
  });

  it('tests a new connection with the typed values, and an edit with the stored secret it keeps (that read audited as a test)', async () => {
    const fresh = harness();
    await fresh.controller.receive({ type: 'test', draft: PG_DRAFT });
    assert.equal(fresh.tested[0]!.password, 'typed');
    assert.deepEqual(fresh.reads, []);
    const result = fresh.last();
    assert.ok(result.type === 'testResult' && result.ok);
    assert.equal(result.text, 'Connected: PostgreSQL 18.1, database malaria as analyst');

    const edit = harness({ mode: 'edit', identifier: 'malaria-db' });
    await edit.controller.receive({ type: 'ready' });
    await edit.controller.receive({ type: 'test', draft: { ...PG_DRAFT, fields: PG_DRAFT.fields.map((f) => (f.code === 'password' ? { code: 'password', secret: true } : f)) } });
    assert.deepEqual(edit.reads, ['test']);
    assert.equal(edit.tested[0]!.password, SECRET);
    assert.ok(!JSON.stringify(edit.posted).includes(SECRET), 'the stored secret was used, not shown');
  });

  it('a test can be cancelled, and says so', async () => {
    const h = harness({}, { outcome: (signal) => new Promise((resolve) => signal.addEventListener('abort', () => resolve({ ok: false, said: { text: 'Test cancelled', args: [] } }))) });
    const running = h.controller.receive({ type: 'test', draft: PG_DRAFT });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(h.last().type, 'busy');
    await h.controller.receive({ type: 'cancelTest' });
    await running;
    assert.equal(h.last().type, 'testCancelled');
  });

  it('the read-only view reveals a secret only when asked, each reveal an audited read', async () => {
    const h = harness({ mode: 'view', identifier: 'malaria-db', canEdit: false });
    await h.controller.receive({ type: 'ready' });
    assert.ok(!JSON.stringify(h.posted).includes(SECRET));
    await h.controller.receive({ type: 'reveal', code: 'password' });
    assert.deepEqual(h.last(), { type: 'revealed', code: 'password', value: SECRET });
    assert.deepEqual(h.reads, ['reveal']);
    // The view cannot save, nor reveal outside itself.
    await h.controller.receive({ type: 'save', draft: PG_DRAFT });
    assert.deepEqual(h.updates, []);
    const edit = harness({ mode: 'edit', identifier: 'malaria-db' });
    await edit.controller.receive({ type: 'reveal', code: 'password' });
    assert.deepEqual(edit.reads, []);
  });

  it('says what the server refused, in its words, and keeps the form', async () => {
    const h = harness({}, { failCreate: new CatalogError('notAllowed', 'only the admins of workspace "sante" may do this') });
    await h.controller.receive({ type: 'save', draft: PG_DRAFT });
    const failed = h.last();
    assert.ok(failed.type === 'saveFailed');
    assert.match(failed.message!, /The server refused: only the admins .* refresh the Workspaces view/);
    assert.deepEqual(h.saved, []);
    assert.equal(h.closed(), false);
  });

  it('ignores malformed messages', async () => {
    const h = harness();
    await h.controller.receive({ type: 'save', draft: { ...PG_DRAFT, type: 'oracle' } });
    await h.controller.receive({ type: 'reveal' });
    assert.deepEqual(h.posted, []);
    assert.equal(h.warnings.length, 2);
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { T } from '../../src/testers/testerMessages';
import { O } from '../../src/openhexa/openHexaMessages';
import { M } from '../../src/core/messages';
import { CONNECT_SERVER_STRINGS } from '../../src/protocol/connectServerStrings';
import { connectionFormStrings } from '../../src/protocol/connectionFormStrings';
import { CREDENTIALS_STRINGS } from '../../src/protocol/credentialsStrings';
import { PREVIEW_STRINGS } from '../../src/protocol/previewStrings';
import { QUERY_RESULTS_STRINGS } from '../../src/protocol/queryResultsStrings';
import * as vscode from 'vscode';
import { COMMANDS } from '../../src/features';
import { command } from '../../src/platform/commands/command';
import { registerCommands } from '../../src/platform/commands/registerCommands';
import type { Services } from '../../src/platform/services';
import { contextValue, everyContextValue } from '../../src/platform/tree/contextValues';
import type { NodeDef, TreeContext } from '../../src/platform/tree/nodeDef';
import { NODE_KINDS, type TreeNode } from '../../src/features/nodeKinds';
import type { WorkspaceRole } from '../../src/core/roles';
import type { TableKind } from '../../src/postgres/workspace/tables';
import { catalogSource } from '../../src/sources/catalogSource';
import { TableBrowsing } from '../../src/features/workspaces/tableBrowsing';
import { instanceSource } from '../../src/sources/instanceSource';
import type { WorkspaceSource } from '../../src/sources/workspaceSource';
import { recorded } from '../mocks/vscode';

const ROOT = path.join(__dirname, '..', '..', '..');
const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as T;

interface Manifest {
  engines: { vscode: string };
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
  };
}
const manifest = readJson<Manifest>('package.json');
const nls = readJson<Record<string, string>>('package.nls.json');
const nlsFr = readJson<Record<string, string>>('package.nls.fr.json');
const bundleFr = readJson<Record<string, string>>('l10n/bundle.l10n.fr.json');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** English strings passed as literals to l10n.t(...), to a controller's t(...), or said by the rules (said(...)), anywhere in src/. */
function l10nLiterals(): string[] {
  const found = new Set<string>();
  for (const file of sourceFiles(path.join(ROOT, 'src'))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:l10n\.t|\bt|\bsaid)\(\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")/g)) {
      found.add(match[1] !== undefined ? match[1].replace(/\\'/g, "'") : match[2]!.replace(/\\"/g, '"'));
    }
  }
  return [...found];
}

describe('manifest and translations', () => {
  it('declares VS Code 1.100, compiles against no newer API, and is tested in the code-server of that release', () => {
    const minor = (version: string): number => {
      const found = /^\^?1\.(\d+)\./.exec(version);
      assert.ok(found, version);
      return Number(found[1]);
    };
    const engine = minor(manifest.engines.vscode);
    assert.ok(engine <= 100, `engines.vscode ${manifest.engines.vscode}: code-server 4.100 could not run it`);
    // An API newer than the engine would type-check and then be missing at run time.
    const types = readJson<{ version: string }>('node_modules/@types/vscode/package.json').version;
    assert.ok(minor(types) <= engine, `@types/vscode ${types} is newer than engines.vscode ${manifest.engines.vscode}`);
    // code-server 4.N bundles VS Code 1.N: the host and e2e tiers run the oldest release we declare.
    const harness = readJson<{ dependencies: Record<string, string> }>('scripts/harness/package.json').dependencies['code-server'] ?? '';
    assert.equal(/^4\.(\d+)\./.exec(harness)?.[1], String(engine), `the harness runs code-server ${harness}`);
  });

  it('has an English text for every %key% the manifest uses', () => {
    const keys = [...JSON.stringify(manifest).matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]!);
    assert.ok(keys.length > 5);
    assert.deepEqual(keys.filter((k) => !(k in nls)), []);
  });

  it('translates every manifest string into French', () => {
    assert.deepEqual(Object.keys(nls).filter((k) => !(k in nlsFr)), []);
    assert.deepEqual(Object.keys(nlsFr).filter((k) => !(k in nls)), [], 'French keys with no English original');
  });

  it('translates every runtime string of the extension into French', () => {
    const english = [...l10nLiterals(), ...CONNECT_SERVER_STRINGS, ...CREDENTIALS_STRINGS, ...PREVIEW_STRINGS, ...QUERY_RESULTS_STRINGS, ...connectionFormStrings(), ...Object.values(M), ...Object.values(T), ...Object.values(O)];
    assert.ok(english.length > 40);
    assert.deepEqual([...new Set(english)].filter((s) => !(s in bundleFr)), []);
  });

  it('writes French colons with a space before them: no label is glued to ": " outside a translated string', () => {
    // A translated label followed by a literal ": " reads "Hôte: …" in French; labelled()/'{0}: {1}' translate the colon too.
    const glued: string[] = [];
    for (const file of [...sourceFiles(path.join(ROOT, 'src')), ...sourceFiles(path.join(ROOT, 'webview'))]) {
      for (const match of fs.readFileSync(file, 'utf8').matchAll(/\bt\((?:'[^']*'|[^()]*)\)\}: /g)) {
        glued.push(`${path.relative(ROOT, file)}: ${match[0]}`);
      }
    }
    assert.deepEqual(glued, []);
    for (const [english, french] of [...Object.entries(bundleFr), ...Object.entries(nlsFr)]) {
      assert.doesNotMatch(french.replace(/\w+:\/\/|\(command:[^)]*\)|"[^"]*": /g, ''), /[^\s:]: /, english);
    }
  });

  it('keeps the role a tree row shows short in French, so it fits the default sidebar width beside a workspace name', () => {
    for (const role of ['Viewer', 'Editor', 'Admin']) {
      assert.ok(bundleFr[role]!.length <= 8, `${role}: "${bundleFr[role]}"`);
    }
  });

  it('keeps the {n} placeholders of each string in its French translation', () => {
    for (const [english, french] of Object.entries(bundleFr)) {
      const holes = (s: string): string[] => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();
      assert.deepEqual(holes(french), holes(english), english);
    }
  });

  it('titles every command and puts it in the OpenHEXA category', () => {
    for (const command of manifest.contributes.commands) {
      assert.match(command.command, /^openhexa\./);
      assert.equal(command.category, 'OpenHEXA', command.command);
      assert.ok(command.title.startsWith('%') && command.title.slice(1, -1) in nls, command.command);
    }
  });

  it('contributes every command of the registry, and registers nothing it does not contribute', () => {
    const registered = COMMANDS.map((c) => c.id).sort();
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(registered, contributed);
    assert.equal(new Set(registered).size, registered.length, 'a command id is defined twice');
  });

  it('registers each command of the registry with VS Code, wrapped so a failure is said, not thrown', async () => {
    const subscriptions: { dispose(): unknown }[] = [];
    const services = { log: { error: () => undefined } } as unknown as Services;
    const broken = command('openhexa.unitBroken', [], () => Promise.reject(new Error('the server went away')));
    registerCommands({ subscriptions } as unknown as vscode.ExtensionContext, services, [...COMMANDS, broken]);
    assert.equal(subscriptions.length, COMMANDS.length + 1);
    recorded.reset();
    assert.equal(await vscode.commands.executeCommand('openhexa.unitBroken'), undefined);
    assert.deepEqual(recorded.messages, [{ level: 'error', text: 'OpenHEXA: the server went away' }]);
    subscriptions.forEach((s) => s.dispose());
  });

  const menuItems = manifest.contributes.menus['view/item/context'] ?? [];
  /**
   * Which commands a node with this contextValue may show, evaluating each
   * `viewItem =~ /.../` or `viewItem == ...`; `viewItem in <key>` (a server
   * row, by what its listing found at run time) may hold for any server row.
   */
  const shown = (context: string): string[] =>
    menuItems
      .filter(({ when = '' }) => {
        const regex = /viewItem =~ \/(.+)\/(?:\s|$)/.exec(when);
        const equal = /viewItem == (\S+)/.exec(when);
        const among = /viewItem in openhexa\.servers\w+/.test(when);
        return regex ? new RegExp(regex[1]!).test(context) : equal ? equal[1] === context : among ? context.startsWith('server:') : false;
      })
      .map((item) => item.command)
      .sort();

  it('matches each tree menu to a node that exists (contextValues come from the one builder the nodes use)', () => {
    const values = everyContextValue();
    for (const item of menuItems) {
      assert.ok(
        values.some((v) => shown(v).includes(item.command)),
        `${item.command} (${item.when}) matches no node`,
      );
    }
  });

  // Each row's menu as the tree shows it: the row built over a source, its contextValue matched against the manifest.
  const ctx = {} as TreeContext;
  const ready = (role: WorkspaceRole) => ({ slug: 'malaria', name: 'Malaria', dbName: 'ws_malaria', role, status: 'ready' as const });
  const services = { tree: { context: { browsing: new TableBrowsing() } } } as unknown as Services;
  const onServer = (role: WorkspaceRole, platformAdmin = false) => catalogSource(services, { profile: { host: '127.0.0.1', port: 5432, user: 'ana', label: 'Team', catalogDatabase: 'openhexa' }, workspace: ready(role), platformAdmin });
  const onInstance = (role: WorkspaceRole) =>
    instanceSource({} as Services, { server: 'https://api.openhexa.example', email: 'ana@example.org', displayName: 'Ana' }, { slug: 'malaria', name: 'Malaria', role, may: { update: role !== 'viewer', manageMembers: role === 'admin', createConnection: role !== 'viewer', deleteDatabaseTable: role !== 'viewer' } });
  const menu = (node: TreeNode): string[] => shown(String((NODE_KINDS[node.kind] as NodeDef<TreeNode>).item(node, ctx).contextValue));
  const table = (source: WorkspaceSource, kind: TableKind = 'table'): TreeNode => ({ kind: 'table', source, table: { oid: 1, schema: 'public', name: 'cases', kind, rows: 10, rowsExact: true, bytes: 8192, readable: true } });

  it('offers workspace actions on the tree only to the roles that may use them', () => {
    const notebooks = ['openhexa.openTerminal', 'openhexa.removeEnvBlock', 'openhexa.writeEnv'];
    const forAdmin = ['openhexa.addMember', 'openhexa.newQuery', 'openhexa.queryHistory', 'openhexa.refresh', 'openhexa.regeneratePassword', 'openhexa.showCredentials', 'openhexa.showCredentials', ...notebooks].sort();
    const workspace = (source: WorkspaceSource): string[] => menu({ kind: 'workspace', source });
    assert.deepEqual(workspace(onServer('viewer')), ['openhexa.newQuery', 'openhexa.queryHistory', 'openhexa.refresh']);
    assert.deepEqual(workspace(onServer('editor')), ['openhexa.newQuery', 'openhexa.queryHistory', 'openhexa.refresh', 'openhexa.showCredentials', 'openhexa.showCredentials', ...notebooks].sort());
    assert.deepEqual(workspace(onServer('admin')), forAdmin);
    assert.deepEqual(workspace(onServer('admin', true)), [...forAdmin, 'openhexa.archiveWorkspace', 'openhexa.deleteWorkspace'].sort());
    assert.deepEqual(workspace(onServer('viewer', true)), ['openhexa.archiveWorkspace', 'openhexa.deleteWorkspace', 'openhexa.newQuery', 'openhexa.queryHistory', 'openhexa.refresh']);
    // An archived workspace (only platform admins see it) offers restoring or deleting it, nothing that reaches its database.
    assert.deepEqual(shown(contextValue.archivedWorkspace()), ['openhexa.deleteWorkspace', 'openhexa.restoreWorkspace']);
    // Notebooks need credentials: a viewer's Database, tables and connections offer neither a snippet nor .env.
    const notebook = (node: TreeNode): string[] => menu(node).filter((c) => c === 'openhexa.insertSnippet' || c === 'openhexa.writeEnv');
    for (const role of ['editor', 'admin'] as const) {
      assert.deepEqual(notebook({ kind: 'database', source: onServer(role) }), ['openhexa.insertSnippet', 'openhexa.writeEnv'], role);
      assert.deepEqual(notebook(table(onServer(role), 'materialized view')), ['openhexa.insertSnippet'], role);
    }
    for (const node of [{ kind: 'database', source: onServer('viewer') } as const, table(onServer('viewer'))]) {
      assert.deepEqual(notebook(node), [], node.kind);
    }
    assert.deepEqual(menu(table(onServer('viewer'))), ['openhexa.countRows', 'openhexa.previewTable', 'openhexa.previewTable', 'openhexa.queryTable']);
  });

  it("offers a saved query's actions as OpenHEXA's rules allow: edit to its author or an editor of a shared one, sharing to its author, a notebook cell to who has credentials", () => {
    const read = ['openhexa.openSavedQuery', 'openhexa.runSavedQuery', 'openhexa.runSavedQuery'];
    assert.deepEqual(shown(contextValue.savedQuery(false, false, 'WORKSPACE', 'viewer')), read.sort());
    assert.deepEqual(shown(contextValue.savedQuery(true, true, 'PRIVATE', 'viewer')), [...read, 'openhexa.changeQueryVisibility', 'openhexa.deleteSavedQuery', 'openhexa.renameSavedQuery'].sort());
    assert.deepEqual(shown(contextValue.savedQuery(true, false, 'WORKSPACE', 'editor')), [...read, 'openhexa.deleteSavedQuery', 'openhexa.insertSnippet', 'openhexa.renameSavedQuery'].sort());
    assert.deepEqual(shown(contextValue.savedQuery(true, true, 'WORKSPACE', 'admin')), [...read, 'openhexa.changeQueryVisibility', 'openhexa.deleteSavedQuery', 'openhexa.insertSnippet', 'openhexa.renameSavedQuery'].sort());
  });

  it("offers on a connection row exactly what the source's rules allow there (each kind's rows are the same rows)", () => {
    const none = { view: false, edit: false, delete: false, rename: false };
    const values = ['openhexa.copyConnectionEnv', 'openhexa.insertSnippet', 'openhexa.openConnection', 'openhexa.testConnection', 'openhexa.writeEnv'];
    assert.deepEqual(shown(contextValue.connection(none)), []);
    assert.deepEqual(shown(contextValue.connection({ ...none, view: true })), values);
    assert.deepEqual(shown(contextValue.connection({ ...none, view: true, edit: true })), [...values, 'openhexa.editConnection'].sort());
    assert.deepEqual(shown(contextValue.connection({ ...none, view: true, edit: true, delete: true })), [...values, 'openhexa.deleteConnection', 'openhexa.editConnection'].sort());
    assert.deepEqual(shown(contextValue.connection({ view: true, edit: true, delete: true, rename: true })), [...values, 'openhexa.changeConnectionIdentifier', 'openhexa.deleteConnection', 'openhexa.editConnection'].sort());
    // A notebook needs the values: without them, no snippet nor .env.
    assert.deepEqual(shown(contextValue.connection({ view: false, edit: true, delete: true, rename: true })), ['openhexa.changeConnectionIdentifier', 'openhexa.deleteConnection', 'openhexa.editConnection']);
    assert.deepEqual(shown(contextValue.connections({ create: false, env: false })), []);
    assert.deepEqual(shown(contextValue.connections({ create: false, env: true })), ['openhexa.writeEnv']);
    assert.deepEqual(shown(contextValue.connections({ create: true, env: false })), ['openhexa.newConnection', 'openhexa.newConnection']);
    assert.deepEqual(shown(contextValue.connections({ create: true, env: true })), ['openhexa.newConnection', 'openhexa.newConnection', 'openhexa.writeEnv']);
  });

  it("offers managing members only where the source allows it, and never on the user's own row", () => {
    assert.deepEqual(shown(contextValue.members(true)), ['openhexa.addMember']);
    assert.deepEqual(shown(contextValue.members(false)), []);
    assert.deepEqual(shown(contextValue.member(true)), ['openhexa.changeMemberRole', 'openhexa.removeMember']);
    assert.deepEqual(shown(contextValue.member(false)), []);
  });

  it('offers Delete Table to editors and admins only, on tables and views alike (PostgreSQL refuses a viewer anyway)', () => {
    for (const kind of ['table', 'view'] as const) {
      assert.deepEqual(
        (['viewer', 'editor', 'admin'] as const).map((role) => menu(table(onServer(role), kind)).includes('openhexa.deleteTable')),
        [false, true, true],
        kind,
      );
    }
  });

  it("offers on an OpenHEXA instance's rows the server's own commands, exactly those OpenHEXA's rules allow (viewers get no credentials, connections follow their permissions)", () => {
    // The same rows and commands as on a server (one data layer, two kinds), and none only a server has (Delete Table, Count Rows, Import, managing members, saved queries, archiving).
    const asOnServer = (node: TreeNode): string[] => menu(node).filter((c) => c !== 'openhexa.refresh');
    assert.deepEqual(asOnServer({ kind: 'workspace', source: onInstance('viewer') }), []);
    assert.deepEqual(asOnServer({ kind: 'database', source: onInstance('viewer') }), []);
    assert.deepEqual(asOnServer(table(onInstance('viewer'))), ['openhexa.previewTable', 'openhexa.previewTable'], 'a viewer still previews (inline and in the menu)');
    for (const role of ['editor', 'admin'] as const) {
      // OpenHEXA manages its members on its own pages: no Add Member, even for its admins.
      assert.deepEqual(asOnServer({ kind: 'workspace', source: onInstance(role) }), ['openhexa.newQuery', 'openhexa.openTerminal', 'openhexa.regeneratePassword', 'openhexa.removeEnvBlock', 'openhexa.showCredentials', 'openhexa.showCredentials', 'openhexa.writeEnv'], role);
      assert.deepEqual(asOnServer({ kind: 'database', source: onInstance(role) }), ['openhexa.insertSnippet', 'openhexa.newQuery', 'openhexa.writeEnv'], role);
      assert.deepEqual(asOnServer(table(onInstance(role))), ['openhexa.insertSnippet', 'openhexa.previewTable', 'openhexa.previewTable', 'openhexa.queryTable'], role);
    }
    // A connection's own permissions: edit and delete each as OpenHEXA says, its identifier never (OpenHEXA changes it).
    const warehouse = { identifier: 'warehouse', name: 'Warehouse', type: 'postgresql' as const, description: '', updatedAt: new Date(0) };
    const values = ['openhexa.copyConnectionEnv', 'openhexa.insertSnippet', 'openhexa.openConnection', 'openhexa.testConnection', 'openhexa.writeEnv'];
    assert.deepEqual(asOnServer({ kind: 'connection', source: onInstance('editor'), connection: { ...warehouse, may: { update: true, delete: false } } }), [...values, 'openhexa.editConnection'].sort());
    assert.deepEqual(asOnServer({ kind: 'connection', source: onInstance('admin'), connection: { ...warehouse, may: { update: true, delete: true } } }), [...values, 'openhexa.deleteConnection', 'openhexa.editConnection'].sort());
    assert.deepEqual(asOnServer({ kind: 'connection', source: onInstance('admin'), connection: { ...warehouse, may: { update: false, delete: false } } }), []);
    assert.deepEqual(asOnServer({ kind: 'instance', profile: { server: 'https://api.openhexa.example', email: 'ana@example.org', displayName: 'Ana' } }).filter((c) => c !== 'openhexa.signOutOpenHexa'), []);
  });

  it('offers Import File into a Table on the Database and on each schema, to editors and admins only', () => {
    const schema = { name: 'public', relations: 3 };
    for (const node of [(source: WorkspaceSource): TreeNode => ({ kind: 'database', source }), (source: WorkspaceSource): TreeNode => ({ kind: 'schema', source, schema })]) {
      assert.deepEqual(
        (['viewer', 'editor', 'admin'] as const).map((role) => menu(node(onServer(role))).includes('openhexa.importFile')),
        [false, true, true],
      );
      assert.equal(menu(node(onInstance('admin'))).includes('openhexa.importFile'), false, 'not on an instance');
    }
  });
});

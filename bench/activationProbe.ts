// Run in a fresh Node process by the activation bench: loads dist/extension.js
// as VS Code's extension host would, then calls activate() with a context of
// its own, and prints the two times as JSON. VS Code's API is the unit tier's
// stand-in, where every part it lacks answers with an object that does
// nothing, so activate() runs its real code and nothing of VS Code's.
/* eslint-disable @typescript-eslint/no-require-imports -- the probe loads each module at the moment it measures */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const [root, preload] = [process.argv[2] ?? '', process.argv[3] === 'preload'];
// Node's modules that VS Code's extension host has loaded before any extension.
const HOST_BUILTINS = ['crypto', 'net', 'tls', 'stream', 'child_process', 'http', 'https', 'os', 'fs', 'path', 'events', 'util', 'url', 'zlib', 'dns', 'string_decoder', 'worker_threads'];

type Anything = ((...args: unknown[]) => Anything) & Record<string | symbol, unknown>;
/** An object that accepts any call, construction or property, and does nothing. */
function nothing(): Anything {
  return new Proxy(function () {} as Anything, {
    get: (_t, p) => (p === 'then' ? undefined : p === Symbol.toPrimitive ? () => '' : nothing()),
    set: () => true,
    defineProperty: () => true,
    apply: () => nothing(),
    construct: () => nothing(),
  });
}

function standInForVscode(): void {
  require(path.join(root, 'out', 'test', 'mocks', 'register.js'));
  const vscode = require('vscode') as Record<string, unknown>;
  for (const ns of ['window', 'workspace', 'commands', 'env', 'languages', 'l10n', 'extensions']) {
    const part = (vscode[ns] ?? {}) as Record<string | symbol, unknown>;
    // The stand-in's own "not mocked" functions throw: here they do nothing instead.
    const wrapped = new Proxy(part, { get: (t, p) => (p in t && !String(t[p]).includes('notMocked') ? t[p] : nothing()) });
    Object.defineProperty(vscode, ns, { value: wrapped, configurable: true, writable: true });
  }
}

function main(): void {
  if (preload) {
    for (const name of HOST_BUILTINS) {
      require(`node:${name}`);
    }
    void globalThis.fetch;
  }
  standInForVscode();
  const { Uri } = require('vscode') as { Uri: { file(p: string): unknown } };
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'openhexa-activation-'));
  const memento = new Map<string, unknown>();
  const context = {
    subscriptions: [] as { dispose(): unknown }[],
    secrets: { get: async () => undefined, store: async () => undefined, delete: async () => undefined, onDidChange: () => ({ dispose: () => undefined }) },
    globalState: { get: (k: string, d?: unknown) => memento.get(k) ?? d, update: async (k: string, v: unknown) => void memento.set(k, v), keys: () => [...memento.keys()], setKeysForSync: () => undefined },
    extension: { id: 'openhexa.openhexa-workspaces', packageJSON: { version: 'bench' } },
    extensionUri: Uri.file(root),
    globalStorageUri: Uri.file(storage),
    extensionPath: root,
  };
  const start = performance.now();
  const extension = require(path.join(root, 'dist', 'extension.js')) as { activate(c: unknown): unknown };
  const loaded = performance.now();
  extension.activate(context);
  const activated = performance.now();
  fs.rmSync(storage, { recursive: true, force: true });
  process.stdout.write(JSON.stringify({ loadMs: loaded - start, activateMs: activated - loaded }));
  // Whatever activate() scheduled (a walkthrough retry) is not the bench's business.
  process.exit(0);
}

main();

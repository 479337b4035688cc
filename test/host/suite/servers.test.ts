import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { serverProfileSchema } from '../../../src/core/serverProfile';
import type { OpenhexaApi } from '../../../src/extension';
import type { TreeNode } from '../../../src/features/nodeKinds';
import { pollUntil } from '../../harness/pollUntil';
import { activeApi } from './extension.test';

const config = () => vscode.workspace.getConfiguration('openhexa');

async function clearServers(): Promise<void> {
  await config().update('servers', undefined, vscode.ConfigurationTarget.Global);
}

describe('server profiles in settings, passwords in secret storage', () => {
  let api: OpenhexaApi;
  before(async () => {
    api = await activeApi();
    await clearServers();
  });
  after(clearServers);

  it('shows no node (so the welcome view shows) when no server is set up', async () => {
    assert.deepEqual(await api.tree.getChildren(), []);
  });

  it('lists a server added to settings, with its login as description', async () => {
    await config().update('servers', [{ label: 'Team "prod" ☂', host: 'db.example.org', user: 'alice' }], vscode.ConfigurationTarget.Global);
    const nodes = await api.tree.getChildren();
    assert.equal(nodes.length, 1);
    const item = api.tree.getTreeItem(nodes[0]!);
    assert.equal(item.label, 'Team "prod" ☂');
    assert.equal(item.description, 'alice@db.example.org:5432');
    assert.match(item.contextValue ?? '', /^server:/);
  });

  it('shows a bad settings entry as an error node instead of failing', async () => {
    await config().update('servers', [{ label: 'Broken', host: 'h', user: 'u', port: 'eighty' }], vscode.ConfigurationTarget.Global);
    const nodes = await api.tree.getChildren();
    const item = api.tree.getTreeItem(nodes[0]!);
    assert.equal((nodes[0] as TreeNode).kind, 'problem');
    assert.equal(item.label, 'Broken');
    assert.match(String(item.description), /Port must be a number/);
  });

  it('saves a profile to settings and its password to secret storage only', async () => {
    await clearServers();
    const profile = serverProfileSchema.parse({ label: 'Saved', host: '127.0.0.1', port: 6543, user: 'bob' });
    await api.store.save(profile, 'pa$$w0rd-ñ', 'user');
    const stored = config().inspect<unknown[]>('servers')?.globalValue;
    assert.deepEqual(stored, [profile]);
    assert.equal(await api.store.password(profile), 'pa$$w0rd-ñ');
    const userData = process.env.OPENHEXA_TEST_USER_DATA;
    if (userData) {
      // code-server: the real settings file on disk holds the profile but not the password.
      const settings = fs.readFileSync(path.join(userData, 'User', 'settings.json'), 'utf8');
      assert.match(settings, /"host": "127\.0\.0\.1"/);
      assert.ok(!settings.includes('pa$$w0rd'), 'password written to settings.json');
    }
    await pollUntil(async () => ((await api.tree.getChildren()).length === 1 ? true : undefined), 'the tree to show the saved server');
  });

  it('saving the same login again replaces the profile instead of duplicating it', async () => {
    const profile = serverProfileSchema.parse({ label: 'Renamed', host: '127.0.0.1', port: 6543, user: 'bob' });
    await api.store.save(profile, '', 'user');
    assert.deepEqual(config().inspect<unknown[]>('servers')?.globalValue, [profile]);
    assert.equal(await api.store.password(profile), 'pa$$w0rd-ñ', 'an empty password keeps the saved one');
  });

  it('removing a server removes its password too', async () => {
    const profile = serverProfileSchema.parse({ label: 'Renamed', host: '127.0.0.1', port: 6543, user: 'bob' });
    await api.store.remove(profile);
    assert.deepEqual(config().inspect<unknown[]>('servers')?.globalValue, []);
    assert.equal(await api.store.password(profile), undefined);
  });

  it('opens the "Connect to a Server" panel as a webview', async () => {
    await vscode.commands.executeCommand('openhexa.connectServer', { host: 'db.example.org', user: 'carol' });
    const tab = await pollUntil(
      () =>
        vscode.window.tabGroups.all
          .flatMap((g) => g.tabs)
          .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('openhexa.connectServer')),
      'the connect panel tab',
    );
    assert.equal(tab.label, vscode.l10n.t('Connect to a Server'));
    await vscode.window.tabGroups.close(tab);
  });
});

/**
 * A PostgreSQL look-alike that asks for the password in clear text (what a
 * server at a host a folder names, or an attacker on the path, can do once
 * TLS is off) and keeps every password it is sent.
 */
async function passwordTrap(): Promise<{ port: number; passwords: string[]; close: () => Promise<void> }> {
  const passwords: string[] = [];
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    socket.on('data', (data: Buffer) => {
      if (data.length >= 8 && data.readInt32BE(4) === 80877103) {
        socket.write('N'); // No TLS here.
      } else if (data[0] === 0x70) {
        passwords.push(data.subarray(5, data.length - 1).toString('utf8'));
        socket.destroy();
      } else {
        // The startup message: ask for the password in clear text (AuthenticationCleartextPassword).
        const ask = Buffer.alloc(9);
        ask.write('R', 0);
        ask.writeInt32BE(8, 1);
        ask.writeInt32BE(3, 5);
        socket.write(ask);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, passwords, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe("a folder's server profile that would weaken your saved login's TLS (issue 23, finding 6)", () => {
  let api: OpenhexaApi;
  let trap: Awaited<ReturnType<typeof passwordTrap>>;
  before(async () => {
    api = await activeApi();
    trap = await passwordTrap();
    await clearServers();
  });
  after(async () => {
    await config().update('servers', undefined, vscode.ConfigurationTarget.Workspace);
    await clearServers();
    await trap.close();
  });

  it('sends the password saved under verify-full nowhere under sslmode=disable until the profile is confirmed by name', async () => {
    assert.ok(vscode.workspace.workspaceFolders?.length, 'the host tier opens a folder');
    const mine = serverProfileSchema.parse({ label: 'Mine', host: '127.0.0.1', port: trap.port, user: 'alice', sslmode: 'verify-full', sslrootcert: '/etc/team-ca.crt' });
    await api.store.save(mine, 'Alice-S3cret', 'user');
    // The folder's .vscode/settings.json repeats the login, without TLS.
    await config().update('servers', [{ label: 'Team (from the folder)', host: '127.0.0.1', port: trap.port, user: 'alice', sslmode: 'disable' }], vscode.ConfigurationTarget.Workspace);
    const server = await pollUntil(async () => (await api.tree.getChildren()).find((n) => n.kind === 'server' && n.profile.sslmode === 'disable'), "the folder's profile in the tree");
    const children = await api.tree.getChildren(server);
    assert.equal(children.length, 1);
    const node = children[0]!;
    assert.equal(node.kind, 'serverError');
    const item = api.tree.getTreeItem(node);
    assert.equal(item.contextValue, 'serverWeakerTls');
    assert.equal(item.command?.command, 'openhexa.confirmWeakerTls');
    assert.match(String(item.label), /weaker TLS \(disable\) than your saved password was saved with \(verify-full\)/);
    assert.deepEqual(trap.passwords, [], 'the password went out under the weaker profile');

    // Once the user confirms this profile, it is sent: the trap shows the guard is what held it back.
    await api.store.acceptTls((server as { profile: Parameters<typeof api.store.acceptTls>[0] }).profile);
    await api.sessions.forget((server as { profile: Parameters<typeof api.store.acceptTls>[0] }).profile);
    api.tree.refresh();
    await pollUntil(async () => {
      await api.tree.getChildren(server);
      return trap.passwords.length > 0 ? true : undefined;
    }, 'the confirmed profile to connect');
    assert.deepEqual(trap.passwords, ['Alice-S3cret']);
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { serverProfileSchema } from '../../../src/core/serverProfile';
import type { OpenhexaApi } from '../../../src/extension';
import type { TreeNode } from '../../../src/features/nodeKinds';
import { waitFor } from '../waitFor';
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
    assert.equal(item.contextValue, 'server');
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
    await waitFor(async () => ((await api.tree.getChildren()).length === 1 ? true : undefined), 'the tree to show the saved server');
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
    const tab = await waitFor(
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

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OpenhexaApi } from '../../../src/extension';

export const EXTENSION_ID = 'openhexa.openhexa-workspaces';

export async function activeApi(): Promise<OpenhexaApi> {
  const extension = vscode.extensions.getExtension<OpenhexaApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  return extension.activate();
}

interface Contributes {
  viewsContainers: { activitybar: { id: string; title: string }[] };
  views: Record<string, { id: string }[]>;
  commands: { command: string }[];
  viewsWelcome: { view: string }[];
}

describe('the extension in a real VS Code', () => {
  it('is installed from its .vsix and activates', async () => {
    const api = await activeApi();
    assert.ok(api.store && api.tree);
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
  });

  it('contributes the OpenHEXA activity-bar container with the Workspaces view and its welcome view', () => {
    const contributes = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes as Contributes;
    assert.deepEqual(
      contributes.viewsContainers.activitybar.map((c) => c.id),
      ['openhexa'],
    );
    assert.deepEqual(contributes.views.openhexa?.map((v) => v.id), ['openhexa.workspaces']);
    assert.ok(contributes.viewsWelcome.some((w) => w.view === 'openhexa.workspaces'));
  });

  it('registers every command it contributes', async () => {
    const contributes = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes as Contributes;
    const all = new Set(await vscode.commands.getCommands(true));
    const missing = contributes.commands.map((c) => c.command).filter((c) => !all.has(c));
    assert.deepEqual(missing, []);
  });

  it('opens its container and view from the command palette commands VS Code generates', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.openhexa');
    await vscode.commands.executeCommand('openhexa.workspaces.focus');
  });

  it('shows its log output channel on "OpenHEXA: Show Logs"', async () => {
    await vscode.commands.executeCommand('openhexa.showLogs');
  });
});

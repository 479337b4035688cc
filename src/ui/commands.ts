import * as vscode from 'vscode';
import { serverProfileSchema, type ServerProfile } from '../core/serverProfile';
import type { Log } from './log';
import { ConnectServerPanel } from './panels/connectServerPanel';
import type { ServerStore } from './serverStore';
import type { TreeNode, WorkspacesTree } from './workspacesTree';

interface Services {
  readonly extensionUri: vscode.Uri;
  readonly log: Log;
  readonly store: ServerStore;
  readonly tree: WorkspacesTree;
}

/** A server from a tree node, a profile object passed by a script, or a pick. */
async function resolveServer(store: ServerStore, arg: unknown): Promise<ServerProfile | undefined> {
  if (arg && typeof arg === 'object' && (arg as TreeNode).kind === 'server') {
    return (arg as Extract<TreeNode, { kind: 'server' }>).profile;
  }
  const given = serverProfileSchema.safeParse(arg);
  if (given.success) {
    return given.data;
  }
  const { profiles } = store.read();
  const picked = await vscode.window.showQuickPick(
    profiles.map((profile) => ({ label: profile.label, description: `${profile.user}@${profile.host}:${profile.port}`, profile })),
    { title: vscode.l10n.t('Remove Server'), placeHolder: vscode.l10n.t('Choose a server') },
  );
  return picked?.profile;
}

export function registerCommands(context: vscode.ExtensionContext, services: Services): void {
  const { extensionUri, log, store, tree } = services;
  const register = (id: string, run: (...args: unknown[]) => unknown): void => {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await run(...args);
        } catch (err) {
          log.error(`Command ${id} failed`, err);
          void vscode.window.showErrorMessage(vscode.l10n.t('OpenHEXA: {0}', err instanceof Error ? err.message : String(err)));
          return undefined;
        }
      }),
    );
  };

  register('openhexa.refresh', () => tree.refresh());
  register('openhexa.showLogs', () => log.show());
  register('openhexa.connectServer', (initial?: unknown) => {
    const form = initial && typeof initial === 'object' ? (initial as Record<string, unknown>) : {};
    const text = (key: string): string | undefined => (typeof form[key] === 'string' || typeof form[key] === 'number' ? String(form[key]) : undefined);
    const prefill = Object.fromEntries(
      (['label', 'host', 'port', 'user', 'catalogDatabase'] as const).flatMap((key) => (text(key) === undefined ? [] : [[key, text(key)]])),
    );
    ConnectServerPanel.show(extensionUri, store, log, prefill);
  });
  register('openhexa.removeServer', async (arg?: unknown) => {
    const profile = await resolveServer(store, arg);
    if (!profile) {
      return;
    }
    const remove = vscode.l10n.t('Remove');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Remove the server "{0}" ({1}@{2}:{3}) and its saved password from VS Code?', profile.label, profile.user, profile.host, profile.port),
      { modal: true, detail: vscode.l10n.t('Nothing on the server itself is changed.') },
      remove,
    );
    if (answer !== remove) {
      return;
    }
    await store.remove(profile);
    log.info(`Removed server profile "${profile.label}"`);
  });
}

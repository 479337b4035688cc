import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { z } from 'zod';
import { OpenHexaApi, OpenHexaError, checkServerUrl } from '../../../openhexa/graphqlClient';
import { signIn } from '../../../openhexa/instanceCalls';
import { DEFAULT_SERVER, fromCliSettings, fromEnvironment, type FoundToken } from '../../../openhexa/tokenSources';
import { command } from '../../../platform/commands/command';
import { say } from '../../../platform/say';
import { hostOf } from '../nodes/instanceNode';

/** The OpenHEXA CLI's settings file (plain text; read only when the user picks one of its tokens). */
const CLI_SETTINGS = path.join(os.homedir(), '.openhexa.ini');

async function cliTokens(): Promise<FoundToken[]> {
  try {
    return fromCliSettings(await fs.readFile(CLI_SETTINGS, 'utf8'));
  } catch {
    return [];
  }
}

/** A token the user already has (HEXA_TOKEN, the CLI's file), if they choose one; 'type' to enter one; undefined: cancelled. */
async function chooseFound(): Promise<FoundToken | 'type' | undefined> {
  const found = [...[fromEnvironment(process.env)].filter((t): t is FoundToken => t !== undefined), ...(await cliTokens())];
  if (found.length === 0) {
    return 'type';
  }
  type Item = vscode.QuickPickItem & { token?: FoundToken };
  const items: Item[] = [
    ...found.map((token) => ({
      label: token.from === 'environment' ? vscode.l10n.t('Use HEXA_TOKEN') : vscode.l10n.t("Use the OpenHEXA CLI's token for {0}", token.workspace ?? ''),
      description: hostOf(token.server),
      detail: token.from === 'environment' ? vscode.l10n.t('From the environment VS Code was started in') : vscode.l10n.t('From {0}, where the CLI keeps it in plain text', CLI_SETTINGS),
      token,
    })),
    { label: vscode.l10n.t('Enter an address and a token…') },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Connect to OpenHEXA'), placeHolder: vscode.l10n.t('An OpenHEXA token was found on this computer: use it?') });
  return picked ? (picked.token ?? 'type') : undefined;
}

async function askServerAndToken(server: string | undefined): Promise<{ server: string; token: string } | undefined> {
  const address = await vscode.window.showInputBox({
    title: vscode.l10n.t('Connect to OpenHEXA (1/2)'),
    prompt: vscode.l10n.t("The address of the instance's API (the OpenHEXA CLI's HEXA_SERVER_URL)"),
    value: server ?? DEFAULT_SERVER,
    ignoreFocusOut: true,
    validateInput: (value) => {
      const wrong = checkServerUrl(value.trim());
      return wrong ? say(wrong) : undefined;
    },
  });
  if (address === undefined) {
    return undefined;
  }
  const token = await vscode.window.showInputBox({
    title: vscode.l10n.t('Connect to OpenHEXA (2/2)'),
    prompt: vscode.l10n.t("An access token: in OpenHEXA, a workspace's \"Get a token\" (editors and admins) or Account settings › Access tokens. Kept in VS Code's secret storage."),
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' ? vscode.l10n.t('Paste the token') : undefined),
  });
  return token === undefined ? undefined : { server: address.trim().replace(/\/+$/, ''), token: token.trim() };
}

/** Signs in to an OpenHEXA instance with a token (checked before anything is kept), and shows its workspaces in the tree. */
export const connectOpenHexa = command('openhexa.connectOpenHexa', [z.string().url().describe("an OpenHEXA API's address")], async (services, server) => {
  const found = server ? 'type' : await chooseFound();
  if (found === undefined) {
    return;
  }
  const given = found === 'type' ? await askServerAndToken(server) : { server: found.server, token: found.token };
  if (!given) {
    return;
  }
  try {
    const session = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Signing in to OpenHEXA at {0}…', hostOf(given.server)), cancellable: true },
      (_progress, cancel) => {
        const abort = new AbortController();
        cancel.onCancellationRequested(() => abort.abort());
        return signIn(new OpenHexaApi(given.server, given.token), { signal: abort.signal });
      },
    );
    await services.instances.add(session, given.token);
    services.log.info(`Signed in to OpenHEXA at ${given.server} as ${session.user.email} (tables in one query: ${String(session.capabilities.tablesInOneQuery)})`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to OpenHEXA at {0} as {1}', hostOf(given.server), session.user.displayName));
  } catch (err) {
    const message = err instanceof OpenHexaError ? say(err.said) : err instanceof Error ? err.message : String(err);
    services.log.warn(`Signing in to OpenHEXA at ${given.server} failed: ${err instanceof OpenHexaError ? (err.detail ?? err.message) : message}`);
    const again = vscode.l10n.t('Try Again');
    if ((await vscode.window.showErrorMessage(message, again)) === again) {
      await vscode.commands.executeCommand('openhexa.connectOpenHexa', given.server);
    }
  }
});

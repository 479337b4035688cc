import * as vscode from 'vscode';
import { z } from 'zod';
import { WORKSPACE_ROLES } from '../../../core/roles';
import { isPlainLoginName, plainLoginName } from '../../../core/loginNames';
import { roleLabel, labelled } from '../../../platform/format';
import { command } from '../../../platform/commands/command';
import { argOrPick, pickRole } from '../../../platform/commands/pickers';
import { resolveSource } from '../../../sources/resolveSource';
import type { NewLogin } from '../../../sources/workspaceSource';
import { workspaceArg } from '../../commandArgs';
import { postgresUrl } from '../../../core/connectionUrl';

/**
 * What is wrong with a login name as it is typed. A name that needs quoting
 * works, but BI tools and connection URLs stumble on it: a warning says why
 * and offers a plain name, and the user decides.
 */
function loginProblem(name: string): string | vscode.InputBoxValidationMessage | undefined {
  if (name.length === 0) {
    return vscode.l10n.t('Login name is required');
  }
  if (new TextEncoder().encode(name).length > 63) {
    return vscode.l10n.t('A login name has at most 63 bytes');
  }
  if (!isPlainLoginName(name)) {
    return {
      message: vscode.l10n.t(
        '"{0}" works, but must be quoted in SQL and percent-encoded in connection URLs, and some BI tools refuse it. "{1}" works everywhere.',
        name,
        plainLoginName(name),
      ),
      severity: vscode.InputBoxValidationSeverity.Warning,
    };
  }
  return undefined;
}

/** What a new member needs besides the password, in one text to send them: the password goes apart. */
function connectionDetails({ host, port, database }: NewLogin, login: string): string {
  return [
    labelled(vscode.l10n.t('Host'), host),
    labelled(vscode.l10n.t('Port'), String(port)),
    labelled(vscode.l10n.t('Database'), database),
    labelled(vscode.l10n.t('Login'), login),
    labelled('URL', postgresUrl({ host, port, user: login, database })),
  ].join('\n');
}

/**
 * The one time the password is shown: copy it, copy the rest, as often as
 * needed (each copy brings the dialog back), then Done. The login exists
 * already, so nothing here is a Cancel.
 */
async function handOver(login: string, password: string, details: string, title: string): Promise<void> {
  const copyPassword: vscode.MessageItem = { title: vscode.l10n.t('Copy Password') };
  const copyDetails: vscode.MessageItem = { title: vscode.l10n.t('Copy Connection Details') };
  const done: vscode.MessageItem = { title: vscode.l10n.t('Done'), isCloseAffordance: true };
  let note = '';
  for (;;) {
    const detail = [vscode.l10n.t('Give them this password now: it is not shown again.'), '', password, '', details, ...(note ? ['', note] : [])].join('\n');
    const answer = await vscode.window.showInformationMessage(title, { modal: true, detail }, copyPassword, copyDetails, done);
    if (answer === copyPassword) {
      await vscode.env.clipboard.writeText(password);
      note = vscode.l10n.t('The password of {0} is in the clipboard.', login);
    } else if (answer === copyDetails) {
      await vscode.env.clipboard.writeText(details);
      note = vscode.l10n.t('The connection details are in the clipboard (without the password: send it apart).');
    } else {
      return;
    }
  }
}

/** `(workspace, login, 'viewer' | 'editor' | 'admin', 'new' | 'existing')` (admins). */
export const addMember = command(
  'openhexa.addMember',
  [workspaceArg({}), z.string().min(1).describe('a login name'), z.enum(WORKSPACE_ROLES).describe("'viewer', 'editor' or 'admin'"), z.enum(['new', 'existing']).describe("'new' or 'existing'")],
  async (services, arg, loginArg, roleArg, modeArg) => {
    const found = await resolveSource(services, arg, vscode.l10n.t('Add Member'), 'manageMembers');
    if (!found) {
      return;
    }
    const { source } = found;
    const { workspace } = source;
    const mode = await argOrPick(
      modeArg,
      () => [
        { label: vscode.l10n.t('Create a new login'), detail: vscode.l10n.t('A login and a password are made for them; you see the password once.'), value: 'new' as const },
        { label: vscode.l10n.t('Add an existing login'), detail: vscode.l10n.t('Someone who already has a login on this server.'), value: 'existing' as const },
      ],
      { title: vscode.l10n.t('Add Member to {0}', workspace.name) },
    );
    if (!mode) {
      return;
    }
    const login =
      loginArg ??
      (await vscode.window.showInputBox({
        title: vscode.l10n.t('Add Member to {0}', workspace.name),
        prompt: vscode.l10n.t('PostgreSQL login name: lowercase letters, digits and _ work everywhere'),
        placeHolder: vscode.l10n.t('e.g. marie_dupont'),
        validateInput: (v) => loginProblem(v),
      }));
    if (!login) {
      return;
    }
    const role = await pickRole(vscode.l10n.t('Role of {0} in {1}', login, workspace.name), roleArg);
    if (!role) {
      return;
    }
    const { log, tree } = services;
    if (mode === 'existing') {
      await source.addMember(login, role);
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} is now {1} of "{2}".', login, roleLabel(role), workspace.name));
    } else {
      const made = await source.createMember(login, role);
      await handOver(login, made.password, connectionDetails(made, login), vscode.l10n.t('Login "{0}" created as {1} of "{2}".', login, roleLabel(role), workspace.name));
    }
    log.info(`Added ${login} as ${role} of ${workspace.slug}`);
    tree.refresh();
  },
);

import * as vscode from 'vscode';
import { MAX_WORKSPACE_NAME } from '../../../core/workspaceNames';
import { listWorkspaces } from '../../../postgres/workspace/catalogCalls';
import { createWorkspace as create } from '../../../postgres/workspace/provisioning';
import type { Command } from '../../../platform/commands/command';
import { progress, resolveServer } from '../../../platform/commands/pickers';

/** `(server, name)`: a workspace, its database and its two shared logins (platform admins). */
export const createWorkspace: Command = {
  id: 'openhexa.createWorkspace',
  run: async ({ store, sessions, log, tree, walkthrough }, arg?: unknown, nameArg?: unknown) => {
    const profile = await resolveServer(store, arg, vscode.l10n.t('Create Workspace'));
    if (!profile) {
      return undefined;
    }
    // Names already used on the server (a platform admin sees every workspace): said as one types.
    const taken = typeof nameArg === 'string' ? [] : (await sessions.catalog(profile, (c) => listWorkspaces(c))).map((w) => w.name.trim().toLowerCase());
    const name =
      typeof nameArg === 'string'
        ? nameArg
        : await vscode.window.showInputBox({
            title: vscode.l10n.t('Create Workspace'),
            prompt: vscode.l10n.t('Name of the new workspace on {0}', profile.label),
            placeHolder: vscode.l10n.t('e.g. Malaria surveillance'),
            validateInput: (value) =>
              value.trim().length === 0
                ? vscode.l10n.t('Name is required')
                : value.trim().length > MAX_WORKSPACE_NAME
                  ? vscode.l10n.t('Name must be at most 80 characters')
                  : taken.includes(value.trim().toLowerCase())
                    ? vscode.l10n.t('A workspace named "{0}" already exists on {1}.', value.trim(), profile.label)
                    : undefined,
          });
    if (name === undefined) {
      return undefined;
    }
    const login = await sessions.login(profile, profile.catalogDatabase);
    const created = await progress(vscode.l10n.t('Creating the workspace "{0}" and its database…', name.trim()), () => create(login, profile.catalogDatabase, name));
    log.info(`Created workspace ${created.slug} (database ${created.dbName}) on ${profile.label}`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Workspace "{0}" created, with its database {1}.', created.name, created.dbName));
    walkthrough.done('workspace');
    tree.refresh();
    return created;
  },
};

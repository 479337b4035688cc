import * as vscode from 'vscode';
import { isWorkspaceRole, may, type WorkspaceRole } from '../core/roles';
import { serverProfileSchema, type ServerProfile } from '../core/serverProfile';
import { loadSampleData } from '../localServer/sampleData';
import { initializeCatalog } from '../postgres/catalog/migrate';
import { addMember, createMember, listWorkspaces, regeneratePassword, removeMember, setMemberRole, type WorkspaceSummary } from '../postgres/workspace/catalogCalls';
import { createWorkspace, deleteWorkspace } from '../postgres/workspace/provisioning';
import { listTables, type TableInfo } from '../postgres/workspace/tables';
import { roleLabel, tableKindLabel } from './format';
import type { Log } from './log';
import { ConnectServerPanel } from './panels/connectServerPanel';
import { confirmRegeneration, CredentialsPanel } from './panels/credentialsPanel';
import { PreviewPanel } from './panels/previewPanel';
import type { LocalServerController } from './localServerController';
import type { ServerStore } from './serverStore';
import type { Sessions } from './sessions';
import { userMessage } from './userMessage';
import type { ValueDocuments } from './valueDocuments';
import type { TreeNode, WorkspacesTree } from './workspacesTree';

interface Services {
  readonly localServer: LocalServerController;
  readonly view: vscode.TreeView<TreeNode>;
  readonly extensionUri: vscode.Uri;
  readonly log: Log;
  readonly store: ServerStore;
  readonly sessions: Sessions;
  readonly tree: WorkspacesTree;
  readonly values: ValueDocuments;
}

type WorkspaceRef = { profile: ServerProfile; workspace: WorkspaceSummary };

function hasProfile(arg: unknown): arg is { profile: ServerProfile } {
  return Boolean(arg && typeof arg === 'object' && 'profile' in arg && serverProfileSchema.safeParse((arg as { profile: unknown }).profile).success);
}

/** A server from a tree node, a profile object given by a script, or a pick. */
async function resolveServer(store: ServerStore, arg: unknown, title: string): Promise<ServerProfile | undefined> {
  if (hasProfile(arg)) {
    return arg.profile;
  }
  const given = serverProfileSchema.safeParse(arg);
  if (given.success) {
    return given.data;
  }
  const { profiles } = store.read();
  if (profiles.length === 1) {
    return profiles[0];
  }
  const picked = await vscode.window.showQuickPick(
    profiles.map((profile) => ({ label: profile.label, description: `${profile.user}@${profile.host}:${profile.port}`, profile })),
    { title, placeHolder: vscode.l10n.t('Choose a server') },
  );
  return picked?.profile;
}

/** A workspace from a tree node (workspace, database, members...), `{ server, slug }`, or picks. */
async function resolveWorkspace(services: Services, arg: unknown, title: string): Promise<WorkspaceRef | undefined> {
  if (hasProfile(arg) && 'workspace' in (arg as object)) {
    return arg as WorkspaceRef;
  }
  const slug = arg && typeof arg === 'object' && typeof (arg as { slug?: unknown }).slug === 'string' ? (arg as { slug: string }).slug : undefined;
  const profile = await resolveServer(services.store, arg && typeof arg === 'object' && 'server' in arg ? (arg as { server: unknown }).server : undefined, title);
  if (!profile) {
    return undefined;
  }
  const workspaces = await services.sessions.catalog(profile, (c) => listWorkspaces(c));
  if (slug) {
    const found = workspaces.find((w) => w.slug === slug);
    if (!found) {
      throw new Error(vscode.l10n.t('There is no workspace "{0}" that you can see on {1}.', slug, profile.label));
    }
    return { profile, workspace: found };
  }
  const picked = await vscode.window.showQuickPick(
    workspaces.map((workspace) => ({ label: workspace.name, description: roleLabel(workspace.role), workspace })),
    { title, placeHolder: vscode.l10n.t('Choose a workspace') },
  );
  return picked ? { profile, workspace: picked.workspace } : undefined;
}

/** The table of a tree item, of `{ schema, table }`, or picked from the workspace's tables. */
async function resolveTable(services: Services, ref: WorkspaceRef, arg: unknown): Promise<{ schema: string; name: string } | undefined> {
  if (arg && typeof arg === 'object') {
    const given = (arg as { table?: unknown; schema?: unknown }).table;
    if (given && typeof given === 'object' && typeof (given as TableInfo).name === 'string' && typeof (given as TableInfo).schema === 'string') {
      return { schema: (given as TableInfo).schema, name: (given as TableInfo).name };
    }
    if (typeof given === 'string') {
      const schema = (arg as { schema?: unknown }).schema;
      return { schema: typeof schema === 'string' ? schema : 'public', name: given };
    }
  }
  const tables = await services.sessions.browse(ref.profile, ref.workspace.dbName, (c) => listTables(c));
  if (tables.length === 0) {
    throw new Error(vscode.l10n.t('The workspace "{0}" has no tables yet.', ref.workspace.name));
  }
  const picked = await vscode.window.showQuickPick(
    tables.map((table) => ({ label: table.schema === 'public' ? table.name : `${table.schema}.${table.name}`, description: tableKindLabel(table.kind), table })),
    { title: vscode.l10n.t('Preview Table'), placeHolder: vscode.l10n.t('Choose a table or view') },
  );
  return picked?.table;
}

async function pickRole(title: string, given: unknown): Promise<WorkspaceRole | undefined> {
  if (isWorkspaceRole(given)) {
    return given;
  }
  const picked = await vscode.window.showQuickPick(
    [
      { label: roleLabel('viewer'), detail: vscode.l10n.t('Browses and previews tables; sees the list of connections.'), role: 'viewer' as const },
      { label: roleLabel('editor'), detail: vscode.l10n.t('Also writes to the database, sees its credentials and uses connections.'), role: 'editor' as const },
      { label: roleLabel('admin'), detail: vscode.l10n.t('Also manages members and connections and regenerates passwords.'), role: 'admin' as const },
    ],
    { title, placeHolder: vscode.l10n.t('Choose a role') },
  );
  return picked?.role;
}

function progress<T>(title: string, task: () => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: false }, task);
}

export function registerCommands(context: vscode.ExtensionContext, services: Services): void {
  const { extensionUri, log, store, sessions, tree } = services;
  const register = (id: string, run: (...args: unknown[]) => unknown): void => {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await run(...args);
        } catch (err) {
          log.error(`Command ${id} failed`, err);
          void vscode.window.showErrorMessage(vscode.l10n.t('OpenHEXA: {0}', userMessage(err)));
          return undefined;
        }
      }),
    );
  };

  register('openhexa.refresh', () => tree.refresh());

  const { localServer } = services;
  register('openhexa.startLocalServer', async () => {
    const result = await progress(vscode.l10n.t('Starting the local PostgreSQL server…'), () => localServer.startWithSandbox());
    log.info(`Local server running on 127.0.0.1:${result.port}`);
    if (result.createdSandbox) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The local server is running, with a Sandbox workspace full of sample data.'));
    }
    tree.refresh();
    // Show what was made: the local server opened down to the Sandbox's tables.
    const node = await tree.serverNodeFor(localServer.profile());
    if (node) {
      await services.view.reveal(node, { expand: 3, focus: true, select: false });
    }
  });
  register('openhexa.stopLocalServer', async () => {
    await localServer.stop();
    tree.refresh();
  });
  register('openhexa.restartLocalServer', async () => {
    await progress(vscode.l10n.t('Restarting the local PostgreSQL server…'), () => localServer.restart());
    tree.refresh();
  });
  register('openhexa.localServerActions', async () => {
    const running = localServer.state === 'running';
    const actions = [
      ...(running ? [] : [{ label: `$(play) ${vscode.l10n.t('Start')}`, command: 'openhexa.startLocalServer' }]),
      ...(running ? [{ label: `$(debug-restart) ${vscode.l10n.t('Restart')}`, command: 'openhexa.restartLocalServer' }] : []),
      ...(running ? [{ label: `$(debug-stop) ${vscode.l10n.t('Stop')}`, command: 'openhexa.stopLocalServer' }] : []),
      { label: `$(output) ${vscode.l10n.t('Show Logs')}`, command: 'openhexa.showLogs' },
    ];
    const picked = await vscode.window.showQuickPick(actions, { title: vscode.l10n.t('OpenHEXA local server') });
    if (picked) {
      await vscode.commands.executeCommand(picked.command);
    }
  });
  register('openhexa.loadSampleData', async (arg?: unknown) => {
    const ref = await resolveWorkspace(services, arg, vscode.l10n.t('Load Sample Data'));
    if (!ref) {
      return;
    }
    if (!may(ref.workspace.role, 'write')) {
      throw new Error(vscode.l10n.t('Loading sample data writes to "{0}": it needs the Editor or Admin role.', ref.workspace.name));
    }
    await progress(vscode.l10n.t('Loading sample data into "{0}"…', ref.workspace.name), () =>
      sessions.write(ref.profile, ref.workspace.dbName, (c) => loadSampleData(c)),
    );
    tree.refresh();
  });
  register('openhexa.retryServer', (node?: unknown) => (hasProfile(node) ? tree.refreshServer(node.profile) : tree.refresh()));
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
    const profile = await resolveServer(store, arg, vscode.l10n.t('Remove Server'));
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
    await sessions.forget(profile);
    log.info(`Removed server profile "${profile.label}"`);
  });

  register('openhexa.initializeServer', async (arg?: unknown) => {
    const profile = await resolveServer(store, arg, vscode.l10n.t('Initialize Server'));
    if (!profile) {
      return;
    }
    const login = await sessions.login(profile, 'postgres');
    const result = await progress(vscode.l10n.t('Initializing {0} for OpenHEXA…', profile.label), () => initializeCatalog(login, profile.catalogDatabase));
    log.info(
      `Initialized ${profile.label}: catalog "${profile.catalogDatabase}"${result.createdDatabase ? ' created' : ''}, migrations ${result.applied.join(', ') || 'none pending'}, workspaces moved to the group layout: ${result.upgraded.join(', ') || 'none'}`,
    );
    void vscode.window.showInformationMessage(
      result.upgraded.length > 0
        ? vscode.l10n.t('{0} is ready for OpenHEXA workspaces; {1} workspace(s) were moved to the new role layout.', profile.label, result.upgraded.length)
        : vscode.l10n.t('{0} is ready for OpenHEXA workspaces.', profile.label),
    );
    tree.refresh();
  });

  register('openhexa.createWorkspace', async (arg?: unknown, nameArg?: unknown) => {
    const profile = await resolveServer(store, arg, vscode.l10n.t('Create Workspace'));
    if (!profile) {
      return undefined;
    }
    const name =
      typeof nameArg === 'string'
        ? nameArg
        : await vscode.window.showInputBox({
            title: vscode.l10n.t('Create Workspace'),
            prompt: vscode.l10n.t('Name of the new workspace on {0}', profile.label),
            placeHolder: vscode.l10n.t('e.g. Malaria surveillance'),
            validateInput: (value) => (value.trim().length === 0 ? vscode.l10n.t('Name is required') : value.trim().length > 80 ? vscode.l10n.t('Name must be at most 80 characters') : undefined),
          });
    if (name === undefined) {
      return undefined;
    }
    const login = await sessions.login(profile, profile.catalogDatabase);
    const created = await progress(vscode.l10n.t('Creating the workspace "{0}" and its database…', name.trim()), () => createWorkspace(login, profile.catalogDatabase, name));
    log.info(`Created workspace ${created.slug} (database ${created.dbName}) on ${profile.label}`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Workspace "{0}" created, with its database {1}.', created.name, created.dbName));
    tree.refresh();
    return created;
  });

  register('openhexa.deleteWorkspace', async (arg?: unknown) => {
    const ref = await resolveWorkspace(services, arg, vscode.l10n.t('Delete Workspace'));
    if (!ref) {
      return;
    }
    const del = vscode.l10n.t('Delete Workspace and Database');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Delete the workspace "{0}" and its database "{1}"?', ref.workspace.name, ref.workspace.dbName),
      { modal: true, detail: vscode.l10n.t('Every table and row in "{0}" is deleted, and its read/write and read-only logins stop working. This cannot be undone.', ref.workspace.dbName) },
      del,
    );
    if (answer !== del) {
      return;
    }
    const login = await sessions.login(ref.profile, ref.profile.catalogDatabase);
    await sessions.forget(ref.profile);
    await progress(vscode.l10n.t('Deleting "{0}"…', ref.workspace.name), () => deleteWorkspace(login, ref.profile.catalogDatabase, ref.workspace.slug));
    log.info(`Deleted workspace ${ref.workspace.slug} on ${ref.profile.label}`);
    tree.refresh();
  });

  register('openhexa.showCredentials', async (arg?: unknown) => {
    const ref = await resolveWorkspace(services, arg, vscode.l10n.t('Show Database Credentials'));
    if (ref) {
      CredentialsPanel.show(extensionUri, sessions, log, ref.profile, ref.workspace);
    }
  });

  register('openhexa.previewTable', async (arg?: unknown) => {
    const ref = await resolveWorkspace(services, arg, vscode.l10n.t('Preview Table'));
    if (!ref) {
      return;
    }
    const table = await resolveTable(services, ref, arg);
    if (table) {
      await PreviewPanel.show(extensionUri, sessions, services.values, log, ref.profile, ref.workspace, table);
    }
  });

  register('openhexa.regeneratePassword', async (arg?: unknown, kindArg?: unknown) => {
    const ref = await resolveWorkspace(services, arg, vscode.l10n.t('Regenerate Password'));
    if (!ref) {
      return;
    }
    if (!may(ref.workspace.role, 'regeneratePassword')) {
      throw new Error(vscode.l10n.t('Only admins of "{0}" can regenerate its passwords.', ref.workspace.name));
    }
    const kind =
      kindArg === 'ro' || kindArg === 'rw'
        ? kindArg
        : (
            await vscode.window.showQuickPick(
              [
                { label: vscode.l10n.t('Read-only password'), description: vscode.l10n.t('used by BI tools'), credential: 'ro' as const },
                { label: vscode.l10n.t('Read/write password'), description: vscode.l10n.t('used by notebooks and pipelines'), credential: 'rw' as const },
              ],
              { title: vscode.l10n.t('Regenerate Password') },
            )
          )?.credential;
    if (!kind) {
      return;
    }
    const open = CredentialsPanel.forWorkspace(ref.profile, ref.workspace.slug);
    if (open) {
      await open.regenerate(kind);
      return;
    }
    if (!(await confirmRegeneration(ref.workspace, kind))) {
      return;
    }
    await sessions.catalog(ref.profile, (c) => regeneratePassword(c, ref.workspace.slug, kind));
    log.info(`Regenerated the ${kind} password of workspace ${ref.workspace.slug}`);
    void vscode.window.showInformationMessage(vscode.l10n.t('New password set. Open the credentials to copy it.'));
  });

  register('openhexa.addMember', async (arg?: unknown, loginArg?: unknown, roleArg?: unknown, modeArg?: unknown) => {
    const ref = await resolveWorkspace(services, arg, vscode.l10n.t('Add Member'));
    if (!ref) {
      return;
    }
    const mode =
      modeArg === 'new' || modeArg === 'existing'
        ? modeArg
        : (
            await vscode.window.showQuickPick(
              [
                { label: vscode.l10n.t('Create a new login'), detail: vscode.l10n.t('A login and a password are made for them; you see the password once.'), mode: 'new' as const },
                { label: vscode.l10n.t('Add an existing login'), detail: vscode.l10n.t('Someone who already has a login on this server.'), mode: 'existing' as const },
              ],
              { title: vscode.l10n.t('Add Member to {0}', ref.workspace.name) },
            )
          )?.mode;
    if (!mode) {
      return;
    }
    const login =
      typeof loginArg === 'string'
        ? loginArg
        : await vscode.window.showInputBox({
            title: vscode.l10n.t('Add Member to {0}', ref.workspace.name),
            prompt: vscode.l10n.t('PostgreSQL login name'),
            validateInput: (v) => (v.length === 0 ? vscode.l10n.t('Login name is required') : new TextEncoder().encode(v).length > 63 ? vscode.l10n.t('A login name has at most 63 bytes') : undefined),
          });
    if (!login) {
      return;
    }
    const role = await pickRole(vscode.l10n.t('Role of {0} in {1}', login, ref.workspace.name), roleArg);
    if (!role) {
      return;
    }
    if (mode === 'existing') {
      await sessions.catalog(ref.profile, (c) => addMember(c, ref.workspace.slug, login, role));
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} is now {1} of "{2}".', login, roleLabel(role), ref.workspace.name));
    } else {
      const password = await sessions.catalog(ref.profile, (c) => createMember(c, ref.workspace.slug, login, role));
      const copy = vscode.l10n.t('Copy Password');
      const answer = await vscode.window.showInformationMessage(
        vscode.l10n.t('Login "{0}" created as {1} of "{2}".', login, roleLabel(role), ref.workspace.name),
        { modal: true, detail: `${vscode.l10n.t('Give them this password now: it is not shown again.')}\n\n${password}` },
        copy,
      );
      if (answer === copy) {
        await vscode.env.clipboard.writeText(password);
      }
    }
    log.info(`Added ${login} as ${role} of ${ref.workspace.slug}`);
    tree.refresh();
  });

  register('openhexa.changeMemberRole', async (arg?: unknown, roleArg?: unknown) => {
    if (!(arg && typeof arg === 'object' && (arg as TreeNode).kind === 'member')) {
      throw new Error(vscode.l10n.t('Choose a member in the Members list of a workspace.'));
    }
    const node = arg as Extract<TreeNode, { kind: 'member' }>;
    const role = await pickRole(vscode.l10n.t('New role of {0} in {1}', node.member.login, node.workspace.name), roleArg);
    if (!role) {
      return;
    }
    await sessions.catalog(node.profile, (c) => setMemberRole(c, node.workspace.slug, node.member.login, role));
    log.info(`Changed the role of ${node.member.login} in ${node.workspace.slug} to ${role}`);
    tree.refresh();
  });

  register('openhexa.removeMember', async (arg?: unknown) => {
    if (!(arg && typeof arg === 'object' && (arg as TreeNode).kind === 'member')) {
      throw new Error(vscode.l10n.t('Choose a member in the Members list of a workspace.'));
    }
    const node = arg as Extract<TreeNode, { kind: 'member' }>;
    const remove = vscode.l10n.t('Remove');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Remove {0} from "{1}"?', node.member.login, node.workspace.name),
      { modal: true, detail: vscode.l10n.t('They lose access to its database at once. Their login itself is kept.') },
      remove,
    );
    if (answer !== remove) {
      return;
    }
    await sessions.catalog(node.profile, (c) => removeMember(c, node.workspace.slug, node.member.login));
    log.info(`Removed ${node.member.login} from ${node.workspace.slug}`);
    tree.refresh();
  });
}

import * as vscode from 'vscode';
import { may } from '../core/roles';
import type { LocalServerState } from '../localServer/localServer';
import { profileKey, type ProfileProblem, type ServerProfile } from '../core/serverProfile';
import { asCatalogError, CatalogError } from '../postgres/catalog/catalogError';
import { describeLoginFailure } from '../postgres/loginFailure';
import { probeServer } from '../postgres/probeServer';
import { listMembers, serverOverview, type Member, type WorkspaceSummary } from '../postgres/workspace/catalogCalls';
import { listColumns, listTables, type ColumnInfo, type TableInfo } from '../postgres/workspace/tables';
import { formatBytes, formatRows, roleLabel, tableKindLabel } from './format';
import type { Log } from './log';
import type { ServerStore } from './serverStore';
import type { Sessions } from './sessions';
import { superuserWarning } from './superuserWarning';
import { workspaceContext } from './treeContext';

/** What the tree needs of the local server. */
export interface LocalServerAccess {
  readonly state: LocalServerState;
  start(): Promise<number>;
  readonly onDidChangeState: vscode.Event<LocalServerState>;
}

export type TreeNode =
  | { kind: 'server'; profile: ServerProfile }
  | { kind: 'problem'; problem: ProfileProblem }
  | { kind: 'serverError'; profile: ServerProfile; message: string; detail: string }
  | { kind: 'localStopped'; profile: ServerProfile }
  | { kind: 'needsInit'; profile: ServerProfile; canInitialize: boolean; missing: string; outdated?: string }
  | { kind: 'superuserWarning'; profile: ServerProfile }
  | { kind: 'noWorkspaces'; profile: ServerProfile; platformAdmin: boolean }
  | { kind: 'workspace'; profile: ServerProfile; workspace: WorkspaceSummary; platformAdmin: boolean }
  | { kind: 'database'; profile: ServerProfile; workspace: WorkspaceSummary }
  | { kind: 'members'; profile: ServerProfile; workspace: WorkspaceSummary }
  | { kind: 'table'; profile: ServerProfile; workspace: WorkspaceSummary; table: TableInfo }
  | { kind: 'column'; column: ColumnInfo }
  | { kind: 'member'; profile: ServerProfile; workspace: WorkspaceSummary; member: Member }
  | { kind: 'message'; text: string; tooltip?: string; error?: boolean };

const TABLE_ICONS: Record<TableInfo['kind'], string> = {
  table: 'table',
  'partitioned table': 'list-tree',
  view: 'eye',
  'materialized view': 'layers',
  'foreign table': 'link-external',
};

/**
 * The Workspaces view: servers > workspaces (with the login's role) >
 * Database (tables > columns) and Members (admins). One query per level, in
 * the login's own name, so what PostgreSQL refuses the tree never shows.
 */
export class WorkspacesTree implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  /** Server nodes are reused so a refresh of one server reaches the element VS Code knows. */
  private serverNodes = new Map<string, Extract<TreeNode, { kind: 'server' }>>();
  /** Servers whose login turned out to be a superuser (their tooltip warns). */
  private readonly superusers = new Set<string>();

  constructor(
    private readonly store: ServerStore,
    private readonly sessions: Sessions,
    private readonly log: Log,
    private readonly local: LocalServerAccess,
  ) {
    this.subscription = vscode.Disposable.from(
      store.onDidChange(() => this.refresh()),
      local.onDidChangeState((state) => {
        if (state === 'crashed' || state === 'running') {
          this.refresh();
        }
      }),
    );
  }

  refresh(node?: TreeNode): void {
    this.changed.fire(node);
  }

  /** The node of a server as VS Code knows it (for reveal). */
  async serverNodeFor(profile: ServerProfile | undefined): Promise<TreeNode | undefined> {
    if (!profile) {
      return undefined;
    }
    await this.getChildren();
    return this.serverNodes.get(profileKey(profile));
  }

  /** Only server nodes are revealed, and they sit at the root. */
  getParent(): TreeNode | undefined {
    return undefined;
  }

  /** Reloads what is under one server (e.g. "Retry" on its error node). */
  refreshServer(profile: ServerProfile): void {
    this.changed.fire(this.serverNodes.get(profileKey(profile)));
  }

  async getChildren(element?: TreeNode): Promise<TreeNode[]> {
    if (!element) {
      const { profiles, problems } = this.store.read();
      await vscode.commands.executeCommand('setContext', 'openhexa.serverCount', profiles.length + problems.length);
      const previous = this.serverNodes;
      this.serverNodes = new Map(
        profiles.map((profile) => {
          const key = profileKey(profile);
          const known = previous.get(key);
          return [key, known && JSON.stringify(known.profile) === JSON.stringify(profile) ? known : { kind: 'server', profile }];
        }),
      );
      return [
        ...this.serverNodes.values(),
        ...problems.map((problem): TreeNode => ({ kind: 'problem', problem })),
      ];
    }
    switch (element.kind) {
      case 'server':
        return this.serverChildren(element.profile);
      case 'workspace':
        return [
          { kind: 'database', profile: element.profile, workspace: element.workspace },
          ...(may(element.workspace.role, 'manageMembers') ? [{ kind: 'members', profile: element.profile, workspace: element.workspace } as const] : []),
        ];
      case 'database':
        return this.guard(async () => {
          const tables = await this.sessions.browse(element.profile, element.workspace.dbName, (c) => listTables(c));
          if (tables.length === 0) {
            return [{ kind: 'message', text: vscode.l10n.t('No tables yet') }];
          }
          return tables.map((table): TreeNode => ({ kind: 'table', profile: element.profile, workspace: element.workspace, table }));
        });
      case 'table':
        return this.guard(async () => {
          const columns = await this.sessions.browse(element.profile, element.workspace.dbName, (c) => listColumns(c, element.table.schema, element.table.name));
          return columns.map((column): TreeNode => ({ kind: 'column', column }));
        });
      case 'members':
        return this.guard(async () => {
          const members = await this.sessions.catalog(element.profile, (c) => listMembers(c, element.workspace.slug));
          if (members.length === 0) {
            return [{ kind: 'message', text: vscode.l10n.t('No members yet') }];
          }
          return members.map((member): TreeNode => ({ kind: 'member', profile: element.profile, workspace: element.workspace, member }));
        });
      default:
        return [];
    }
  }

  private async serverChildren(given: ServerProfile): Promise<TreeNode[]> {
    let profile = given;
    if (profile.local) {
      if (this.local.state === 'crashed') {
        return [{ kind: 'localStopped', profile }];
      }
      if (this.local.state !== 'running') {
        // Started on demand: the first look at it starts it.
        try {
          await this.local.start();
        } catch (err) {
          this.log.error('Starting the local server failed', err);
          return [{ kind: 'serverError', profile, message: err instanceof Error ? err.message : String(err), detail: '' }];
        }
        // Its port may have changed since the profile was read.
        profile = this.store.read().profiles.find((p) => p.local) ?? profile;
      }
    }
    try {
      const { platformAdmin, superuser, workspaces } = await this.sessions.catalog(profile, (c) => serverOverview(c));
      this.noteSuperuser(given, superuser);
      const warning: TreeNode[] = superuser ? [{ kind: 'superuserWarning', profile }] : [];
      if (workspaces.length === 0) {
        return [...warning, { kind: 'noWorkspaces', profile, platformAdmin }];
      }
      return [...warning, ...workspaces.map((workspace): TreeNode => ({ kind: 'workspace', profile, workspace, platformAdmin }))];
    } catch (raw) {
      const err = asCatalogError(raw);
      if (err instanceof CatalogError && err.kind === 'catalogMissing') {
        return [await this.initNode(profile)];
      }
      if (err instanceof CatalogError && err.kind === 'catalogOutdated') {
        return [{ ...(await this.initNode(profile)), outdated: err.message }];
      }
      const failure = explain(err);
      this.log.warn(`Server ${profile.label} (${profile.user}@${profile.host}:${profile.port}): ${failure.detail || failure.message}`);
      return [{ kind: 'serverError', profile, message: failure.message, detail: failure.detail }];
    }
  }

  /** The server item's tooltip warns once the login is known to be a superuser. */
  private noteSuperuser(profile: ServerProfile, superuser: boolean): void {
    const key = profileKey(profile);
    if (superuser !== this.superusers.has(key)) {
      if (superuser) {
        this.superusers.add(key);
      } else {
        this.superusers.delete(key);
      }
      const node = this.serverNodes.get(key);
      if (node) {
        // Re-renders the item; its children come from the same overview, so this settles at once.
        this.changed.fire(node);
      }
    }
  }

  private async initNode(profile: ServerProfile): Promise<Extract<TreeNode, { kind: 'needsInit' }>> {
    try {
      const login = await this.sessions.login(profile, 'postgres');
      const probe = await probeServer(login, profile.catalogDatabase);
      const missing = [probe.createDb || probe.superuser ? undefined : 'CREATEDB', probe.createRole || probe.superuser ? undefined : 'CREATEROLE'].filter(Boolean).join(', ');
      return { kind: 'needsInit', profile, canInitialize: missing === '', missing };
    } catch {
      return { kind: 'needsInit', profile, canInitialize: false, missing: '' };
    }
  }

  /** A level that fails shows why, in place, instead of an empty or broken tree. */
  private async guard(load: () => Promise<TreeNode[]>): Promise<TreeNode[]> {
    try {
      return await load();
    } catch (err) {
      const failure = explain(asCatalogError(err));
      this.log.warn(`Loading the Workspaces view failed: ${failure.detail || failure.message}`);
      return [{ kind: 'message', text: failure.message, tooltip: failure.detail, error: true }];
    }
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'server':
        return this.serverItem(node.profile);
      case 'problem':
        return this.problemItem(node.problem);
      case 'serverError': {
        const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
        item.id = `error:${profileKey(node.profile)}`;
        item.description = vscode.l10n.t('Retry');
        item.tooltip = [node.message, node.detail].filter(Boolean).join('\n\n');
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
        item.contextValue = 'serverError';
        item.command = { command: 'openhexa.retryServer', title: vscode.l10n.t('Retry'), arguments: [node] };
        return item;
      }
      case 'localStopped': {
        const item = new vscode.TreeItem(vscode.l10n.t('The local server stopped'), vscode.TreeItemCollapsibleState.None);
        item.description = vscode.l10n.t('Restart');
        item.tooltip = vscode.l10n.t('The local PostgreSQL server stopped unexpectedly. Click to restart it; your data is kept.');
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
        item.contextValue = 'localStopped';
        item.command = { command: 'openhexa.restartLocalServer', title: vscode.l10n.t('Restart') };
        return item;
      }
      case 'superuserWarning': {
        const item = new vscode.TreeItem(vscode.l10n.t('This login is a superuser'), vscode.TreeItemCollapsibleState.None);
        item.description = vscode.l10n.t('browsing runs members\' code with full power');
        item.tooltip = superuserWarning();
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
        item.contextValue = 'superuserWarning';
        return item;
      }
      case 'needsInit': {
        if (node.outdated) {
          const item = new vscode.TreeItem(
            node.canInitialize ? vscode.l10n.t('Upgrade the OpenHEXA catalog on this server…') : vscode.l10n.t('The OpenHEXA catalog on this server needs an upgrade'),
            vscode.TreeItemCollapsibleState.None,
          );
          item.iconPath = new vscode.ThemeIcon(node.canInitialize ? 'arrow-circle-up' : 'info');
          item.tooltip = node.outdated;
          if (node.canInitialize) {
            item.command = { command: 'openhexa.initializeServer', title: vscode.l10n.t('Initialize Server'), arguments: [node] };
          }
          item.contextValue = 'needsInit';
          return item;
        }
        const item = new vscode.TreeItem(
          node.canInitialize ? vscode.l10n.t('Initialize this server for OpenHEXA…') : vscode.l10n.t('OpenHEXA is not set up on this server'),
          vscode.TreeItemCollapsibleState.None,
        );
        item.iconPath = new vscode.ThemeIcon(node.canInitialize ? 'rocket' : 'info');
        item.tooltip = node.canInitialize
          ? vscode.l10n.t('The catalog database "{0}" does not exist yet. Initializing creates it, with the roles OpenHEXA needs.', node.profile.catalogDatabase)
          : vscode.l10n.t('The catalog database "{0}" does not exist yet, and this login cannot create it{1}. Ask a server administrator to initialize it.', node.profile.catalogDatabase, node.missing ? ` (${node.missing})` : '');
        if (node.canInitialize) {
          item.command = { command: 'openhexa.initializeServer', title: vscode.l10n.t('Initialize Server'), arguments: [node] };
        }
        item.contextValue = 'needsInit';
        return item;
      }
      case 'noWorkspaces': {
        const item = new vscode.TreeItem(
          node.platformAdmin ? vscode.l10n.t('No workspaces yet: create one…') : vscode.l10n.t('You are not a member of any workspace yet'),
          vscode.TreeItemCollapsibleState.None,
        );
        item.iconPath = new vscode.ThemeIcon(node.platformAdmin ? 'add' : 'info');
        if (node.platformAdmin) {
          item.command = { command: 'openhexa.createWorkspace', title: vscode.l10n.t('Create Workspace'), arguments: [node] };
        } else {
          item.tooltip = vscode.l10n.t('Ask a workspace admin to add your login ({0}) as a member.', node.profile.user);
        }
        return item;
      }
      case 'workspace': {
        const { workspace } = node;
        const item = new vscode.TreeItem(workspace.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `ws:${profileKey(node.profile)}:${workspace.slug}`;
        item.description = workspace.status === 'ready' ? roleLabel(workspace.role) : vscode.l10n.t('{0} · incomplete', roleLabel(workspace.role));
        item.tooltip = [
          workspace.name,
          `${vscode.l10n.t('Your role')}: ${roleLabel(workspace.role)}`,
          `${vscode.l10n.t('Identifier')}: ${workspace.slug}`,
          `${vscode.l10n.t('Database')}: ${workspace.dbName}`,
          ...(workspace.status === 'ready' ? [] : [vscode.l10n.t('Its creation did not finish: delete it and create it again.')]),
        ].join('\n');
        item.iconPath = new vscode.ThemeIcon(workspace.status === 'ready' ? 'folder-library' : 'warning');
        item.contextValue = workspaceContext(workspace.role, node.platformAdmin);
        return item;
      }
      case 'database': {
        const item = new vscode.TreeItem(vscode.l10n.t('Database'), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `db:${profileKey(node.profile)}:${node.workspace.slug}`;
        item.description = node.workspace.dbName;
        item.iconPath = new vscode.ThemeIcon('database');
        item.contextValue = `database.${node.workspace.role}`;
        return item;
      }
      case 'members': {
        const item = new vscode.TreeItem(vscode.l10n.t('Members'), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `members:${profileKey(node.profile)}:${node.workspace.slug}`;
        item.iconPath = new vscode.ThemeIcon('organization');
        item.contextValue = 'members';
        return item;
      }
      case 'table': {
        const { table } = node;
        const item = new vscode.TreeItem(table.schema === 'public' ? table.name : `${table.schema}.${table.name}`, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `table:${profileKey(node.profile)}:${node.workspace.slug}:${table.schema}:${table.name}`;
        const rows = formatRows(table.rows, table.rowsExact, vscode.env.language);
        item.description = [rows, table.bytes === undefined ? undefined : formatBytes(table.bytes, vscode.env.language)].filter(Boolean).join(' · ');
        item.tooltip = [
          `${table.schema}.${table.name}`,
          tableKindLabel(table.kind),
          rows,
          table.readable ? undefined : vscode.l10n.t('Your login may not read this table.'),
        ]
          .filter(Boolean)
          .join('\n');
        item.iconPath = new vscode.ThemeIcon(TABLE_ICONS[table.kind]);
        item.contextValue = `table.${table.kind.replace(/ /g, '-')}`;
        return item;
      }
      case 'column': {
        const { column } = node;
        const item = new vscode.TreeItem(column.name, vscode.TreeItemCollapsibleState.None);
        item.description = `${column.type}${column.nullable ? '' : ' NOT NULL'}`;
        item.iconPath = new vscode.ThemeIcon(column.primaryKey ? 'key' : 'symbol-field');
        item.contextValue = 'column';
        return item;
      }
      case 'member': {
        const item = new vscode.TreeItem(node.member.login, vscode.TreeItemCollapsibleState.None);
        item.id = `member:${profileKey(node.profile)}:${node.workspace.slug}:${node.member.login}`;
        item.description = roleLabel(node.member.role);
        item.iconPath = new vscode.ThemeIcon('person');
        item.contextValue = 'member';
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.tooltip = node.tooltip;
        item.iconPath = new vscode.ThemeIcon(node.error ? 'error' : 'info', node.error ? new vscode.ThemeColor('errorForeground') : undefined);
        return item;
      }
    }
  }

  private serverItem(profile: ServerProfile): vscode.TreeItem {
    const item = new vscode.TreeItem(profile.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `server:${profileKey(profile)}`;
    item.description = `${profile.user}@${profile.host}:${profile.port}`;
    item.tooltip = [
      profile.label,
      `${vscode.l10n.t('Host')}: ${profile.host}:${profile.port}`,
      `${vscode.l10n.t('User')}: ${profile.user}`,
      `${vscode.l10n.t('TLS mode')}: ${profile.sslmode}`,
      `${vscode.l10n.t('Catalog database')}: ${profile.catalogDatabase}`,
      ...(this.superusers.has(profileKey(profile)) ? ['', `⚠ ${superuserWarning()}`] : []),
    ].join('\n');
    item.iconPath = new vscode.ThemeIcon('server');
    item.contextValue = 'server';
    return item;
  }

  private problemItem(problem: ProfileProblem): vscode.TreeItem {
    const item = new vscode.TreeItem(problem.label ?? vscode.l10n.t('Server profile {0}', problem.index + 1), vscode.TreeItemCollapsibleState.None);
    item.description = vscode.l10n.t(problem.message);
    item.tooltip = vscode.l10n.t('This entry of the "openhexa.servers" setting is not valid: {0}', vscode.l10n.t(problem.message));
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    item.contextValue = 'serverProblem';
    item.command = { command: 'workbench.action.openSettingsJson', title: vscode.l10n.t('Open Settings (JSON)') };
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** What to show for a failure: what to do (translated), and the server's own words. */
function explain(err: unknown): { message: string; detail: string } {
  if (err instanceof CatalogError) {
    return { message: err.message, detail: '' };
  }
  const failure = describeLoginFailure(err);
  // For errors we have no advice for, the server's own words are the most useful label.
  return failure.kind === 'other' ? { message: failure.detail, detail: vscode.l10n.t(failure.message) } : { message: vscode.l10n.t(failure.message), detail: failure.detail };
}

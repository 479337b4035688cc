import { effectiveTls } from '../../../core/tls/tlsSettings';
import { hostPlace } from '../../../postgres/tls/loginTls';
import * as vscode from 'vscode';
import { labelled } from '../../../platform/format';
import { profileKey, type ServerProfile } from '../../../core/serverProfile';
import { asCatalogError, CatalogError } from '../../../postgres/catalog/catalogError';
import { probeServer } from '../../../postgres/probeServer';
import { serverOverview } from '../../../postgres/workspace/catalogCalls';
import { WeakerTlsError } from '../../../platform/sessions';
import { superuserWarning } from '../../../platform/superuserWarning';
import { explain } from '../../../platform/tree/explain';
import type { NodeDef, TreeContext } from '../../../platform/tree/nodeDef';
import { localStateNode } from '../../localServer/nodes/localStateNode';
import type { TreeNode } from '../../nodeKinds';
import type { NeedsInitNode } from './needsInitNode';
import { contextValue, SERVER_MENU_KEYS, serverMenuValues, type ServerState } from '../../../platform/tree/contextValues';

export interface ServerNode {
  readonly kind: 'server';
  readonly profile: ServerProfile;
}

/** The row's menu follows what the listing found (context keys: nothing is re-rendered). */
function noteState(ctx: TreeContext, profile: ServerProfile, state: ServerState): void {
  const row = contextValue.server(profileKey(profile));
  if (ctx.serverStates.get(row) === state) {
    return;
  }
  ctx.serverStates.set(row, state);
  const values = serverMenuValues(ctx.serverStates);
  for (const [name, key] of Object.entries(SERVER_MENU_KEYS)) {
    void vscode.commands.executeCommand('setContext', key, values[name as keyof typeof values]);
  }
}

/** The item's tooltip warns once the login is known to be a superuser: re-render it when that is learnt. */
function noteSuperuser(ctx: TreeContext, profile: ServerProfile, superuser: boolean): void {
  const key = profileKey(profile);
  if (superuser === ctx.superusers.has(key)) {
    return;
  }
  if (superuser) {
    ctx.superusers.add(key);
  } else {
    ctx.superusers.delete(key);
  }
  const node = ctx.serverNodes.get(key);
  if (node) {
    // Its children come from the same overview, so this settles at once.
    ctx.refresh(node);
  }
}

async function initNode(ctx: TreeContext, profile: ServerProfile): Promise<NeedsInitNode> {
  try {
    const login = await ctx.sessions.login(profile, 'postgres');
    const probe = await probeServer(login, profile.catalogDatabase);
    const missing = [probe.createDb || probe.superuser ? undefined : 'CREATEDB', probe.createRole || probe.superuser ? undefined : 'CREATEROLE'].filter(Boolean).join(', ');
    return { kind: 'needsInit', profile, canInitialize: missing === '', missing };
  } catch {
    return { kind: 'needsInit', profile, canInitialize: false, missing: '' };
  }
}

export const serverNode: NodeDef<ServerNode> = {
  kind: 'server',
  item({ profile }, ctx) {
    const item = new vscode.TreeItem(profile.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `server:${profileKey(profile)}`;
    item.description = `${profile.user}@${profile.host}:${profile.port}`;
    item.tooltip = [
      profile.label,
      labelled(vscode.l10n.t('Host'), `${profile.host}:${profile.port}`),
      labelled(vscode.l10n.t('User'), profile.user),
      ...tlsLines(profile),
      labelled(vscode.l10n.t('Catalog database'), profile.catalogDatabase),
      ...(ctx.superusers.has(profileKey(profile)) ? ['', `⚠ ${superuserWarning()}`] : []),
    ].join('\n');
    item.iconPath = new vscode.ThemeIcon('server');
    item.contextValue = contextValue.server(profileKey(profile));
    return item;
  },
  async children({ profile: given }, ctx): Promise<TreeNode[]> {
    let profile = given;
    if (profile.local) {
      const state = localStateNode.stateOf(ctx.local, profile);
      if (state) {
        return [state];
      }
      // Its port may have changed since the node was made.
      profile = ctx.store.read().profiles.find((p) => p.local) ?? profile;
    }
    try {
      const { platformAdmin, superuser, workspaces } = await ctx.sessions.catalog(profile, (c) => serverOverview(c));
      noteSuperuser(ctx, given, superuser);
      noteState(ctx, given, platformAdmin ? 'readyPlatformAdmin' : 'ready');
      if (platformAdmin && !superuser) {
        ctx.sessions.ensureSessionRoles(profile);
      }
      const warning: TreeNode[] = superuser ? [{ kind: 'superuserWarning', profile }] : [];
      if (workspaces.length === 0) {
        return [...warning, { kind: 'noWorkspaces', profile, platformAdmin }];
      }
      return [...warning, ...workspaces.map((workspace): TreeNode => ({ kind: 'workspace', source: ctx.catalogSource({ profile, workspace, platformAdmin }) }))];
    } catch (raw) {
      const err = asCatalogError(raw);
      if (err instanceof CatalogError && err.kind === 'catalogMissing') {
        noteState(ctx, given, 'needsInit');
        return [await initNode(ctx, profile)];
      }
      if (err instanceof CatalogError && err.kind === 'catalogOutdated') {
        noteState(ctx, given, 'needsInit');
        return [{ ...(await initNode(ctx, profile)), outdated: err.message }];
      }
      noteState(ctx, given, 'error');
      const failure = explain(err);
      ctx.log.warn(`Server ${profile.label} (${profile.user}@${profile.host}:${profile.port}): ${failure.detail || failure.message}`);
      return [{ kind: 'serverError', profile, message: failure.message, detail: failure.detail, weakerTls: err instanceof WeakerTlsError }];
    }
  },
};

/** The TLS the profile asks for, after PGSSLMODE and the like: the mode, and the files it names. */
function tlsLines(profile: ServerProfile): string[] {
  const tls = effectiveTls(profile, hostPlace());
  return [
    labelled(vscode.l10n.t('TLS mode'), tls.sslmode),
    ...(profile.sslrootcert ? [labelled(vscode.l10n.t('CA certificate'), profile.sslrootcert)] : []),
    ...(profile.sslcert ? [labelled(vscode.l10n.t('Client certificate'), profile.sslcert)] : []),
  ];
}

/** The tree's roots: one node per server profile, and one per bad settings entry. */
export function serverRoots(ctx: TreeContext): TreeNode[] {
  const { profiles, problems } = ctx.store.read();
  const previous = ctx.serverNodes;
  ctx.serverNodes = new Map(
    profiles.map((profile) => {
      const key = profileKey(profile);
      const known = previous.get(key);
      return [key, known && JSON.stringify(known.profile) === JSON.stringify(profile) ? known : { kind: 'server', profile }];
    }),
  );
  return [...ctx.serverNodes.values(), ...problems.map((problem): TreeNode => ({ kind: 'problem', problem }))];
}

import * as vscode from 'vscode';
import type { Client, ClientBase } from 'pg';
import { may } from '../core/roles';
import type { RunMode } from '../core/query/runRules';
import type { ServerProfile } from '../core/serverProfile';
import { workspaceCredentials } from '../openhexa/instanceCalls';
import { consoleLogin, databaseLogin } from '../openhexa/instanceLogins';
import { withConnection, type Login } from '../postgres/connect';
import type { Services } from '../platform/services';
import type { QueryBinding } from '../features/query/queryDocuments';

// A query document's binding names a workspace of either kind (a server's
// profile, or an instance's address): what that means for its runs, its
// completion, its status and whether it may be saved in the workspace is
// said here, so the query console never asks which kind it has.

/**
 * Where a bound document's runs go: the login they run as, how Copy to New
 * Table writes, and the server profile whose catalog keeps the member's
 * history (none on an OpenHEXA instance, which has no catalog of ours).
 */
export interface QueryTarget {
  readonly login: Login;
  readonly write: <T>(run: (client: Client) => Promise<T>) => Promise<T>;
  readonly profile?: ServerProfile;
}

function profileOf(services: Services, binding: QueryBinding): ServerProfile {
  const profile = services.queries.documents.profileOf(binding);
  if (!profile) {
    throw new Error(vscode.l10n.t('The server this document was bound to is no longer in your servers. Bind the document to a workspace again (click its status bar item).'));
  }
  return profile;
}

/**
 * On a PostgreSQL server, the member's own login. On an OpenHEXA
 * instance, the workspace database's credentials as OpenHEXA hands them
 * now (a regenerated password is picked up): the read-only login for
 * read-only runs, the read/write one when the document allows writes, so
 * PostgreSQL refuses a write in a read-only run whatever the console does.
 */
export async function queryTarget(services: Services, binding: QueryBinding, mode: RunMode): Promise<QueryTarget> {
  if (binding.instance) {
    const credentials = await workspaceCredentials(await services.instances.session(binding.instance), binding.slug);
    const login = consoleLogin(credentials, mode);
    const writer = databaseLogin(credentials.rw);
    return { login, write: (run) => withConnection(writer, run) };
  }
  const profile = profileOf(services, binding);
  return {
    login: await services.sessions.login(profile, binding.dbName),
    write: (run) => services.sessions.write(profile, binding.dbName, run),
    profile,
  };
}

/** Reads the bound workspace's database for completion: read-only, with the member's login or the instance's read-only one. */
export async function browseBound<T>(services: Services, binding: QueryBinding, run: (client: ClientBase) => Promise<T>): Promise<T> {
  if (binding.instance) {
    const { ro } = await workspaceCredentials(await services.instances.session(binding.instance), binding.slug);
    return services.sessions.browseAs(databaseLogin(ro), run);
  }
  return services.sessions.browse(profileOf(services, binding), binding.dbName, run);
}

/** Whether the binding's workspace can still be reached: an instance signed in to, or a server still in the user's servers. */
export function bindingKnown(services: Services, binding: QueryBinding): boolean {
  return binding.instance !== undefined || services.queries.documents.profileOf(binding) !== undefined;
}

/** Whether the workspace keeps queries and run history for VS Code (a server's catalog does; an instance keeps none here). */
export function keepsWorkspaceQueries(binding: QueryBinding): boolean {
  return binding.instance === undefined;
}

/** What the status bar says of a bound document: where its runs go, as whom, and in which mode. */
export function runsWhere(binding: QueryBinding): string {
  if (binding.instance) {
    return binding.allowWrites
      ? vscode.l10n.t("Runs on the database of {0} (OpenHEXA, {1}) with its read/write credentials, writes allowed: a run is committed at its end, and rolled back whole on an error. Click to change.", binding.workspaceName, binding.instance)
      : vscode.l10n.t("Runs on the database of {0} (OpenHEXA, {1}) with its read-only credentials. Click to change the workspace or the mode.", binding.workspaceName, binding.instance);
  }
  return binding.allowWrites
    ? vscode.l10n.t('Runs on {0} as your own login, with writes allowed: a run is committed at its end, and rolled back whole on an error. Click to change.', binding.workspaceName)
    : may(binding.role, 'write')
      ? vscode.l10n.t('Runs on {0} as your own login, read-only. Click to change the workspace or the mode.', binding.workspaceName)
      : vscode.l10n.t('Runs on {0} as your own login, read-only (your role there reads only). Click to run it on another workspace.', binding.workspaceName);
}

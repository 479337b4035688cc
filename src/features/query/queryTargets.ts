import * as vscode from 'vscode';
import type { Client, ClientBase } from 'pg';
import type { RunMode } from '../../core/query/runRules';
import type { ServerProfile } from '../../core/serverProfile';
import { workspaceCredentials } from '../../openhexa/instanceCalls';
import { consoleLogin, databaseLogin } from '../../openhexa/instanceLogins';
import { withConnection, type Login } from '../../postgres/connect';
import type { Services } from '../../platform/services';
import type { QueryBinding } from './queryDocuments';

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

import { initializeCatalog, type InitializeResult } from '../postgres/catalog/migrate';
import { stepTimer } from '../core/stepTimer';
import { withConnection, type Login } from '../postgres/connect';
import { listWorkspaces } from '../postgres/workspace/catalogCalls';
import { createWorkspace, type CreatedWorkspace } from '../postgres/workspace/provisioning';
import { catalogMaintainer, ensurePlatformLogin } from './platformLogin';
import { loadSampleData } from './sampleData';

export const SANDBOX = 'Sandbox';

type ServerLogin = Omit<Login, 'database'>;

/**
 * Readies the local server's catalog. The superuser only makes the platform
 * login and, on a server whose catalog it made (0.1.0), runs the migrations:
 * only a catalog's owner can. Everything else, and all browsing, goes
 * through the platform login, which is not a superuser.
 */
export async function prepareLocalCatalog(
  superuser: ServerLogin,
  platform: ServerLogin & { password: string },
  catalogDatabase: string,
  options: { readonly platformLoginReady?: boolean; readonly onStep?: (step: LocalSandboxStep, ms: number) => void } = {},
): Promise<InitializeResult> {
  const step = stepTimer(options.onStep);
  // The service's every start makes the login; a caller that has just done so says it.
  if (!options.platformLoginReady) {
    await ensurePlatformLogin(superuser, platform.password);
    step('platform login');
  }
  const maintainer = await catalogMaintainer(superuser, catalogDatabase);
  const result = await initializeCatalog(maintainer === 'superuser' ? superuser : platform, catalogDatabase);
  step('migrations');
  return result;
}

/** The steps after the server is up, as `firstRun` times them. */
export type LocalSandboxStep = 'platform login' | 'migrations' | 'sandbox' | 'sample data';

/** The first time only (no workspace yet): the Sandbox workspace with its sample data, made by the platform login. */
export async function createSandbox(platform: ServerLogin, catalogDatabase: string, onStep?: (step: LocalSandboxStep, ms: number) => void): Promise<CreatedWorkspace | undefined> {
  const step = stepTimer(onStep);
  const workspaces = await withConnection({ ...platform, database: catalogDatabase }, (c) => listWorkspaces(c));
  if (workspaces.length > 0) {
    return undefined;
  }
  const sandbox = await createWorkspace(platform, catalogDatabase, SANDBOX);
  step('sandbox');
  await withConnection({ ...platform, database: sandbox.dbName }, (c) => loadSampleData(c));
  step('sample data');
  return sandbox;
}

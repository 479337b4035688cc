/** What the workspace database's variables start with (WORKSPACE_DATABASE_HOST…). */
export const WORKSPACE_DATABASE_PREFIX = 'WORKSPACE_DATABASE';

/** Environment-variable names of the workspace database, as the OpenHEXA SDK reads them. */
export function workspaceEnvNames(): { host: string; port: string; dbName: string; username: string; password: string; url: string } {
  const prefix = WORKSPACE_DATABASE_PREFIX;
  return {
    host: `${prefix}_HOST`,
    port: `${prefix}_PORT`,
    dbName: `${prefix}_DB_NAME`,
    username: `${prefix}_USERNAME`,
    password: `${prefix}_PASSWORD`,
    url: `${prefix}_URL`,
  };
}

/** Environment-variable names of the workspace database, as the OpenHEXA SDK reads them. */
export function workspaceEnvNames(): { host: string; port: string; dbName: string; username: string; password: string; url: string } {
  const prefix = 'WORKSPACE_DATABASE';
  return {
    host: `${prefix}_HOST`,
    port: `${prefix}_PORT`,
    dbName: `${prefix}_DB_NAME`,
    username: `${prefix}_USERNAME`,
    password: `${prefix}_PASSWORD`,
    url: `${prefix}_URL`,
  };
}

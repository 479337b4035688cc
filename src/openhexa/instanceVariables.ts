// An instance's workspace variables for a notebook's .env or a terminal:
// WORKSPACE_DATABASE_* from the credentials OpenHEXA hands to editors and
// admins, and each connection's variables from its values, in the same
// sections (and so through the same checks of names and values) as a
// PostgreSQL server's.
import { CONNECTION_TYPES } from '../core/connections/types';
import type { DatabaseSet } from '../core/notebooks/databaseEnv';
import { connectionSection, databaseSection, type WorkspaceSection } from '../core/notebooks/workspaceEnvFile';
import type { ConnectionSummary } from '../postgres/connections/connectionCalls';
import type { InstanceConnectionStore } from './instanceConnections';
import type { InstanceCredentials } from './instanceCalls';
import { envLogin } from './instanceLogins';

/** The database's section (with the login set chosen, if any) and the sections of `connections`, values read one by one. */
export async function instanceSections(
  credentials: InstanceCredentials,
  set: DatabaseSet | undefined,
  store: InstanceConnectionStore,
  connections: readonly ConnectionSummary[],
): Promise<WorkspaceSection[]> {
  const sections: WorkspaceSection[] = set ? [databaseSection(set, envLogin(credentials[set], {}))] : [];
  for (const connection of connections) {
    sections.push(connectionSection(CONNECTION_TYPES[connection.type], connection.identifier, connection.name, await store.values(connection.identifier)));
  }
  return sections;
}

// What a workspace's block in .env holds: one section for its database (the
// login chosen), one per connection written, under a comment that says whose
// it is. Shared by the command and the kernel tests, so both write the same.
import type { ConnectionField, ConnectionTypeDef } from '../connections/connectionType';
import { connectionEnv, envPrefix } from '../connections/envNames';
import { WORKSPACE_DATABASE_PREFIX } from '../envNames';
import { databaseEnv, type DatabaseLogin, type DatabaseSet } from './databaseEnv';
import type { EnvSection } from './envFileBlock';
import { prefixCollisions } from './prefixCollisions';

export interface BlockOwner {
  readonly slug: string;
  readonly name: string;
  readonly host: string;
  readonly port: number;
}

/** One block per workspace of one server. */
export function blockKey(owner: BlockOwner): string {
  return `workspace ${owner.slug} on ${owner.host}:${owner.port}`;
}

export function blockComment(owner: BlockOwner): string[] {
  return [
    `Workspace "${owner.name}": its database and connections, as the OpenHEXA SDK reads them.`,
    'Secrets in clear: keep this file to yourself and out of git. A running kernel sees changes after a restart.',
  ];
}

/** A section of the block, with the prefix its variables start with. */
export interface WorkspaceSection extends EnvSection {
  readonly prefix: string;
}

export function databaseSection(set: DatabaseSet, login: DatabaseLogin): WorkspaceSection {
  return {
    key: 'database',
    prefix: WORKSPACE_DATABASE_PREFIX,
    comment:
      set === 'ro'
        ? `WORKSPACE_DATABASE_*: the read-only login ${login.username} (reads only; the server refuses writes)`
        : `WORKSPACE_DATABASE_*: the read/write login ${login.username}, as OpenHEXA's notebooks get it`,
    entries: databaseEnv(login),
  };
}

export function connectionSection(type: ConnectionTypeDef, identifier: string, name: string, fields: readonly ConnectionField[]): WorkspaceSection {
  return {
    key: `connection:${identifier}`,
    prefix: envPrefix(identifier),
    comment: `${envPrefix(identifier)}_*: ${type.label} connection "${name}"`,
    entries: connectionEnv(type, identifier, fields).map(([n, value]) => ({ name: n, value })),
  };
}

/** Pairs of prefixes among the workspace's connections (and the database's) that the SDK would mix, where one is a written section's. */
export function workspaceCollisions(identifiers: readonly string[], written: readonly WorkspaceSection[]): [string, string][] {
  const touched = new Set(written.map((s) => s.prefix));
  return prefixCollisions([WORKSPACE_DATABASE_PREFIX, ...identifiers.map(envPrefix)]).filter(([a, b]) => touched.has(a) || touched.has(b));
}

// What a workspace's block in .env holds: one section for its database (the
// login chosen), one per connection written, under a comment that says whose
// it is. Shared by the command and the kernel tests, so both write the same.
import type { ConnectionField, ConnectionTypeDef } from '../connections/connectionType';
import { connectionEnv, envPrefix, firstReserved } from '../connections/connectionEnvNames';
import { WORKSPACE_DATABASE_PREFIX, workspaceEnvNames } from '../env/databaseEnvNames';
import { databaseEnv, type DatabaseLogin, type DatabaseSet } from './databaseEnv';
import type { RefusedValue } from './dotenvValue';
import { otherBlocks, removeBlock, writeSections, type EnvSection } from './envFileBlock';
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

const CONNECTION_KEY = 'connection:';

export function connectionSection(type: ConnectionTypeDef, identifier: string, name: string, fields: readonly ConnectionField[]): WorkspaceSection {
  return {
    key: `${CONNECTION_KEY}${identifier}`,
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

/** A section the product does not hand out, and why: the variable and its reason. */
export interface RefusedSection {
  readonly key: string;
  readonly variable: string;
  /** 'reserved': a program on this machine reads the variable (`readBy`); else why no .env text holds its value. */
  readonly reason: 'reserved' | RefusedValue;
  readonly readBy?: string;
}

/**
 * The sections that may reach this machine's environment: a connection one
 * of whose variables a program here reads (PATH, PROMPT_COMMAND, LD_PRELOAD…)
 * is refused whatever the catalog holds (a connection made before the
 * catalog refused them, or by hand). The database section is the product's own.
 */
export function withoutReserved(sections: readonly WorkspaceSection[]): { usable: WorkspaceSection[]; refused: RefusedSection[] } {
  const usable: WorkspaceSection[] = [];
  const refused: RefusedSection[] = [];
  for (const section of sections) {
    const reserved = section.key.startsWith(CONNECTION_KEY) ? firstReserved(section.entries.map((e) => e.name)) : undefined;
    if (reserved) {
      refused.push({ key: section.key, variable: reserved.name, reason: 'reserved', readBy: reserved.readBy });
    } else {
      usable.push(section);
    }
  }
  return { usable, refused };
}

/** The prefix a section of any workspace's block makes, from its key. */
function prefixOfKey(key: string): string {
  return key.startsWith(CONNECTION_KEY) ? envPrefix(key.slice(CONNECTION_KEY.length)) : WORKSPACE_DATABASE_PREFIX;
}

/** Another workspace's block, and what of it would combine with the sections written. */
export interface OtherWorkspace {
  readonly key: string;
  /** Names both set, and prefixes one of which the SDK would read as part of the other ("DHIS2_PROD_*"). */
  readonly clashes: readonly string[];
}

export interface EnvWritePlan {
  /** The file to write. */
  readonly text: string;
  readonly written: readonly WorkspaceSection[];
  readonly refused: readonly RefusedSection[];
  /** Other workspaces' blocks left in the file. */
  readonly others: readonly OtherWorkspace[];
  /** Lines outside every block that set a variable written here (a kernel would read whichever comes last). */
  readonly alsoOutside: readonly { readonly name: string; readonly line: number }[];
  /** Prefixes among this workspace's connections that the SDK would mix. */
  readonly collisions: readonly [string, string][];
}

/**
 * What writing `sections` of a workspace to a .env file would do: refused
 * connections left out (a variable a program reads, a value no .env text
 * holds safely), the block merged, and what in the file would combine with
 * it. `replacing`: other workspaces' blocks the user chose to remove first.
 * The caller refuses to write while `others` have clashes or `alsoOutside`
 * is not empty, so no other block's or line's value combines with these.
 */
export function planEnvWrite(file: string, owner: BlockOwner, sections: readonly WorkspaceSection[], identifiers: readonly string[], replacing: readonly string[] = []): EnvWritePlan {
  const base = replacing.reduce((text, key) => removeBlock(text, key), file);
  const { usable, refused } = withoutReserved(sections);
  const key = blockKey(owner);
  const block = writeSections(base, key, blockComment(owner), usable);
  const unwritten = new Set(block.unwritten.map((u) => u.key));
  const written = usable.filter((s) => !unwritten.has(s.key));
  const names = new Set(written.flatMap((s) => s.entries.map((e) => e.name)));
  const prefixes = written.map((s) => s.prefix);
  const others = otherBlocks(base, key).map((other): OtherWorkspace => {
    const theirs = other.sections.map(prefixOfKey);
    const mixed = prefixCollisions([...new Set([...prefixes, ...theirs])]).filter(([a, b]) => (prefixes.includes(a) && theirs.includes(b)) || (theirs.includes(a) && prefixes.includes(b)));
    const same = other.names.filter((n) => names.has(n));
    return { key: other.key, clashes: [...new Set([...same, ...mixed.map(([a, b]) => `${a}_* / ${b}`)])] };
  });
  return {
    text: block.text,
    written,
    refused: [...refused, ...block.unwritten.map((u): RefusedSection => ({ key: u.key, variable: u.name, reason: u.reason }))],
    others,
    alsoOutside: block.alsoOutside,
    collisions: workspaceCollisions(identifiers, written),
  };
}

/**
 * The environment of a terminal for the workspace: the variables of the
 * database section and of every connection that may reach this machine, and
 * libpq's PG* for psql from the database's (with the TLS settings given).
 */
export function terminalEnvironment(sections: readonly WorkspaceSection[], tls: Readonly<Record<string, string>>): { env: Record<string, string>; refused: RefusedSection[] } {
  const { usable, refused } = withoutReserved(sections);
  const env: Record<string, string> = Object.fromEntries(usable.flatMap((s) => s.entries.map((e) => [e.name, e.value])));
  const names = workspaceEnvNames();
  const get = (name: string): string => env[name] ?? '';
  Object.assign(env, { PGHOST: get(names.host), PGPORT: get(names.port), PGDATABASE: get(names.dbName), PGUSER: get(names.username), PGPASSWORD: get(names.password) }, tls);
  return { env, refused };
}

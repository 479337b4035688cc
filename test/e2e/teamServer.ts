// A team's server for the e2e tests: a PostgreSQL with a platform login
// (CREATEDB, CREATEROLE, not superuser), an initialized catalog, one
// workspace with a viewer, and a pgpass file holding both logins, so the
// workbench connects as either without typing a password.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { initializeCatalog } from '../../src/postgres/catalog/migrate';
import { createMember } from '../../src/postgres/workspace/catalogCalls';
import { createWorkspace } from '../../src/postgres/workspace/provisioning';
import { startTestServer, type TestServer } from '../fixtures/postgresServer';

export interface Team {
  readonly pg: TestServer;
  readonly slug: string;
  /** A PGPASSFILE with the platform's and the viewer's passwords. */
  readonly pgpass: string;
  /** The two server profiles: "Team (admin)" (the platform login) and "Team (viewer)". */
  readonly profiles: readonly object[];
}

export interface TeamNames {
  readonly platform: string;
  readonly platformPassword: string;
  readonly viewer: string;
  readonly workspace: string;
  readonly catalog: string;
}

/** A fresh server with the platform login (CREATEDB, CREATEROLE, not superuser) and its initialized catalog. */
export async function startPlatform(names: Pick<TeamNames, 'platform' | 'platformPassword' | 'catalog'>): Promise<{ pg: TestServer; platform: { host: string; port: number; user: string; password: string; sslmode: 'disable' } }> {
  const pg = await startTestServer();
  const admin = await pg.connect();
  await admin.query(`CREATE ROLE ${names.platform} LOGIN CREATEDB CREATEROLE PASSWORD '${names.platformPassword}'`);
  await admin.end();
  const platform = { host: pg.host, port: pg.port, user: names.platform, password: names.platformPassword, sslmode: 'disable' as const };
  await initializeCatalog(platform, names.catalog);
  return { pg, platform };
}

/** The server, with `seed` run as the platform login on the catalog once the workspace exists. */
export async function startTeam(names: TeamNames, seed?: (catalog: Client, slug: string) => Promise<void>): Promise<Team> {
  const { pg, platform } = await startPlatform(names);
  const slug = (await createWorkspace(platform, names.catalog, names.workspace)).slug;
  const catalog = new Client({ ...platform, database: names.catalog });
  await catalog.connect();
  let viewerPassword: string;
  try {
    viewerPassword = await createMember(catalog, slug, names.viewer, 'viewer');
    await seed?.(catalog, slug);
  } finally {
    await catalog.end();
  }
  const pgpass = path.join(fs.mkdtempSync(path.join(pg.baseDir, 'pgpass-')), 'pgpass');
  fs.writeFileSync(pgpass, `127.0.0.1:${pg.port}:*:${names.platform}:${names.platformPassword}\n127.0.0.1:${pg.port}:*:${names.viewer}:${viewerPassword}\n`, { mode: 0o600 });
  const profile = (label: string, user: string) => ({ label, host: '127.0.0.1', port: pg.port, user, sslmode: 'disable', catalogDatabase: names.catalog });
  return { pg, slug, pgpass, profiles: [profile('Team (admin)', names.platform), profile('Team (viewer)', names.viewer)] };
}

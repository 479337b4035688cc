// Root fixture of the integration tier: one real PostgreSQL per run, started
// before the first test and always torn down (see test/fixtures). With
// OPENHEXA_TEST_THROUGH_PGBOUNCER=1, members and the platform login reach it
// through PgBouncer in transaction pooling (the superuser stays direct): the
// tier then proves its rules hold for a team that deploys a pooler.
import { startPgBouncer, type PgBouncer } from '../fixtures/pgbouncer';
import { startTestServer, type TestServer } from '../fixtures/postgresServer';

let server: TestServer | undefined;
let bouncer: PgBouncer | undefined;

export function testServer(): TestServer {
  if (!server) {
    throw new Error('The integration fixture did not start a PostgreSQL server');
  }
  return server;
}

/** Where logins other than the superuser connect: the server, or the PgBouncer in front of it. */
export function loginEndpoint(): { readonly host: string; readonly port: number; readonly pooler?: true } {
  const direct = testServer();
  return bouncer ? { host: bouncer.host, port: bouncer.port, pooler: true } : { host: direct.host, port: direct.port };
}

export async function mochaGlobalSetup(): Promise<void> {
  server = await startTestServer();
  process.stdout.write(`  PostgreSQL ${server.version} on 127.0.0.1:${server.port} (${server.baseDir})\n`);
  if (process.env.OPENHEXA_TEST_THROUGH_PGBOUNCER === '1') {
    // As a team with many logins deploys it: idle server connections close soon, so logins do not pile up past max_connections.
    bouncer = await startPgBouncer(server, { serverIdleTimeout: 1, maxDbConnections: 40 });
    process.stdout.write(`  members and the platform login through PgBouncer (transaction pooling) on 127.0.0.1:${bouncer.port}\n`);
  }
}

export async function mochaGlobalTeardown(): Promise<void> {
  await bouncer?.stop();
  bouncer = undefined;
  await server?.stop();
  server = undefined;
}

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

/** PgBouncer's log so far, when the tier runs through it (what the server answered PgBouncer's own logins). */
export function poolerLog(): string | undefined {
  return bouncer?.log();
}

export async function mochaGlobalSetup(): Promise<void> {
  server = await startTestServer();
  process.stdout.write(`  PostgreSQL ${server.version} on 127.0.0.1:${server.port} (${server.baseDir})\n`);
  if (process.env.OPENHEXA_TEST_THROUGH_PGBOUNCER === '1') {
    // As a team with many logins deploys it: idle server connections close soon, so logins do not pile up past max_connections.
    // A login the server refuses keeps a client waiting in PgBouncer's queue until query_wait_timeout: 15 s, not 120;
    // and for server_login_retry after it PgBouncer refuses that login's clients itself: 1 s, not 15 (a password restored).
    bouncer = await startPgBouncer(server, { serverIdleTimeout: 1, maxDbConnections: 40, waitSeconds: 15, serverLoginRetry: 1 });
    process.stdout.write(`  members and the platform login through PgBouncer (transaction pooling) on 127.0.0.1:${bouncer.port}\n`);
  }
}

export async function mochaGlobalTeardown(): Promise<void> {
  await bouncer?.stop();
  bouncer = undefined;
  await server?.stop();
  server = undefined;
}

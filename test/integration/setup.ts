// Root fixture of the integration tier: one real PostgreSQL per run, started
// before the first test and always torn down (see test/fixtures).
import { startTestServer, type TestServer } from '../fixtures/postgresServer';

let server: TestServer | undefined;

export function testServer(): TestServer {
  if (!server) {
    throw new Error('The integration fixture did not start a PostgreSQL server');
  }
  return server;
}

export async function mochaGlobalSetup(): Promise<void> {
  server = await startTestServer();
  process.stdout.write(`  PostgreSQL ${server.version} on 127.0.0.1:${server.port} (${server.baseDir})\n`);
}

export async function mochaGlobalTeardown(): Promise<void> {
  await server?.stop();
  server = undefined;
}

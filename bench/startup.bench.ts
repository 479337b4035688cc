// How long a user waits: a new local PostgreSQL (initdb + start, what "Start a
// local server" will cost), and "Test Connection" against a running server.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { probeServer } from '../src/postgres/probeServer';
import { startTestServer } from '../test/fixtures/postgresServer';
import { machine, median, printTable } from './machine';

const COLD_RUNS = 5;
const PROBE_RUNS = 30;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export async function run(resultsDir: string): Promise<void> {
  const cold: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
    cold.push(await time(async () => (server = await startTestServer())));
    await server?.stop();
  }

  const server = await startTestServer();
  const admin = await server.connect();
  await admin.query(`CREATE ROLE bench_login LOGIN CREATEDB CREATEROLE PASSWORD 'bench-pw'`);
  await admin.end();
  const login = { host: server.host, port: server.port, user: 'bench_login', password: 'bench-pw', sslmode: 'disable' as const };
  const probes: number[] = [];
  for (let i = 0; i < PROBE_RUNS; i++) {
    probes.push(await time(() => probeServer(login, 'openhexa')));
  }
  const preferProbes: number[] = [];
  for (let i = 0; i < PROBE_RUNS; i++) {
    preferProbes.push(await time(() => probeServer({ ...login, sslmode: 'prefer' }, 'openhexa')));
  }
  await server.stop();

  const rows = [
    { case: 'new local PostgreSQL: initdb + start + first query', medianMs: median(cold), runs: COLD_RUNS },
    { case: 'Test Connection (sslmode disable)', medianMs: median(probes), runs: PROBE_RUNS },
    { case: 'Test Connection (sslmode prefer, server without TLS)', medianMs: median(preferProbes), runs: PROBE_RUNS },
  ];
  printTable(`startup (PostgreSQL ${server.version})`, rows);
  fs.writeFileSync(
    path.join(resultsDir, 'startup.json'),
    `${JSON.stringify({ benchmark: 'startup', date: new Date().toISOString(), postgres: server.version, machine: machine(), results: rows }, null, 2)}\n`,
  );
}

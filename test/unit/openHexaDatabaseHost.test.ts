import * as assert from 'node:assert/strict';
import { databaseHostProblem, isThisComputer } from '../../src/openhexa/databaseHost';
import { OpenHexaError } from '../../src/openhexa/graphqlClient';
import { workspaceCredentials, type InstanceSession } from '../../src/openhexa/instanceCalls';

// A hostile instance names the host of the "workspace database" it hands
// out: the member's VS Code must not log in to its own PostgreSQL for it.

const login = (host: string, port = 5432) => ({ dbName: 'ws_malaria', username: 'ws_malaria_ro', password: 'ro-password', host, port, url: `postgresql://ws_malaria_ro:ro-password@${host}:${port}/ws_malaria` });

/** A session whose API answers the credentials query with `rw` and `ro`, whatever is asked. */
function answering(server: string, rw: ReturnType<typeof login>, ro: ReturnType<typeof login>): InstanceSession {
  return { api: { server, call: () => Promise.resolve({ workspace: { database: { credentials: rw, readOnlyCredentials: ro } } }) } } as unknown as InstanceSession;
}

describe('the database an OpenHEXA instance points VS Code at', () => {
  it('knows the names and addresses of this computer', () => {
    for (const here of ['localhost', 'LOCALHOST', 'localhost.', 'db.localhost', '127.0.0.1', '127.8.9.10', '::1', '[::1]', '0:0:0:0:0:0:0:1', '0.0.0.0', '::', '::ffff:127.0.0.1']) {
      assert.ok(isThisComputer(here), here);
    }
    for (const elsewhere of ['db.openhexa.org', '10.0.0.5', '128.0.0.1', '::2', 'localhostess.example.org', '2001:db8::1']) {
      assert.ok(!isThisComputer(elsewhere), elsewhere);
    }
  });

  it('takes a TCP host elsewhere, and this computer only from an instance that runs on it', () => {
    for (const [server, host] of [
      ['https://api.openhexa.org', 'db.openhexa.org'],
      ['https://api.openhexa.org', '10.0.0.5'],
      ['https://api.openhexa.org', '[2001:db8::1]'],
      ['http://127.0.0.1:41225', '127.0.0.1'],
      ['http://localhost:8000', 'localhost'],
    ] as const) {
      assert.equal(databaseHostProblem(server, host, 5432), undefined, `${server} ${host}`);
    }
    for (const host of ['localhost', '127.0.0.1', '::1', '0.0.0.0']) {
      assert.match(databaseHostProblem('https://api.openhexa.org', host, 5432)?.text ?? '', /on this computer/, host);
    }
  });

  it('refuses a socket path, several hosts in one, options smuggled in the host, and ports out of range', () => {
    for (const host of ['/var/run/postgresql', '/tmp', '@abstract', 'db1,db2', 'db host', 'db.example.org options=-csearch_path=evil', '', '-c', '.hidden', '[::1', '::1]']) {
      assert.match(databaseHostProblem('https://api.openhexa.org', host, 5432)?.text ?? '', /not a host and port this extension connects to/, host);
    }
    for (const port of [0, -1, 65_536, 5432.5]) {
      assert.match(databaseHostProblem('https://api.openhexa.org', 'db.openhexa.org', port)?.text ?? '', /not a host and port/, String(port));
    }
  });

  it('refuses credentials pointing at this computer before any use, saying so without the password', async () => {
    const error = await workspaceCredentials(answering('https://api.openhexa.org', login('db.openhexa.org'), login('/var/run/postgresql')), 'malaria').catch((err: unknown) => err);
    assert.ok(error instanceof OpenHexaError, String(error));
    assert.match(error.message, /\/var\/run\/postgresql:5432.*nothing was sent there/);
    assert.ok(!error.message.includes('ro-password'));
    const local = await workspaceCredentials(answering('https://api.openhexa.org', login('127.0.0.1'), login('db.openhexa.org')), 'malaria').catch((err: unknown) => err);
    assert.ok(local instanceof OpenHexaError && /would log in to your own PostgreSQL/.test(local.message), String(local));
    const fine = await workspaceCredentials(answering('https://api.openhexa.org', login('db.openhexa.org'), login('db.openhexa.org', 6432)), 'malaria');
    assert.equal(fine.ro.port, 6432);
  });
});

import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { databaseReachable } from '../../src/openhexa/instanceLogins';

// Whether an instance's workspace database answers from here is probed
// with a login; the team's server should not see one per preview.

describe("probing an instance's workspace database before a direct preview", () => {
  let server: net.Server;
  let accepted = 0;
  let port = 0;
  before(async () => {
    // Answers every connection by closing it: a database that is there, refusing (the preview then says why).
    server = net.createServer((socket) => {
      accepted++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const login = (at: number) => ({ host: '127.0.0.1', port: at, user: 'ws_malaria_ro', password: 'x', database: 'ws_malaria', sslmode: 'disable' as const });

  it('probes a database once, then takes its answer for ten minutes', async () => {
    let clock = 1_000_000;
    const now = () => clock;
    assert.equal(await databaseReachable(login(port), now), true);
    assert.equal(await databaseReachable(login(port), now), true);
    assert.equal(accepted, 1, 'a second preview probed again');
    clock += 10 * 60_000;
    assert.equal(await databaseReachable(login(port), now), true);
    assert.equal(accepted, 2);
  });

  it('a database that does not answer is tried again at the next preview', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const gone = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    assert.equal(await databaseReachable(login(gone)), false);
    assert.equal(await databaseReachable(login(gone)), false);
  });
});

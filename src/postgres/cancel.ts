import * as net from 'node:net';
import type { ClientBase } from 'pg';

/** The protocol's CancelRequest code (1234 << 16 | 5678). */
const CANCEL_REQUEST_CODE = 80877102;
const CANCEL_TIMEOUT_MS = 5_000;

interface BackendKey {
  readonly processID: number;
  readonly secretKey: number;
}

function backendKey(client: ClientBase): BackendKey | undefined {
  const { processID, secretKey } = client as unknown as { processID: unknown; secretKey: unknown };
  return typeof processID === 'number' && typeof secretKey === 'number' ? { processID, secretKey } : undefined;
}

/**
 * Asks the server to stop whatever the client's backend is running, the way
 * psql's Ctrl-C does: a CancelRequest on a new socket with the backend's key.
 * It needs no privilege (pg_cancel_backend would need the role the backend
 * runs as, which a member session changes with SET role) and no login.
 */
export function cancelRunningQuery(client: ClientBase, host: string, port: number): Promise<void> {
  const key = backendKey(client);
  if (!key) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const socket = host.startsWith('/') ? net.connect(`${host}/.s.PGSQL.${port}`) : net.connect(port, host);
    const done = (): void => {
      socket.destroy();
      resolve();
    };
    socket.setTimeout(CANCEL_TIMEOUT_MS, done);
    socket.on('error', done);
    socket.on('close', done);
    socket.on('connect', () => {
      const message = Buffer.alloc(16);
      message.writeInt32BE(16, 0);
      message.writeInt32BE(CANCEL_REQUEST_CODE, 4);
      message.writeInt32BE(key.processID, 8);
      message.writeInt32BE(key.secretKey, 12);
      // Sent, then the socket is left for the other end to close, as libpq's PQcancel does: PgBouncer
      // 1.18 forwards the request on a connection of its own, and a client that closes first makes it
      // stop on a fatal error (disconnect_client: bad client state), every client with it.
      socket.write(message);
    });
  });
}

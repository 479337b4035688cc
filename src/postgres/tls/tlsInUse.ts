import { TLSSocket } from 'node:tls';
import type { TlsMaterial } from './tlsMaterial';

/** What a connection's TLS is, as a user is told after a test. */
export interface TlsInUse {
  /** "TLSv1.3" and the like. */
  readonly protocol: string;
  /** host: chain and host name checked (verify-full); chain: the CA only; none: encrypted, not verified. */
  readonly verified: 'host' | 'chain' | 'none';
  readonly clientCertificate: boolean;
}

/** What TLS a connected pg client has: pg keeps its socket on the connection, a TLS one once TLS is on. */
export function tlsOfClient(client: unknown, material: TlsMaterial | undefined): TlsInUse | undefined {
  const stream = (client as { connection?: { stream?: unknown } } | undefined)?.connection?.stream;
  if (!(stream instanceof TLSSocket) || !material) {
    return undefined;
  }
  return {
    protocol: stream.getProtocol() ?? 'TLS',
    verified: material.verifyChain && stream.authorized ? (material.verifyHost ? 'host' : 'chain') : 'none',
    clientCertificate: material.clientCertificate,
  };
}

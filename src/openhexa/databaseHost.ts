// Where the credentials an instance hands out may send this computer. A
// hostile or compromised instance chooses the host of the "workspace
// database": a Unix socket path or this computer's own addresses would have
// the preview, the console and the terminal log in to the member's local
// PostgreSQL (trust authentication needs no password) with a login the
// instance names. OpenHEXA's databases are reached over TCP, elsewhere.
import { said, type Said } from '../core/said';
import { O } from './openHexaMessages';

const LOOPBACK_NAMES = new Set(['localhost', 'localhost.localdomain', 'ip6-localhost', 'ip6-loopback']);

/** Whether a host names this computer: localhost, 127.0.0.0/8, ::1, 0.0.0.0 or ::. */
export function isThisComputer(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  return LOOPBACK_NAMES.has(h) || h.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(h) || h === '0.0.0.0' || /^(0*:)*:?0*1$/.test(h) || h === '::' || /^::ffff:127(\.\d{1,3}){3}$/.test(h);
}

/**
 * What is wrong with a database host and port an instance handed out, or
 * undefined: a TCP host name or address (no socket path, nothing a libpq
 * variable would read as more than one host), a port in range, and this
 * computer only when the instance itself runs on it.
 */
export function databaseHostProblem(server: string, host: string, port: number): Said | undefined {
  const shown = `${host}:${port}`;
  if (!/^[A-Za-z0-9._-]+$|^\[[0-9A-Fa-f:.]+\]$|^[0-9A-Fa-f:.]+$/.test(host) || host.startsWith('.') || host.startsWith('-')) {
    return said(O.databaseHostRefused, server, shown);
  }
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    return said(O.databaseHostRefused, server, shown);
  }
  let instanceHost = '';
  try {
    instanceHost = new URL(server).hostname;
  } catch {
    // An address that is no URL was refused at sign-in; here it only means "not this computer".
  }
  if (isThisComputer(host) && !isThisComputer(instanceHost)) {
    return said(O.databaseOnThisComputer, server, shown);
  }
  return undefined;
}

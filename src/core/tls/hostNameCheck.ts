/**
 * libpq's check that a server certificate names the host it was asked for
 * (sslmode=verify-full), rule for rule, so that the product accepts exactly
 * the certificates psql accepts:
 * - dNSName entries are compared with the host as written, case-insensitively,
 *   with a leading "*." matching one label; iPAddress entries with the host
 *   when it is an IP address;
 * - the Common Name is compared only when the certificate has no
 *   subjectAltName of the host's own type (DNS for a name, IP for an address).
 */

export interface CertificateNames {
  readonly dns: readonly string[];
  readonly ip: readonly string[];
  readonly commonName: string | undefined;
}

export type HostCheck = { readonly ok: true } | { readonly ok: false; readonly examined: readonly string[] };

/** libpq's wildcard rule: "*.example.org" matches "a.example.org", not "a.b.example.org" nor "example.org". */
function wildcardMatch(pattern: string, host: string): boolean {
  if (pattern.length < 3 || !pattern.startsWith('*.') || pattern.length > host.length) {
    return false;
  }
  const tail = pattern.slice(1).toLowerCase();
  if (!host.toLowerCase().endsWith(tail)) {
    return false;
  }
  return !host.slice(0, host.length - tail.length).includes('.');
}

function nameMatches(name: string, host: string): boolean {
  if (name.includes('\u0000')) {
    return false;
  }
  return name.toLowerCase() === host.toLowerCase() || wildcardMatch(name, host);
}

/** An IPv4 or IPv6 address in one canonical spelling; undefined for anything else. */
export function canonicalIp(text: string): string | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const parts = v4.slice(1).map(Number);
    return parts.every((p) => p <= 255) ? parts.join('.') : undefined;
  }
  if (!text.includes(':')) {
    return undefined;
  }
  try {
    // The WHATWG URL parser writes IPv6 addresses in their one canonical (RFC 5952) form.
    const hostname = new URL(`http://[${text.replace(/^\[|\]$/g, '')}]/`).hostname;
    return hostname.replace(/^\[|\]$/g, '');
  } catch {
    return undefined;
  }
}

export function checkHostName(host: string, names: CertificateNames): HostCheck {
  const hostIp = canonicalIp(host);
  const examined: string[] = [];
  const checkCommonName = hostIp === undefined ? names.dns.length === 0 : names.ip.length === 0;
  for (const name of names.dns) {
    examined.push(name);
    if (nameMatches(name, host)) {
      return { ok: true };
    }
  }
  for (const ip of names.ip) {
    examined.push(ip);
    if (hostIp !== undefined && canonicalIp(ip) === hostIp) {
      return { ok: true };
    }
  }
  if (checkCommonName && names.commonName !== undefined) {
    examined.push(names.commonName);
    if (nameMatches(names.commonName, host)) {
      return { ok: true };
    }
  }
  return { ok: false, examined };
}

/**
 * Reads Node's `subjectaltname` text ("DNS:a, IP Address:10.0.0.1"; values
 * with a comma or quote are JSON-quoted).
 */
export function parseSubjectAltName(text: string | undefined): { dns: string[]; ip: string[] } {
  const dns: string[] = [];
  const ip: string[] = [];
  const entry = /([A-Za-z ]+):("(?:[^"\\]|\\.)*"|[^,]*)(?:,\s*|$)/gy;
  let match: RegExpExecArray | null;
  while (text && (match = entry.exec(text)) !== null && match[0] !== '') {
    const kind = match[1]!.trim();
    const raw = match[2]!;
    let value = raw;
    if (raw.startsWith('"')) {
      try {
        value = JSON.parse(raw) as string;
      } catch {
        value = raw.slice(1, -1);
      }
    }
    if (kind === 'DNS') {
      dns.push(value);
    } else if (kind === 'IP Address') {
      ip.push(value);
    }
  }
  return { dns, ip };
}

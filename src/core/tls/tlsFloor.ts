import { z } from 'zod';
import { SSL_MODES, verifiesServer, type SslMode } from './sslMode';
import type { EffectiveTls } from './tlsSettings';

/**
 * The TLS a saved password was saved with. A profile that would send it
 * under weaker settings (a folder's settings repeating your login with
 * sslmode=disable, another CA file) needs the user's word first: the
 * password would reach whoever answers there.
 */
export const tlsFloorSchema = z.object({ sslmode: z.enum(SSL_MODES), sslrootcert: z.string().optional() });
export type TlsFloor = z.infer<typeof tlsFloorSchema>;

const RANK: Record<SslMode, number> = { disable: 0, allow: 1, prefer: 2, require: 3, 'verify-ca': 4, 'verify-full': 5 };

/** What a password saved under these settings keeps: the mode, and the CA file where the mode verifies with it. */
export function floorOf(tls: Pick<EffectiveTls, 'sslmode' | 'sslrootcert'>): TlsFloor {
  return verifiesServer(tls.sslmode) ? { sslmode: tls.sslmode, sslrootcert: tls.sslrootcert } : { sslmode: tls.sslmode };
}

/** Whether these settings are weaker than the floor: a weaker mode, or, where the floor verifies the server, another CA. */
export function weakerThan(tls: Pick<EffectiveTls, 'sslmode' | 'sslrootcert'>, floor: TlsFloor): boolean {
  if (RANK[tls.sslmode] < RANK[floor.sslmode]) {
    return true;
  }
  return verifiesServer(floor.sslmode) && floor.sslrootcert !== undefined && tls.sslrootcert !== floor.sslrootcert;
}

import { z } from 'zod';
import { M } from './messages';
import { SSL_MODES } from './tls/sslMode';
import { SYSTEM_ROOT_CERT } from './tls/tlsSettings';

export { SSL_MODES, type SslMode } from './tls/sslMode';

export const DEFAULT_PORT = 5432;
export const DEFAULT_CATALOG_DATABASE = 'openhexa';

/** PostgreSQL truncates identifiers longer than this many bytes. */
const MAX_IDENTIFIER_BYTES = 63;

// Runs in webviews too, so no Buffer: UTF-8 length through TextEncoder.
const utf8 = new TextEncoder();

const identifier = (required: string, tooLong: string) =>
  z
    .string({ required_error: required })
    .trim()
    .min(1, required)
    .refine((v) => utf8.encode(v).length <= MAX_IDENTIFIER_BYTES, tooLong);

/** A TLS file's path (or "system" for the CA); empty means "not set" (libpq's environment variable or default applies). */
const tlsFile = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v),
  z
    .string({ invalid_type_error: M.tlsFileInvalid })
    .max(4096, M.tlsFileInvalid)
    .refine((v) => !/[\r\n]/.test(v) && !v.includes('\u0000'), M.tlsFileInvalid)
    .optional(),
);

/** A server as kept in settings: everything needed to connect but the password and the key's passphrase. */
export const serverProfileSchema = z
  .object({
    label: z.string({ required_error: M.nameRequired }).trim().min(1, M.nameRequired).max(80, M.nameTooLong),
    host: z
      .string({ required_error: M.hostRequired })
      .trim()
      .min(1, M.hostRequired)
      .max(255, M.hostTooLong)
      .refine((v) => !/[\s/@]/.test(v), M.hostInvalid),
    port: z
      .preprocess(
        (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v.trim()) : v === '' ? undefined : v),
        z.number({ invalid_type_error: M.portNotNumber }).int(M.portNotWhole).min(1, M.portRange).max(65535, M.portRange),
      )
      .default(DEFAULT_PORT),
    user: identifier(M.userRequired, M.userTooLong),
    /** libpq's sslmode; left out, PGSSLMODE or libpq's default applies. */
    sslmode: z.enum(SSL_MODES, { errorMap: () => ({ message: M.sslmodeInvalid }) }).optional(),
    /** CA certificate file (PEM), or "system"; left out, PGSSLROOTCERT or ~/.postgresql/root.crt. */
    sslrootcert: tlsFile,
    /** Client certificate file (PEM); left out, PGSSLCERT or ~/.postgresql/postgresql.crt. */
    sslcert: tlsFile,
    /** Client key file; left out, PGSSLKEY or ~/.postgresql/postgresql.key. */
    sslkey: tlsFile,
    catalogDatabase: identifier(M.catalogRequired, M.catalogTooLong).default(DEFAULT_CATALOG_DATABASE),
    /** The extension's own local server (started on demand). */
    local: z.boolean().optional(),
    /**
     * Reached through a connection pooler such as PgBouncer: a login may wait
     * in the pooler's queue for a server connection instead of being refused,
     * so the product waits for it as it waits for a full server.
     */
    pooler: z.boolean().optional(),
  })
  .strict()
  .superRefine((profile, ctx) => {
    if (profile.sslrootcert === SYSTEM_ROOT_CERT && profile.sslmode !== undefined && profile.sslmode !== 'verify-full') {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['sslmode'], message: M.sslmodeWeakForSystem });
    }
  });

export type ServerProfile = z.output<typeof serverProfileSchema>;
export type ServerProfileInput = z.input<typeof serverProfileSchema>;

/** Key under which a profile's password is kept: a login, not a label. */
export function profileKey(profile: Pick<ServerProfile, 'host' | 'port' | 'user'>): string {
  return `${profile.user}@${profile.host}:${profile.port}`;
}

export interface ProfileProblem {
  readonly index: number;
  readonly label: string | undefined;
  readonly message: string;
}

/** First message per field, in a form an inline validation can show. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    out[field] ??= issue.message;
  }
  return out;
}

/** Parses the `openhexa.servers` setting; bad entries become problems, never a crash. */
export function parseServerProfiles(raw: unknown): { profiles: ServerProfile[]; problems: ProfileProblem[] } {
  const profiles: ServerProfile[] = [];
  const problems: ProfileProblem[] = [];
  if (raw === undefined || raw === null) {
    return { profiles, problems };
  }
  if (!Array.isArray(raw)) {
    return { profiles, problems: [{ index: -1, label: undefined, message: M.settingNotList }] };
  }
  raw.forEach((entry: unknown, index) => {
    const parsed = serverProfileSchema.safeParse(entry);
    if (parsed.success) {
      profiles.push(parsed.data);
    } else {
      const label = typeof entry === 'object' && entry !== null && 'label' in entry ? String((entry as { label: unknown }).label) : undefined;
      const first = parsed.error.issues[0];
      const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
      problems.push({ index, label, message: `${where}${first?.message ?? 'invalid entry'}` });
    }
  });
  return { profiles, problems };
}

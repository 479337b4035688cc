import { z } from 'zod';
import { SSL_MODES } from '../core/tls/sslMode';

/**
 * Messages between the "Connect to a Server" panel and its controller.
 * Both ends parse every message with these schemas.
 */
export const connectFormSchema = z.object({
  label: z.string().max(200),
  host: z.string().max(1000),
  port: z.string().max(20),
  user: z.string().max(200),
  sslmode: z.enum(SSL_MODES),
  /** TLS files; '' when not set (libpq's environment variable or default applies). */
  sslrootcert: z.string().max(4096),
  sslcert: z.string().max(4096),
  sslkey: z.string().max(4096),
  catalogDatabase: z.string().max(200),
  /** Reached through a connection pooler (PgBouncer): the profile's `pooler`. */
  pooler: z.boolean(),
});
export type ConnectForm = z.infer<typeof connectFormSchema>;

const password = z.string().max(1000);
/** The client key's passphrase; '' keeps the stored one. */
const keyPassphrase = z.string().max(1000);
export const scopeSchema = z.enum(['user', 'workspace']);
export const tlsFileFieldSchema = z.enum(['sslrootcert', 'sslcert', 'sslkey']);
export type TlsFileField = z.infer<typeof tlsFileFieldSchema>;

export const toHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('test'), form: connectFormSchema, password, keyPassphrase }),
  z.object({ type: z.literal('save'), form: connectFormSchema, password, keyPassphrase, scope: scopeSchema }),
  z.object({ type: z.literal('initialize'), form: connectFormSchema, password, keyPassphrase }),
  /** Opens a file dialog for a TLS file; `current` is where it starts. */
  z.object({ type: z.literal('pickFile'), field: tlsFileFieldSchema, current: z.string().max(4096) }),
  z.object({ type: z.literal('cancel') }),
]);
export type ToHost = z.infer<typeof toHostSchema>;

export const testOutcomeSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    summary: z.string(),
    initHint: z.string().optional(),
    /** Said apart from the summary: e.g. that the login is a superuser. */
    warning: z.string().optional(),
    /** The catalog is missing and this login may create it: the form offers "Initialize Server". */
    canInitialize: z.boolean(),
    /** Whether TLS is on, its version, and whether the server was verified. */
    tls: z.string().optional(),
    /** verified: chain and host name checked; chain: the CA only; none: not verified; off: no TLS. */
    tlsState: z.enum(['verified', 'chain', 'none', 'off']).optional(),
  }),
  z.object({
    ok: z.literal(false),
    message: z.string(),
    detail: z.string(),
    /** What the form offers next to the message: choose a CA file, choose the client certificate, type the key's passphrase. */
    offer: z.enum(['pickCaFile', 'pickClientCert', 'passphrase']).optional(),
  }),
]);
export type TestOutcome = z.infer<typeof testOutcomeSchema>;

export const toWebviewSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('init'),
    /** Every string the panel shows, already translated, keyed by its English text. */
    strings: z.record(z.string()),
    form: connectFormSchema,
    workspaceScopeAvailable: z.boolean(),
    /** Where libpq looks for each TLS file nobody names (shown as the fields' placeholders). */
    tlsDefaults: z.object({ sslrootcert: z.string(), sslcert: z.string(), sslkey: z.string() }),
  }),
  z.object({ type: z.literal('busy'), what: z.enum(['test', 'save', 'initialize']) }),
  z.object({ type: z.literal('filePicked'), field: tlsFileFieldSchema, path: z.string().max(4096) }),
  z.object({ type: z.literal('testResult'), outcome: testOutcomeSchema }),
  z.object({ type: z.literal('saveFailed'), fieldErrors: z.record(z.string()), message: z.string().optional() }),
]);
export type ToWebview = z.infer<typeof toWebviewSchema>;

// The rules the form checks as one types: the host's own, shared.
export { fieldErrors, serverProfileSchema } from '../core/serverProfile';
export { parsePostgresUrl } from '../core/postgresUrl';
export { SSL_MODES };

import { z } from 'zod';
import { SSL_MODES } from '../core/tls/sslMode';

/** Messages between the credentials panel and its controller; validated at both ends. */
export const credentialKindSchema = z.enum(['ro', 'rw']);
export type CredentialKind = z.infer<typeof credentialKindSchema>;

export const copyFieldSchema = z.enum(['host', 'port', 'database', 'username', 'password', 'url', 'env']);
export type CopyField = z.infer<typeof copyFieldSchema>;

export const credentialsToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('reveal'), kind: credentialKindSchema }),
  z.object({ type: z.literal('hide'), kind: credentialKindSchema }),
  z.object({ type: z.literal('copy'), kind: credentialKindSchema, field: copyFieldSchema }),
  z.object({ type: z.literal('regenerate'), kind: credentialKindSchema }),
]);
export type CredentialsToHost = z.infer<typeof credentialsToHostSchema>;

const setSchema = z.object({
  kind: credentialKindSchema,
  username: z.string(),
  /** Present only after an explicit reveal. */
  password: z.string().optional(),
});

export const credentialsViewSchema = z.object({
  workspace: z.object({ name: z.string(), slug: z.string(), dbName: z.string(), role: z.enum(['viewer', 'editor', 'admin']) }),
  host: z.string(),
  port: z.number().int(),
  sslRequired: z.boolean(),
  /** libpq's sslmode a BI tool should use; left out, libpq's default. */
  sslmode: z.enum(SSL_MODES).optional(),
  /** The mode checks the server's certificate: the BI tool needs the CA certificate too. */
  verifyServer: z.boolean(),
  /** "?sslmode=…" that the connection URL carries, or ''. */
  urlQuery: z.string().max(200),
  sets: z.array(setSchema),
  canRegenerate: z.boolean(),
  /** Reveals and copies are recorded by the server (a PostgreSQL server's catalog does; OpenHEXA does not). */
  audited: z.boolean(),
  envNames: z.array(z.string()),
});
export type CredentialsView = z.infer<typeof credentialsViewSchema>;

export const credentialsToWebviewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init'), strings: z.record(z.string()), view: credentialsViewSchema }),
  z.object({ type: z.literal('update'), view: credentialsViewSchema }),
  z.object({ type: z.literal('notice'), text: z.string(), error: z.boolean() }),
]);
export type CredentialsToWebview = z.infer<typeof credentialsToWebviewSchema>;

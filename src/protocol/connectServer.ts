import { z } from 'zod';
import { SSL_MODES } from '../core/serverProfile';

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
  catalogDatabase: z.string().max(200),
});
export type ConnectForm = z.infer<typeof connectFormSchema>;

const password = z.string().max(1000);
export const scopeSchema = z.enum(['user', 'workspace']);

export const toHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('test'), form: connectFormSchema, password }),
  z.object({ type: z.literal('save'), form: connectFormSchema, password, scope: scopeSchema }),
  z.object({ type: z.literal('initialize'), form: connectFormSchema, password }),
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
  }),
  z.object({ ok: z.literal(false), message: z.string(), detail: z.string() }),
]);
export type TestOutcome = z.infer<typeof testOutcomeSchema>;

export const toWebviewSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('init'),
    /** Every string the panel shows, already translated, keyed by its English text. */
    strings: z.record(z.string()),
    form: connectFormSchema,
    workspaceScopeAvailable: z.boolean(),
  }),
  z.object({ type: z.literal('busy'), what: z.enum(['test', 'save', 'initialize']) }),
  z.object({ type: z.literal('testResult'), outcome: testOutcomeSchema }),
  z.object({ type: z.literal('saveFailed'), fieldErrors: z.record(z.string()), message: z.string().optional() }),
]);
export type ToWebview = z.infer<typeof toWebviewSchema>;

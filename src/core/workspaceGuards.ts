import { z } from 'zod';

/**
 * The per-database guards OpenHEXA sets on each workspace database: a cap on
 * connections, and timeouts that end a forgotten transaction or a runaway
 * query before it holds locks and memory for hours.
 */
export interface WorkspaceGuards {
  /** At most this many connections to the database at once; -1: no limit. */
  readonly connectionLimit: number;
  /** idle_in_transaction_session_timeout, as PostgreSQL writes it ("5min"; "0" turns it off). */
  readonly idleInTransactionSessionTimeout: string;
  /** statement_timeout, as PostgreSQL writes it ("90min"; "0" turns it off). */
  readonly statementTimeout: string;
}

/** OpenHEXA's own values. */
export const OPENHEXA_GUARDS: WorkspaceGuards = {
  connectionLimit: 50,
  idleInTransactionSessionTimeout: '5min',
  statementTimeout: '90min',
};

/** The largest connection limit accepted (PostgreSQL's max_connections tops out far below it anyway). */
export const MAX_CONNECTION_LIMIT = 100_000;

export const GUARD_MESSAGES = {
  connectionLimit: 'A whole number of connections from 1 to 100000, or -1 for no limit',
  duration: 'A duration PostgreSQL reads: a number with a unit among ms, s, min, h, d (for example 5min or 90min), or 0 for none',
} as const;

/** A PostgreSQL time setting: an integer with one of its units (a bare number is milliseconds). */
const DURATION = /^\d{1,9}\s*(ms|s|min|h|d)?$/;

export const durationSchema = z
  .string()
  .trim()
  .regex(DURATION, GUARD_MESSAGES.duration);

export const connectionLimitSchema = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v.trim()) : v),
  z
    .number({ invalid_type_error: GUARD_MESSAGES.connectionLimit })
    .int(GUARD_MESSAGES.connectionLimit)
    .min(-1, GUARD_MESSAGES.connectionLimit)
    .max(MAX_CONNECTION_LIMIT, GUARD_MESSAGES.connectionLimit)
    .refine((n) => n !== 0, GUARD_MESSAGES.connectionLimit),
);

export const workspaceGuardsSchema = z
  .object({
    connectionLimit: connectionLimitSchema,
    idleInTransactionSessionTimeout: durationSchema,
    statementTimeout: durationSchema,
  })
  .strict();

/** OpenHEXA's guards with what a caller changed (each checked); throws a ZodError on a bad value. */
export function guardsWith(changes: unknown): WorkspaceGuards {
  const given = changes && typeof changes === 'object' ? changes : {};
  return workspaceGuardsSchema.parse({ ...OPENHEXA_GUARDS, ...given });
}

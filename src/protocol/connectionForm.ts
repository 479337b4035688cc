import { z } from 'zod';
import { connectionDraftSchema } from '../core/connections/connectionDraft';
import { CONNECTION_TYPES, type ConnectionTypeId } from '../core/connections/types';

/**
 * Messages between the connection form and its controller; validated at
 * both ends. A stored secret's value reaches the webview only in `revealed`,
 * after the user asked (and the read was recorded).
 */
const typeIdSchema = z.enum(Object.keys(CONNECTION_TYPES) as [ConnectionTypeId, ...ConnectionTypeId[]]);

/** create: a new connection (admins); edit: a saved one (admins); view: read-only (editors, and admins who open it). */
export const formModeSchema = z.enum(['create', 'edit', 'view']);
export type FormMode = z.infer<typeof formModeSchema>;

/** A saved field as the form first gets it: a secret's value never, only whether one is stored. */
export const formFieldSchema = z.discriminatedUnion('secret', [
  z.object({ code: z.string(), secret: z.literal(false), value: z.string() }),
  z.object({ code: z.string(), secret: z.literal(true), isSet: z.boolean() }),
]);
export type FormField = z.infer<typeof formFieldSchema>;

export const formConnectionSchema = z.object({
  identifier: z.string(),
  name: z.string(),
  type: typeIdSchema,
  description: z.string(),
  fields: z.array(formFieldSchema),
});
export type FormConnection = z.infer<typeof formConnectionSchema>;

export const connectionFormToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  /** Create and edit test the draft; view tests what is stored. */
  z.object({ type: z.literal('test'), draft: connectionDraftSchema.optional() }),
  z.object({ type: z.literal('cancelTest') }),
  z.object({ type: z.literal('save'), draft: connectionDraftSchema }),
  z.object({ type: z.literal('reveal'), code: z.string().max(1000) }),
  z.object({ type: z.literal('copyEnv') }),
  z.object({ type: z.literal('changeIdentifier') }),
  z.object({ type: z.literal('edit') }),
  z.object({ type: z.literal('close') }),
]);
export type ConnectionFormToHost = z.infer<typeof connectionFormToHostSchema>;

export const connectionFormToWebviewSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('init'),
    /** Every string the form shows, translated, keyed by its English text. */
    strings: z.record(z.string()),
    mode: formModeSchema,
    workspace: z.string(),
    /** Absent when creating. */
    connection: formConnectionSchema.optional(),
    /** The type a new connection starts with. */
    initialType: typeIdSchema,
    /** The workspace's other connections: their names are refused, an identifier they have gets a suffix, one that would mix variables with theirs is refused. */
    others: z.array(z.object({ identifier: z.string(), name: z.string() })),
    /** Admins viewing a connection may switch to editing it. */
    canEdit: z.boolean(),
  }),
  z.object({ type: z.literal('busy'), what: z.enum(['test', 'save']) }),
  /** Texts below are translated by the host. */
  z.object({ type: z.literal('testResult'), ok: z.boolean(), text: z.string(), detail: z.string().optional() }),
  z.object({ type: z.literal('testCancelled') }),
  z.object({ type: z.literal('saveFailed'), problems: z.record(z.string()), message: z.string().optional() }),
  z.object({ type: z.literal('revealed'), code: z.string(), value: z.string() }),
  z.object({ type: z.literal('identifierChanged'), identifier: z.string() }),
  z.object({ type: z.literal('notice'), text: z.string(), error: z.boolean() }),
]);
export type ConnectionFormToWebview = z.infer<typeof connectionFormToWebviewSchema>;

// The rules the form checks as one types: the host's own, shared.
export { draftProblems, MAX_FIELDS, type ConnectionDraft, type DraftProblems } from '../core/connections/connectionDraft';
export { C } from '../core/connections/connectionMessages';
export type { FieldDef } from '../core/connections/connectionType';
export { envPrefix } from '../core/connections/connectionEnvNames';
export { identifierFromName, identifierProblem, identifierWithSuffix, suggestIdentifier, type OtherConnection } from '../core/connections/identifier';
export { CONNECTION_TYPES, type ConnectionTypeId };
export { said, type Said } from '../core/said';

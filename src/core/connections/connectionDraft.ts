import { z } from 'zod';
import { said, type Said } from '../said';
import { C } from './connectionMessages';
import type { ConnectionField } from './connectionType';
import { descriptionProblem, identifierEnvProblem, identifierMixProblem, identifierProblem, nameProblem, nameTakenProblem, type OtherConnection } from './identifier';
import { CONNECTION_TYPES, type ConnectionTypeId } from './types';
import { customCodeProblems } from './types/custom';
import { text } from './fieldValues';
import { envPrefix } from './connectionEnvNames';

/** More would not be a connection but a database. */
export const MAX_FIELDS = 50;

const TYPE_IDS = Object.keys(CONNECTION_TYPES) as [ConnectionTypeId, ...ConnectionTypeId[]];

/**
 * A field as the form holds it. Without a value, the stored one is kept: a
 * secret the form never received, shown as "unchanged".
 */
export const draftFieldSchema = z.object({ code: z.string().max(1000), secret: z.boolean(), value: z.string().max(1_000_000).optional() });
export type DraftField = z.infer<typeof draftFieldSchema>;

/** What the connection form sends to be tested or saved. Limits here only bound the message; the rules below say what is wrong. */
export const connectionDraftSchema = z.object({
  type: z.enum(TYPE_IDS),
  name: z.string().max(10_000),
  identifier: z.string().max(10_000),
  description: z.string().max(100_000),
  fields: z.array(draftFieldSchema).max(500),
});
export type ConnectionDraft = z.infer<typeof connectionDraftSchema>;

/** Where each problem shows: the connection's own inputs, a fixed field by code, a custom field's code or value by position. */
export type ProblemKey = 'name' | 'identifier' | 'description' | 'fields' | `field:${string}` | `code:${number}` | `value:${number}`;
export type DraftProblems = Partial<Record<ProblemKey, Said>>;

export interface DraftContext {
  /** Creating: the identifier is the draft's to choose. Editing: it is fixed. */
  readonly creating: boolean;
  /** Codes whose value is stored on the server (what a field without a value keeps). */
  readonly stored: ReadonlySet<string>;
  /** Codes stored as secrets: one made plain must have its value typed again (the catalog refuses it otherwise). */
  readonly storedSecrets?: ReadonlySet<string>;
  /** The workspace's other connections: a name they have is refused, and an identifier whose variables would mix with theirs. */
  readonly others?: readonly OtherConnection[];
}

function valueProblem(value: string, rule: z.ZodType<string>): Said | undefined {
  const parsed = rule.safeParse(value);
  return parsed.success ? undefined : said(parsed.error.issues[0]!.message);
}

/** Every rule the catalog applies, by where the form shows it; empty when the draft may be saved. */
export function draftProblems(draft: ConnectionDraft, context: DraftContext): DraftProblems {
  const problems: DraftProblems = {};
  const put = (key: ProblemKey, problem: Said | undefined): void => {
    if (problem) {
      problems[key] = problem;
    }
  };
  put('name', nameProblem(draft.name) ?? nameTakenProblem(draft.name, context.others ?? []));
  put('description', descriptionProblem(draft.description));
  const type = CONNECTION_TYPES[draft.type];
  if (context.creating) {
    put('identifier', identifierProblem(draft.identifier) ?? identifierEnvProblem(draft.identifier, type) ?? identifierMixProblem(draft.identifier, context.others ?? []));
  }
  if (draft.type === 'custom') {
    if (draft.fields.length > MAX_FIELDS) {
      put('fields', said(C.tooManyFields, String(MAX_FIELDS)));
    }
    const prefix = identifierProblem(draft.identifier) ? undefined : envPrefix(draft.identifier);
    customCodeProblems(draft.fields.map((f) => f.code), prefix).forEach((problem, i) => put(`code:${i}`, problem));
    draft.fields.forEach((field, i) => {
      if (field.value === undefined && !field.secret && context.storedSecrets?.has(field.code)) {
        put(`value:${i}`, said(C.secretMadePlain));
      } else if (field.value === undefined) {
        put(`value:${i}`, context.stored.has(field.code) ? undefined : said(C.required));
      } else {
        put(`value:${i}`, valueProblem(field.value, text));
      }
    });
    return problems;
  }
  for (const def of type.fields) {
    const given = draft.fields.find((f) => f.code === def.code);
    if (given?.value === undefined && context.stored.has(def.code)) {
      continue;
    }
    const value = given?.value ?? '';
    if (value.trim() === '') {
      put(`field:${def.code}`, def.required ? said(C.required) : undefined);
    } else {
      put(`field:${def.code}`, valueProblem(value, def.value));
    }
  }
  return problems;
}

/** A field of an edit: no value keeps the stored one. */
export interface KeptOrGiven {
  readonly code: string;
  readonly secret: boolean;
  readonly value?: string;
}

/**
 * The fields to store, in order, from a draft that has no problem: a fixed
 * type's fields with the type's secret flags, blank optional ones left out;
 * a field without a value kept only where a value is stored.
 */
export function draftFields(draft: ConnectionDraft, stored: ReadonlySet<string>): KeptOrGiven[] {
  if (draft.type === 'custom') {
    return draft.fields.flatMap((f) => (f.value === undefined ? (stored.has(f.code) ? [{ code: f.code, secret: f.secret }] : []) : [{ code: f.code, secret: f.secret, value: f.value }]));
  }
  return CONNECTION_TYPES[draft.type].fields.flatMap((def): KeptOrGiven[] => {
    const given = draft.fields.find((f) => f.code === def.code);
    if (given?.value === undefined) {
      return stored.has(def.code) ? [{ code: def.code, secret: def.secret }] : [];
    }
    return given.value.trim() === '' && !def.required ? [] : [{ code: def.code, secret: def.secret, value: given.value }];
  });
}

/** The values a test uses: the draft's, and the stored ones where the draft keeps them. */
export function valuesForTest(draft: ConnectionDraft, stored: readonly ConnectionField[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of draftFields(draft, new Set(stored.map((f) => f.code)))) {
    values[field.code] = field.value ?? stored.find((f) => f.code === field.code)?.value ?? '';
  }
  return values;
}

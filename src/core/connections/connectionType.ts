import { z } from 'zod';
import type { TypeSnippets } from '../notebooks/snippet';

/**
 * One field of a connection as the catalog stores it (OpenHEXA's layout:
 * code, value, secret flag), whatever the type.
 */
export interface ConnectionField {
  readonly code: string;
  readonly value: string;
  readonly secret: boolean;
}

export const connectionFieldSchema = z.object({ code: z.string(), value: z.string(), secret: z.boolean() });

/** How a field is typed in the form. */
export type FieldInput = 'text' | 'port' | 'url' | 'password' | 'json' | 'choice';

/** A field a type always has: what the form shows and what a value must be. */
export interface FieldDef {
  /** OpenHEXA's code; the environment variable is `<PREFIX>_<CODE>`. */
  readonly code: string;
  /** English; the VS Code layer translates it. */
  readonly label: string;
  readonly required: boolean;
  /** Masked in lists and panels until revealed; read only by editors and admins. */
  readonly secret: boolean;
  readonly input: FieldInput;
  readonly placeholder?: string;
  readonly defaultValue?: string;
  readonly help?: string;
  /** The values a 'choice' field offers, in order. */
  readonly choices?: readonly string[];
  /** A value that is present (required or not); the message says what to type. */
  readonly value: z.ZodType<string>;
}

/**
 * One connection type. A new type is one module exporting such a definition
 * plus one line in `CONNECTION_TYPES`; the form, validation and environment
 * names read it from there.
 */
export interface ConnectionTypeDef<Id extends string = string> {
  readonly id: Id;
  readonly label: string;
  /** What `os.environ[PREFIX]` holds, as the OpenHEXA SDK reads the type. */
  readonly envType: string;
  /** The fixed fields, in form order (none for a custom connection). */
  readonly fields: readonly FieldDef[];
  /** A connection's fields as stored: every rule of the type, with the offending field's code in the issue's path. */
  readonly schema: z.ZodType<ConnectionField[]>;
  /** Variables made from the fields besides one per field (PostgreSQL's `_URL`), as [code, value]; the SDK ignores them. */
  readonly derivedEnv?: (values: Readonly<Record<string, string>>) => [code: string, value: string][];
  /** The codes `derivedEnv` can make, so a name is checked before there are values (migration 5 holds the same). */
  readonly derivedEnvCodes?: readonly string[];
  /** The notebook code that reads a connection of this type from its variables. */
  readonly snippets: TypeSnippets;
}

/**
 * The schema of a type with fixed fields: each field once, required ones
 * not blank, every value valid, the secret flags as the type says, no other
 * code.
 */
export function fixedFieldsSchema(fields: readonly FieldDef[]): z.ZodType<ConnectionField[]> {
  return z.array(connectionFieldSchema).superRefine((given, ctx) => {
    const byCode = new Map<string, ConnectionField>();
    for (const field of given) {
      const def = fields.find((f) => f.code === field.code);
      if (!def) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field.code], message: `"${field.code}" is not a field of this type` });
      } else if (byCode.has(field.code)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field.code], message: `"${field.code}" is given twice` });
      } else if (field.secret !== def.secret) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field.code], message: `"${field.code}" must ${def.secret ? '' : 'not '}be secret` });
      }
      byCode.set(field.code, field);
    }
    for (const def of fields) {
      const value = byCode.get(def.code)?.value ?? '';
      if (value.trim() === '') {
        if (def.required) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: [def.code], message: `${def.label} is required` });
        }
        continue;
      }
      const parsed = def.value.safeParse(value);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: [def.code], message: issue.message });
        }
      }
    }
  });
}

import { z } from 'zod';
import { type ConnectionTypeDef, connectionFieldSchema } from '../connectionType';
import { constcase } from '../envNames';
import { text } from '../fieldValues';

/** OpenHEXA keeps these for the connection itself. */
const RESERVED = ['code', 'description'];
export const MAX_CODE = 30;
const CODE = /^[A-Za-z0-9_-]+$/;

/** Any number of fields, each with a code of the user's choosing. */
const schema = z.array(connectionFieldSchema).superRefine((fields, ctx) => {
  // Codes by the environment name they make: "api-key" and "API_KEY" would both be PREFIX_API_KEY.
  const seen = new Map<string, string>();
  for (const field of fields) {
    const env = constcase(field.code.toLowerCase());
    const before = seen.get(env);
    if (field.code === '') {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field.code], message: 'Give the field a code' });
    } else if (!CODE.test(field.code)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field.code], message: `"${field.code}": a code has only letters, digits, _ and -` });
    } else if (field.code.length > MAX_CODE) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field.code], message: `"${field.code}": a code has at most ${MAX_CODE} characters` });
    } else if (RESERVED.includes(field.code.toLowerCase())) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field.code], message: `"${field.code}" is reserved: choose another code` });
    } else if (before !== undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [field.code],
        message: before === field.code ? `"${field.code}" is used twice` : `"${field.code}" makes the same environment variable as "${before}" (…_${env}): choose another code`,
      });
    }
    if (before === undefined) {
      seen.set(env, field.code);
    }
    const value = text.safeParse(field.value);
    if (!value.success) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field.code], message: value.error.issues[0]!.message });
    }
  }
});

export const custom: ConnectionTypeDef<'custom'> = { id: 'custom', label: 'Custom', envType: 'CUSTOM', fields: [], schema };

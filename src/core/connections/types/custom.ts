import { z } from 'zod';
import { type ConnectionTypeDef, connectionFieldSchema } from '../connectionType';
import { text } from '../fieldValues';

/** OpenHEXA keeps these for the connection itself. */
const RESERVED = ['code', 'description'];
const CODE = /^[A-Za-z0-9_-]+$/;

/** Any number of fields, each with a code of the user's choosing. */
const schema = z.array(connectionFieldSchema).superRefine((fields, ctx) => {
  const seen = new Set<string>();
  for (const field of fields) {
    const key = field.code.toLowerCase();
    if (!CODE.test(field.code)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field.code], message: `"${field.code}": a code has only letters, digits, _ and -` });
    } else if (RESERVED.includes(key)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field.code], message: `"${field.code}" is reserved: choose another code` });
    } else if (seen.has(key)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field.code], message: `"${field.code}" is used twice` });
    }
    seen.add(key);
    const value = text.safeParse(field.value);
    if (!value.success) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field.code], message: value.error.issues[0]!.message });
    }
  }
});

export const custom: ConnectionTypeDef<'custom'> = { id: 'custom', label: 'Custom', envType: 'CUSTOM', fields: [], schema };

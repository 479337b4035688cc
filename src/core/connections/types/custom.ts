import { z } from 'zod';
import { fill, said, type Said } from '../../said';
import { C } from '../connectionMessages';
import { type ConnectionTypeDef, connectionFieldSchema } from '../connectionType';
import { constcase, fieldEnvName, firstReserved } from '../connectionEnvNames';
import { text } from '../fieldValues';
import { literal, rEnv, type TypeSnippets } from '../../notebooks/snippet';

/** OpenHEXA keeps these for the connection itself. */
const RESERVED = ['code', 'description'];
export const MAX_CODE = 30;
const CODE = /^[A-Za-z0-9_-]+$/;

/**
 * What is wrong with each code of a custom connection, in order (undefined
 * where nothing is). Codes count by the environment name they make:
 * "api-key" and "API_KEY" would both be PREFIX_API_KEY. With the
 * connection's prefix, a code whose variable a program reads is refused.
 */
export function customCodeProblems(codes: readonly string[], prefix?: string): (Said | undefined)[] {
  const seen = new Map<string, string>();
  return codes.map((code) => {
    const env = constcase(code.toLowerCase());
    const before = seen.get(env);
    if (before === undefined && code !== '') {
      seen.set(env, code);
    }
    if (code === '') {
      return said(C.codeEmpty);
    }
    if (!CODE.test(code)) {
      return said(C.codeChars);
    }
    if (code.length > MAX_CODE) {
      return said(C.codeTooLong);
    }
    if (RESERVED.includes(code.toLowerCase())) {
      return said(C.codeReserved, code);
    }
    if (before !== undefined) {
      return before === code ? said(C.codeTwice, code) : said(C.codeSameEnv, code, before, env);
    }
    const reserved = prefix === undefined ? undefined : firstReserved([fieldEnvName(prefix, code)]);
    return reserved ? said(C.codeReservedEnv, code, reserved.name, reserved.readBy) : undefined;
  });
}

/** Any number of fields, each with a code of the user's choosing. */
const schema = z.array(connectionFieldSchema).superRefine((fields, ctx) => {
  customCodeProblems(fields.map((f) => f.code)).forEach((problem, i) => {
    const field = fields[i]!;
    if (problem) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field.code], message: `"${field.code}": ${fill(problem.text, problem.args)}` });
    }
    const value = text.safeParse(field.value);
    if (!value.success) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field.code], message: value.error.issues[0]!.message });
    }
  });
});


// A custom connection's fields by their codes (names, never values); the SDK lowercases PREFIX_<CODE> back.
const snippets: TypeSnippets = {
  sdk: (c) => [
    'from openhexa.sdk import workspace',
    '',
    `con = workspace.custom_connection(${literal(c.identifier)})`,
    `fields = {name: getattr(con, name) for name in [${c.codes.map((code) => literal(constcase(code.toLowerCase()).toLowerCase())).join(', ')}]}`,
    'list(fields)',
  ],
  python: (c) => ['import os', '', 'fields = {', ...c.codes.map((code) => `    ${literal(code)}: os.environ.get(${literal(c.env(code))}),`), '}', 'list(fields)'],
  r: (c) => ['fields <- list(', c.codes.map((code) => `  ${literal(code)} = ${rEnv(c.env(code))}`).join(',\n'), ')', 'names(fields)'],
};

export const custom: ConnectionTypeDef<'custom'> = { id: 'custom', label: 'Custom', envType: 'CUSTOM', fields: [], schema, snippets };

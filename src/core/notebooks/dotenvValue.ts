import { readAsJupyter, readAsPythonDotenv, shellRunsNothing } from './dotenvReaders';

/**
 * Why a value has no .env text:
 * - 'expands': it holds a `${…}`, which python-dotenv always expands (and
 *   the Jupyter extension too unless escaped): a value made by someone else
 *   would read another variable, a secret among them;
 * - 'separator': U+2028 or U+2029, which the Jupyter extension drops;
 * - 'no-text': no text is read back exactly by both readers and runs nothing
 *   in a shell that sources the file (a value with both quotes, or with a
 *   single quote and a `$`).
 */
export type RefusedValue = 'expands' | 'separator' | 'no-text';

/** A value as a .env line holds it, or why it cannot be written. */
export type EncodedValue = { readonly text: string } | { readonly refused: RefusedValue };

// Nothing is known while checking: a reference that expands is a misreading.
const nothing = (): undefined => undefined;

function readBackExactly(text: string, value: string): boolean {
  // The Jupyter extension reads line by line: a value must fit on one.
  return !/[\r\n]/.test(text) && readAsJupyter(text, nothing) === value && readAsPythonDotenv(text, nothing) === value && shellRunsNothing(text);
}

/**
 * The text after "KEY=" that the Jupyter extension and python-dotenv both
 * read back as `value`, and in which a shell that sources the file runs
 * nothing: bare where it can be, else in single quotes, else in double
 * quotes with \\, \" and \n escaped, else in double quotes as it is.
 */
export function encodeValue(value: string): EncodedValue {
  if (/\$\{[^}]*\}/.test(value)) {
    return { refused: 'expands' };
  }
  if (/[\u2028\u2029]/.test(value)) {
    return { refused: 'separator' };
  }
  const candidates = [
    value,
    `'${value}'`,
    `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`,
    // A backslash the Jupyter extension keeps and python-dotenv does not decode (C:\x), beside a ' and a $.
    `"${value}"`,
  ];
  const text = candidates.find((candidate) => readBackExactly(candidate, value));
  return text === undefined ? { refused: 'no-text' } : { text };
}

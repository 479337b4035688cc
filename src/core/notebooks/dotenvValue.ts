import { type DotenvReader, readAsJupyter, readAsPythonDotenv } from './dotenvReaders';

/** A value as a .env line holds it, and the readers that would read something else. */
export interface EncodedValue {
  readonly text: string;
  readonly misreadBy: readonly DotenvReader[];
}

// Nothing is known while checking: a reference that expands is a misreading.
const nothing = (): undefined => undefined;

function misreaders(text: string, value: string): DotenvReader[] {
  // The Jupyter extension reads line by line: a value must fit on one.
  const jupyter = !/[\r\n]/.test(text) && readAsJupyter(text, nothing) === value;
  return [jupyter ? [] : ['jupyter' as const], readAsPythonDotenv(text, nothing) === value ? [] : ['python-dotenv' as const]].flat();
}

/**
 * The text after "KEY=" that both readers read back as `value`: bare where
 * it can be, else in single quotes, else in double quotes with \\, \" and \n
 * escaped. Some values have no such text (a "${…}" that python-dotenv
 * always expands; a newline together with a double quote): then the text the
 * Jupyter extension reads right (it feeds the kernels), and who misreads it.
 */
export function encodeValue(value: string): EncodedValue {
  const candidates = [
    value,
    `'${value}'`,
    `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`,
    // For the Jupyter extension alone: it unescapes nothing but \n and \$.
    `"${value.replace(/\$\{/g, '\\${').replace(/\r?\n/g, '\\n')}"`,
    `'${value.replace(/\$\{/g, '\\${')}'`,
  ];
  let best: EncodedValue | undefined;
  for (const text of candidates) {
    const misreadBy = misreaders(text, value);
    if (misreadBy.length === 0) {
      return { text, misreadBy };
    }
    if (!best && !misreadBy.includes('jupyter')) {
      best = { text, misreadBy };
    }
  }
  return best ?? { text: candidates[2]!, misreadBy: misreaders(candidates[2]!, value) };
}

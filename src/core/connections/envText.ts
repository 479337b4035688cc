// Environment variables as .env lines, each value written by the one encoder
// the .env writer uses, so that python-dotenv and VS Code Jupyter both read
// it back exactly (or the variable is named as misread).
import { encodeValue } from '../notebooks/dotenvValue';

export interface EnvLines {
  readonly text: string;
  /** Variables no text holds for both readers (written as the Jupyter extension reads them). */
  readonly misread: readonly string[];
}

export function dotenvLines(env: readonly (readonly [name: string, value: string])[]): EnvLines {
  const misread: string[] = [];
  const lines = env.map(([name, value]) => {
    const encoded = encodeValue(value);
    if (encoded.misreadBy.length > 0) {
      misread.push(name);
    }
    return `${name}=${encoded.text}`;
  });
  return { text: lines.join('\n'), misread };
}

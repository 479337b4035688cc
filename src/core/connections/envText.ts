// Environment variables as .env lines, each value written by the one encoder
// the .env writer uses: python-dotenv and VS Code Jupyter both read it back
// exactly, and a shell that sources the lines runs nothing. A variable that
// a program on this machine reads, or a value no line holds safely, is not
// written: the caller names it and says why.
import type { RefusedValue } from '../notebooks/dotenvValue';
import { encodeValue } from '../notebooks/dotenvValue';
import { firstReserved } from './connectionEnvNames';

export type EnvLines =
  | { readonly text: string }
  | { readonly refused: { readonly name: string; readonly reason: 'reserved' | RefusedValue; readonly readBy?: string } };

export function dotenvLines(env: readonly (readonly [name: string, value: string])[]): EnvLines {
  const reserved = firstReserved(env.map(([name]) => name));
  if (reserved) {
    return { refused: { name: reserved.name, reason: 'reserved', readBy: reserved.readBy } };
  }
  const lines: string[] = [];
  for (const [name, value] of env) {
    const encoded = encodeValue(value);
    if ('refused' in encoded) {
      return { refused: { name, reason: encoded.refused } };
    }
    lines.push(`${name}=${encoded.text}`);
  }
  return { text: lines.join('\n') };
}

import type { DotenvReader } from './dotenvReaders';
import { encodeValue } from './dotenvValue';

/** One variable the block holds. */
export interface EnvEntry {
  readonly name: string;
  readonly value: string;
}

export interface WrittenBlock {
  readonly text: string;
  /** Variables one of the readers would read differently (the caller says so). */
  readonly misread: readonly { readonly name: string; readonly by: readonly DotenvReader[] }[];
  /** Variables also set outside the block: whichever comes last wins. */
  readonly alsoOutside: readonly string[];
}

const begin = (key: string): string => `# >>> OpenHEXA ${key} (written by OpenHEXA for VS Code: this block is replaced as a whole)`;
const end = (key: string): string => `# <<< OpenHEXA ${key}`;

function lineEnding(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Where the block of `key` is: its first and last line indexes. */
function findBlock(lines: readonly string[], key: string): [number, number] | undefined {
  const from = lines.indexOf(begin(key));
  if (from < 0) {
    return undefined;
  }
  const to = lines.indexOf(end(key), from);
  return to < 0 ? undefined : [from, to];
}

function splitLines(text: string): string[] {
  return text === '' ? [] : text.replace(/\r?\n$/, '').split(/\r?\n/);
}

/**
 * The file with the block of `key` (one per workspace) holding `entries`,
 * under `comment` lines: replaced where it is, else added at the end after
 * a blank line. Everything outside the block (keys, comments, order, line
 * endings) is kept; writing the same block twice changes nothing.
 */
export function writeBlock(file: string, key: string, comment: readonly string[], entries: readonly EnvEntry[]): WrittenBlock {
  const eol = lineEnding(file);
  const lines = splitLines(file);
  const misread: { name: string; by: readonly DotenvReader[] }[] = [];
  const block = [
    begin(key),
    ...comment.map((c) => `# ${c.replace(/[\r\n]+/g, ' ')}`),
    ...entries.map(({ name, value }) => {
      const encoded = encodeValue(value);
      if (encoded.misreadBy.length > 0) {
        misread.push({ name, by: encoded.misreadBy });
      }
      return `${name}=${encoded.text}`;
    }),
    end(key),
  ];
  const at = findBlock(lines, key);
  const next = at ? [...lines.slice(0, at[0]), ...block, ...lines.slice(at[1] + 1)] : [...lines, ...(lines.length > 0 && lines.at(-1) !== '' ? [''] : []), ...block];
  const outside = at ? [...lines.slice(0, at[0]), ...lines.slice(at[1] + 1)] : lines;
  const names = new Set(entries.map((e) => e.name));
  const alsoOutside = [...new Set(outside.map((l) => /^\s*(?:export\s+)?([A-Za-z_]\w*)\s*=/.exec(l)?.[1]).filter((n): n is string => n !== undefined && names.has(n)))];
  return { text: `${next.join(eol)}${eol}`, misread, alsoOutside };
}

/** The file without the block of `key` (and the blank line written before it); unchanged when there is none. */
export function removeBlock(file: string, key: string): string {
  const lines = splitLines(file);
  const at = findBlock(lines, key);
  if (!at) {
    return file;
  }
  const from = at[0] > 0 && lines[at[0] - 1] === '' ? at[0] - 1 : at[0];
  const kept = [...lines.slice(0, from), ...lines.slice(at[1] + 1)];
  return kept.length === 0 ? '' : `${kept.join(lineEnding(file))}${lineEnding(file)}`;
}

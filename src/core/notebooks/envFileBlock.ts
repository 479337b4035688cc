import type { DotenvReader } from './dotenvReaders';
import { encodeValue } from './dotenvValue';

/** One variable the block holds. */
export interface EnvEntry {
  readonly name: string;
  readonly value: string;
}

/**
 * One part of a workspace's block that is written as a whole: the workspace
 * database, or one connection. Writing one part keeps the others.
 */
export interface EnvSection {
  /** No spaces: "database", "connection:my-db". */
  readonly key: string;
  /** What the section holds, in the file's words (one line). */
  readonly comment: string;
  readonly entries: readonly EnvEntry[];
}

export interface WrittenBlock {
  readonly text: string;
  /** Variables one of the readers would read differently (the caller says so). */
  readonly misread: readonly { readonly name: string; readonly by: readonly DotenvReader[] }[];
  /** Variables of the written sections also set elsewhere in the file: whichever comes last wins. */
  readonly alsoOutside: readonly string[];
}

const begin = (key: string): string => `# >>> OpenHEXA ${key} (written by OpenHEXA for VS Code: this block is replaced as a whole)`;
const end = (key: string): string => `# <<< OpenHEXA ${key}`;
const SECTION = /^# \[([^\]\s]+)\]/;
const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_]\w*)\s*=/;

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

const oneLine = (text: string): string => text.replace(/[\r\n]+/g, ' ');

/** The sections already in a block's lines (between its markers), in order, each with its lines. */
function sectionsOf(inner: readonly string[]): { key: string; lines: string[] }[] {
  const sections: { key: string; lines: string[] }[] = [];
  for (const line of inner) {
    const key = SECTION.exec(line)?.[1];
    if (key !== undefined) {
      sections.push({ key, lines: [line] });
    } else {
      sections.at(-1)?.lines.push(line);
    }
  }
  return sections;
}

/**
 * The file with the block of `key` (one per workspace) holding `sections`
 * under `comment` lines: each given section replaces the one of the same
 * key where it is, or is added after the others; the block's other sections
 * stay as they are. A new block goes at the end after a blank line.
 * Everything outside the block (keys, comments, order, line endings) is
 * kept; writing the same sections twice changes nothing.
 */
export function writeSections(file: string, key: string, comment: readonly string[], sections: readonly EnvSection[]): WrittenBlock {
  const eol = lineEnding(file);
  const lines = splitLines(file);
  const at = findBlock(lines, key);
  const kept = at ? sectionsOf(lines.slice(at[0] + 1, at[1])) : [];
  const misread: { name: string; by: readonly DotenvReader[] }[] = [];
  const render = (section: EnvSection): string[] => [
    `# [${section.key}] ${oneLine(section.comment)}`,
    ...section.entries.map(({ name, value }) => {
      const encoded = encodeValue(value);
      if (encoded.misreadBy.length > 0) {
        misread.push({ name, by: encoded.misreadBy });
      }
      return `${name}=${encoded.text}`;
    }),
  ];
  const given = new Map(sections.map((s) => [s.key, s]));
  const body = [
    ...kept.flatMap((s) => {
      const replacement = given.get(s.key);
      return replacement ? render(replacement) : s.lines;
    }),
    ...sections.filter((s) => !kept.some((k) => k.key === s.key)).flatMap(render),
  ];
  const block = [begin(key), ...comment.map((c) => `# ${oneLine(c)}`), ...body, end(key)];
  const next = at ? [...lines.slice(0, at[0]), ...block, ...lines.slice(at[1] + 1)] : [...lines, ...(lines.length > 0 && lines.at(-1) !== '' ? [''] : []), ...block];
  const elsewhere = [...(at ? [...lines.slice(0, at[0]), ...lines.slice(at[1] + 1)] : lines), ...kept.filter((s) => !given.has(s.key)).flatMap((s) => s.lines)];
  const names = new Set(sections.flatMap((s) => s.entries.map((e) => e.name)));
  const alsoOutside = [...new Set(elsewhere.map((l) => ASSIGNMENT.exec(l)?.[1]).filter((n): n is string => n !== undefined && names.has(n)))];
  return { text: `${next.join(eol)}${eol}`, misread, alsoOutside };
}

/** The names a file assigns (any reader's line shape), for "is this variable there yet?". */
export function assignedNames(file: string): Set<string> {
  return new Set(splitLines(file).flatMap((l) => ASSIGNMENT.exec(l)?.[1] ?? []));
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

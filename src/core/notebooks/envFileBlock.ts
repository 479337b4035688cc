import { encodeValue, type RefusedValue } from './dotenvValue';

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

/** A section that was not written because one of its values has no safe .env text (the caller says which and why). */
export interface UnwrittenSection {
  readonly key: string;
  readonly name: string;
  readonly reason: RefusedValue;
}

export interface WrittenBlock {
  readonly text: string;
  /** Sections left out whole (a stored one of the same key is removed too: its values are stale). */
  readonly unwritten: readonly UnwrittenSection[];
  /** Variables of the written sections also set by lines outside every OpenHEXA block, with their line numbers (1-based). */
  readonly alsoOutside: readonly { readonly name: string; readonly line: number }[];
}

/** Another workspace's block in the same file. */
export interface OtherBlock {
  readonly key: string;
  /** Its section keys ("database", "connection:my-db"). */
  readonly sections: readonly string[];
  /** The variables it sets. */
  readonly names: readonly string[];
}

const BEGIN_TAIL = ' (written by OpenHEXA for VS Code: this block is replaced as a whole)';
const begin = (key: string): string => `# >>> OpenHEXA ${key}${BEGIN_TAIL}`;
const end = (key: string): string => `# <<< OpenHEXA ${key}`;
const BEGIN = /^# >>> OpenHEXA (.+) \(written by OpenHEXA for VS Code: this block is replaced as a whole\)$/;
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

/**
 * A comment holds text others chose (a workspace's or a connection's name):
 * no control character, and none of the separators a reader might split
 * lines on, so the comment stays one comment line.
 */
// eslint-disable-next-line no-control-regex -- control characters are what this removes.
const oneLine = (text: string): string => text.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ');

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

/** Where each OpenHEXA block of the file is, by key. */
function blocksIn(lines: readonly string[]): { key: string; from: number; to: number }[] {
  const blocks: { key: string; from: number; to: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const key = BEGIN.exec(lines[i]!)?.[1];
    const to = key === undefined ? -1 : lines.indexOf(end(key), i);
    if (key !== undefined && to > i) {
      blocks.push({ key, from: i, to });
      i = to;
    }
  }
  return blocks;
}

/** The other OpenHEXA blocks of a file (other workspaces, or the same one on another server). */
export function otherBlocks(file: string, key: string): OtherBlock[] {
  const lines = splitLines(file);
  return blocksIn(lines)
    .filter((b) => b.key !== key)
    .map((b) => {
      const inner = lines.slice(b.from + 1, b.to);
      return { key: b.key, sections: sectionsOf(inner).map((s) => s.key), names: inner.flatMap((l) => ASSIGNMENT.exec(l)?.[1] ?? []) };
    });
}

/**
 * The file with the block of `key` (one per workspace) holding `sections`
 * under `comment` lines: each given section replaces the one of the same
 * key where it is, or is added after the others; the block's other sections
 * stay as they are. A new block goes at the end after a blank line.
 * Everything outside the block (keys, comments, order, line endings) is
 * kept; writing the same sections twice changes nothing. A section with a
 * value no .env text holds safely is left out whole, and its stored
 * version removed.
 */
export function writeSections(file: string, key: string, comment: readonly string[], sections: readonly EnvSection[]): WrittenBlock {
  const eol = lineEnding(file);
  const lines = splitLines(file);
  const at = findBlock(lines, key);
  const kept = at ? sectionsOf(lines.slice(at[0] + 1, at[1])) : [];
  const unwritten: UnwrittenSection[] = [];
  const rendered = new Map<string, string[]>();
  for (const section of sections) {
    const body: string[] = [`# [${section.key}] ${oneLine(section.comment)}`];
    for (const { name, value } of section.entries) {
      const encoded = encodeValue(value);
      if ('refused' in encoded) {
        unwritten.push({ key: section.key, name, reason: encoded.refused });
        break;
      }
      body.push(`${name}=${encoded.text}`);
    }
    rendered.set(section.key, unwritten.some((u) => u.key === section.key) ? [] : body);
  }
  const body = [...kept.flatMap((s) => rendered.get(s.key) ?? s.lines), ...sections.filter((s) => !kept.some((k) => k.key === s.key)).flatMap((s) => rendered.get(s.key) ?? [])];
  const block = [begin(key), ...comment.map((c) => `# ${oneLine(c)}`), ...body, end(key)];
  const next = at ? [...lines.slice(0, at[0]), ...block, ...lines.slice(at[1] + 1)] : [...lines, ...(lines.length > 0 && lines.at(-1) !== '' ? [''] : []), ...block];
  const names = new Set(sections.filter((s) => (rendered.get(s.key) ?? []).length > 0).flatMap((s) => s.entries.map((e) => e.name)));
  const inBlocks = new Set(blocksIn(lines).flatMap((b) => Array.from({ length: b.to - b.from + 1 }, (_, i) => b.from + i)));
  const alsoOutside = lines.flatMap((l, i) => {
    const name = ASSIGNMENT.exec(l)?.[1];
    return name !== undefined && names.has(name) && !inBlocks.has(i) ? [{ name, line: i + 1 }] : [];
  });
  return { text: `${next.join(eol)}${eol}`, unwritten, alsoOutside };
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

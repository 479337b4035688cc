/**
 * What hovering a table in a query shows: its name, kind and row estimate,
 * and its columns with their types. Every name and type is text an editor
 * chose, shown in another member's editor: it is escaped so that Markdown
 * shows it as written and never makes a link, an image (fetched from
 * wherever it points) or any other markup of it.
 */

const MARKDOWN_PUNCTUATION = /[\\`*_{}[\]()<>#+\-.!|~&:]/g;

/** `text` as Markdown that shows exactly it, on one line. */
export function markdownText(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(MARKDOWN_PUNCTUATION, (c) => `\\${c}`);
}

export interface HoveredRelation {
  readonly schema: string;
  readonly name: string;
  readonly columns: readonly { readonly name: string; readonly type: string }[];
}

/** At most this many columns are listed. */
export const HOVER_COLUMNS = 60;

/** The hover's Markdown; `summary` (kind, estimate) and `more` (the sentence for columns left out) come translated. */
export function relationHover(relation: HoveredRelation, summary: string, more: (count: number) => string): string {
  const lines = [`**${markdownText(`${relation.schema}.${relation.name}`)}** · ${markdownText(summary)}`, ''];
  for (const column of relation.columns.slice(0, HOVER_COLUMNS)) {
    lines.push(`- ${markdownText(column.name)} — ${markdownText(column.type)}`);
  }
  if (relation.columns.length > HOVER_COLUMNS) {
    lines.push(`- ${markdownText(more(relation.columns.length - HOVER_COLUMNS))}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A name as the server reads the word that writes it: "quoted" exactly, unquoted folded to lower case. */
export function nameOfWord(word: string): string {
  return word.startsWith('"') && word.endsWith('"') && word.length >= 2 ? word.slice(1, -1).replace(/""/g, '"') : word.toLowerCase();
}

/**
 * A message with its {0}, {1}… values, kept apart so that whoever shows it
 * translates the English text (its key in l10n/bundle.l10n.*.json) first.
 */
export interface Said {
  readonly text: string;
  readonly args: readonly string[];
}

export function said(text: string, ...args: string[]): Said {
  return { text, args };
}

/** The message with its values in place, in the language of `text`. */
export function fill(text: string, args: readonly string[]): string {
  return text.replace(/\{(\d+)\}/g, (hole, i: string) => args[Number(i)] ?? hole);
}

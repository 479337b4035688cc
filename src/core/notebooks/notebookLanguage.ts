import type { NotebookLanguage } from './snippet';

interface IpynbMetadata {
  language_info?: { name?: unknown };
  kernelspec?: { language?: unknown };
}

const asMetadata = (value: unknown): IpynbMetadata | undefined => (value && typeof value === 'object' ? (value as IpynbMetadata) : undefined);

/**
 * A notebook's language: the ipynb metadata's `language_info.name`, else
 * `kernelspec.language` (recent VS Code exposes them under
 * `metadata.metadata`, older builds under `metadata.custom.metadata`), else
 * the language of its code cells; lower-cased. Undefined when none says.
 */
export function notebookLanguage(documentMetadata: unknown, cellLanguages: readonly string[]): string | undefined {
  const top = asMetadata(documentMetadata) as { metadata?: unknown; custom?: { metadata?: unknown } } | undefined;
  for (const ipynb of [asMetadata(top?.metadata), asMetadata(top?.custom?.metadata)]) {
    const named = ipynb?.language_info?.name ?? ipynb?.kernelspec?.language;
    if (typeof named === 'string' && named.trim() !== '') {
      return named.trim().toLowerCase();
    }
  }
  return cellLanguages.find((l) => l !== 'markdown' && l !== 'raw')?.toLowerCase();
}

/** Python and R are the languages snippets are written in. */
export function snippetLanguage(language: string | undefined): NotebookLanguage | undefined {
  return language === 'python' || language === 'r' ? language : undefined;
}

/** The metadata of a new notebook with a Python kernel (both places VS Code builds read it from). */
export function newPythonNotebookMetadata(): Record<string, unknown> {
  const metadata = { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' }, language_info: { name: 'python' } };
  return { cells: [], metadata, nbformat: 4, nbformat_minor: 5, custom: { metadata } };
}

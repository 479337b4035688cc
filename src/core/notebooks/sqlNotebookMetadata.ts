import { z } from 'zod';

/**
 * What an .ipynb keeps of its OpenHEXA SQL binding, in the notebook's own
 * metadata (VS Code's ipynb serializer writes `notebook.metadata.metadata`
 * as the file's "metadata"): the kernelspec that makes reopening pick the
 * OpenHEXA SQL controller, and the server and workspace it runs on. No
 * login and no secret: each member who opens the notebook runs it as their
 * own login, through a server they added themselves; and never writes
 * allowed (those are asked for each time).
 */
export const SQL_KERNELSPEC = { name: 'openhexa-sql', display_name: 'OpenHEXA SQL', language: 'sql' } as const;

export const notebookBindingSchema = z.object({
  /** host:port of the server (matched against the member's own server profiles). */
  server: z.string().min(1).max(300),
  catalog: z.string().min(1).max(63),
  workspace: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(63),
});
export type NotebookBinding = z.infer<typeof notebookBindingSchema>;

type Metadata = Readonly<Record<string, unknown>>;

function inner(metadata: Metadata | undefined): Metadata {
  const value = metadata?.['metadata'];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Metadata) : {};
}

/** Whether the notebook says it is an OpenHEXA SQL notebook (its kernelspec). */
export function isOpenhexaSqlNotebook(metadata: Metadata | undefined): boolean {
  const spec = inner(metadata)['kernelspec'];
  return typeof spec === 'object' && spec !== null && (spec as { name?: unknown }).name === SQL_KERNELSPEC.name;
}

/** The binding a notebook names, if it names a well-formed one. */
export function notebookBinding(metadata: Metadata | undefined): NotebookBinding | undefined {
  const parsed = notebookBindingSchema.safeParse(inner(metadata)['openhexa']);
  return parsed.success ? parsed.data : undefined;
}

/** The notebook's metadata with the OpenHEXA SQL kernelspec and this binding; everything else kept. */
export function withNotebookBinding(metadata: Metadata | undefined, binding: NotebookBinding): Record<string, unknown> {
  return {
    ...metadata,
    metadata: { ...inner(metadata), kernelspec: { ...SQL_KERNELSPEC }, language_info: { name: 'sql' }, openhexa: { server: binding.server, catalog: binding.catalog, workspace: binding.workspace } },
  };
}

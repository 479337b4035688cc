/** Failures of catalog operations that the UI turns into a message saying what to do. */
export type CatalogErrorKind =
  | 'missingPrivilege'
  | 'catalogMissing'
  | 'catalogNewer'
  | 'catalogOutdated'
  | 'catalogBusy'
  | 'notAllowed'
  | 'notFound'
  | 'conflict'
  | 'invalid'
  | 'publicSchemaOpen'
  | 'databaseInUse';

export class CatalogError extends Error {
  constructor(
    readonly kind: CatalogErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'CatalogError';
  }
}

/** Runs a catalog call, turning the SQLSTATEs its functions raise into CatalogErrors. */
export async function catalogCall<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw asCatalogError(err);
  }
}

/** Maps the SQLSTATEs the catalog functions raise to kinds. */
export function asCatalogError(err: unknown): unknown {
  if (!(err instanceof Error) || err instanceof CatalogError) {
    return err;
  }
  const code = (err as { code?: unknown }).code;
  const kind: CatalogErrorKind | undefined =
    code === '42501' ? 'notAllowed' : code === '42704' ? 'notFound' : code === '23505' || code === '42710' || code === '40001' ? 'conflict' : code === '22023' ? 'invalid' : code === '55006' ? 'databaseInUse' : ['3D000', '3F000', '42883'].includes(String(code)) ? 'catalogMissing' : undefined;
  return kind ? new CatalogError(kind, err.message) : err;
}

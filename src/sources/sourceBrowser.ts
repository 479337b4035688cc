// How the tree browses a workspace database, whichever kind of server keeps
// it: levels of tables (by schema when there are too many to list at once,
// a page at a time), their columns, the counts and sizes measured after a
// level shows, and the readers' write privileges an editor gave. A server's
// catalog does all of it (catalogBrowser); an OpenHEXA instance's API lists
// its tables with their counts and columns, and that is all it has.
import type { ReaderWrites } from '../postgres/workspace/readerWrites';
import type { SchemaInfo, TableInfo, TableMeasure } from '../postgres/workspace/tables';
import type { SourceTable } from './workspaceSource';

/** A table as a level lists it; `oid` where the server names relations by one (what a later measure asks for). */
export type BrowsedTable = Omit<TableInfo, 'oid'> & { readonly oid?: number };

/** Part of a level: its first tables, and how many it holds in all. */
export interface BrowsedPage {
  readonly tables: readonly BrowsedTable[];
  readonly total: number;
}

/** A column; NOT NULL and the primary key where the kind says them. */
export interface BrowsedColumn {
  readonly name: string;
  readonly type: string;
  readonly nullable?: boolean;
  readonly primaryKey?: boolean;
}

export interface SourceBrowser {
  /** The Database's first level: its schemas when it holds too many relations to list at once, else its tables. */
  databaseLevel(): Promise<{ readonly schemas: readonly SchemaInfo[] } | { readonly page: BrowsedPage }>;
  schemaLevel(schema: SchemaInfo): Promise<BrowsedPage>;
  /** The level's next listing shows more (Show more…). */
  showMore(schema: string | undefined): void;
  columns(table: SourceTable): Promise<BrowsedColumn[]>;
  /** What was measured of a listed table since it was listed (exact count, size); undefined while nothing was. */
  measureOf(table: BrowsedTable): TableMeasure | undefined;
  /** Measures the tables a level shows, in the background; `landed` gets the items of each batch measured. */
  measureShown<N extends { readonly table: BrowsedTable }>(schema: string | undefined, items: readonly N[], landed: (items: N[]) => void): void;
  /** Counts a table's rows exactly, and remembers the count for its row. */
  countRows(table: BrowsedTable): Promise<number>;
  /**
   * Write privileges an editor gave the readers, as last found (undefined
   * until a check finds any); checks again in the background, and calls
   * `changed` when the finding differs from what it returned.
   */
  readerWrites(changed: () => void): ReaderWrites | undefined;
}

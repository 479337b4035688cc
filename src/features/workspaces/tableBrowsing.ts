import { profileKey, type ServerProfile } from '../../core/serverProfile';
import { readerWrites, type ReaderWrites } from '../../postgres/workspace/readerWrites';
import type { WorkspaceRoleNames } from '../../core/workspaceNames';
import { measureInBatches, type Browse, type TableInfo, type TableMeasure } from '../../postgres/workspace/tables';

/** Relations a level shows at first, and how many more each "Show more…" adds. */
export const LEVEL_PAGE = 2_000;

/** A level of the tree that lists relations: the database's (one schema) or a schema's. */
export function levelKey(profile: ServerProfile, database: string, schema: string | undefined): string {
  return JSON.stringify([profileKey(profile), database, schema ?? null]);
}

function measureKey(profile: ServerProfile, database: string, oid: number): string {
  return JSON.stringify([profileKey(profile), database, oid]);
}

/**
 * What the tree remembers of the tables it lists: how many each level shows,
 * and the sizes and counts measured after a level appeared. A level lists
 * from the catalog alone (fast at any size, no lock); its tables are then
 * measured in the background, a small batch per transaction, and each batch
 * redraws its own items.
 */
export class TableBrowsing {
  private readonly limits = new Map<string, number>();
  private readonly measures = new Map<string, TableMeasure>();
  private readonly generations = new Map<string, number>();
  /** Per database level: the readers' write privileges last found there (reported first under Database). */
  private readonly writes = new Map<string, ReaderWrites>();

  limit(level: string): number {
    return this.limits.get(level) ?? LEVEL_PAGE;
  }

  showMore(level: string): void {
    this.limits.set(level, this.limit(level) + LEVEL_PAGE);
  }

  /** The readers' write privileges found there last, if any check finished yet. */
  readerWritesOf(level: string): ReaderWrites | undefined {
    return this.writes.get(level);
  }

  /**
   * Checks the readers' write privileges of a database after its level is
   * shown (at 100,000 tables the check costs as much as the level), and
   * calls `changed` when what it finds differs from what the level showed.
   */
  checkReaderWrites(level: string, roles: WorkspaceRoleNames, browse: Browse, changed: () => void, warn: (message: string) => void): void {
    const before = JSON.stringify(this.writes.get(level) ?? null);
    browse((c) => readerWrites(c, roles)).then(
      (found) => {
        this.writes.set(level, found);
        if (JSON.stringify(found) !== before) {
          changed();
        }
      },
      (err: unknown) => warn(`Checking the readers' write privileges failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  }

  measureOf(profile: ServerProfile, database: string, oid: number): TableMeasure | undefined {
    return this.measures.get(measureKey(profile, database, oid));
  }

  remember(profile: ServerProfile, database: string, oid: number, measure: TableMeasure): void {
    this.measures.set(measureKey(profile, database, oid), measure);
  }

  /**
   * Measures what a level shows, batch by batch; `landed` redraws the items
   * of each batch. A newer listing of the same level stops the older run.
   * Failures (server gone) leave the estimates in place.
   */
  measureShown<N extends { readonly table: TableInfo }>(
    profile: ServerProfile,
    database: string,
    level: string,
    nodes: readonly N[],
    browse: Browse,
    landed: (nodes: N[]) => void,
    warn: (message: string) => void,
  ): Promise<void> {
    const generation = (this.generations.get(level) ?? 0) + 1;
    this.generations.set(level, generation);
    const byOid = new Map(nodes.map((n) => [n.table.oid, n]));
    return measureInBatches(
      browse,
      nodes.map((n) => n.table),
      (batch) => {
        if (this.generations.get(level) !== generation) {
          return false;
        }
        const changed: N[] = [];
        for (const [oid, measure] of batch) {
          this.remember(profile, database, oid, measure);
          const node = byOid.get(oid);
          if (node) {
            changed.push(node);
          }
        }
        landed(changed);
        return true;
      },
    ).then(
      () => undefined,
      (err: unknown) => warn(`Measuring tables of ${database} stopped: ${err instanceof Error ? err.message : String(err)}`),
    );
  }
}

declare module '../../platform/tree/nodeDef' {
  interface TreeContext {
    /** How many relations each level shows, and the tables' measured sizes and counts. */
    readonly browsing: TableBrowsing;
  }
}

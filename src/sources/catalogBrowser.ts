import { workspaceRoleNames } from '../core/workspaceNames';
import { countRows } from '../postgres/preview/preview';
import { noReaderWrites } from '../postgres/workspace/readerWrites';
import { databaseLevel, listColumns, schemaLevel, withMeasure, type Browse, type TableInfo } from '../postgres/workspace/tables';
import type { WorkspaceRef } from '../platform/commands/pickers';
import type { Services } from '../platform/services';
import { levelKey } from '../features/workspaces/tableBrowsing';
import type { BrowsedTable, SourceBrowser } from './sourceBrowser';

/**
 * A server's workspace database as the tree browses it, read as the member's
 * own login (read only, search_path pinned): levels from the catalog alone,
 * measured afterwards in small batches; the readers' write privileges checked
 * after the level shows. What each level shows and measured is kept by the
 * tree (TableBrowsing), so a redraw keeps it.
 */
export function catalogBrowser(services: Services, ref: WorkspaceRef): SourceBrowser {
  const { profile, workspace } = ref;
  const database = workspace.dbName;
  const browse: Browse = (work) => services.sessions.browse(profile, database, work);
  // Reached when used, not when the source is made: the tree makes sources while it is being built.
  const browsing = () => services.tree.context.browsing;
  const level = (schema: string | undefined) => levelKey(profile, database, schema);
  const measurable = (table: BrowsedTable): table is TableInfo => table.oid !== undefined;
  return {
    databaseLevel: async () => {
      // What this login creates there is the writer group's while it is an editor or admin (its own setting).
      services.sessions.ensureOwnSessionRole(profile, workspace);
      return browse((c) => databaseLevel(c, browsing().limit(level(undefined))));
    },
    schemaLevel: (schema) => browse((c) => schemaLevel(c, schema, browsing().limit(level(schema.name)))),
    showMore: (schema) => browsing().showMore(level(schema)),
    columns: (table) => browse((c) => listColumns(c, table.schema, table.name)),
    measureOf: (table) => (measurable(table) ? browsing().measureOf(profile, database, table.oid) : undefined),
    measureShown: (schema, items, landed) => {
      const measured = items.filter((item): item is (typeof items)[number] & { readonly table: TableInfo } => measurable(item.table));
      void browsing().measureShown(profile, database, level(schema), measured, browse, landed, (message) => services.log.warn(message));
    },
    countRows: async (table) => {
      const rows = await browse((c) => countRows(c, { schema: table.schema, table: table.name, columns: [], key: [] }));
      if (measurable(table)) {
        const before = withMeasure(table, browsing().measureOf(profile, database, table.oid));
        browsing().remember(profile, database, table.oid, { rows, rowsExact: true, bytes: before.bytes });
      }
      return rows;
    },
    readerWrites: (changed) => {
      const key = level(undefined);
      // Checked after the level shows, redrawn when the finding changes (at 100,000 tables it costs as much as the level).
      browsing().checkReaderWrites(key, workspaceRoleNames(database), browse, changed, (message) => services.log.warn(message));
      const found = browsing().readerWritesOf(key);
      return found && !noReaderWrites(found) ? found : undefined;
    },
  };
}

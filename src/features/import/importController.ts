import { parse } from 'csv-parse/sync';
import type { Logger, Translate } from '../../core/logger';
import { inferColumns } from '../../core/import/columnTypes';
import { sniffDialect, type CsvDialect } from '../../core/import/csvDialect';
import { columnNames, createTableSql, nameProblem, type PrimaryKey } from '../../core/import/tableSpec';
import type { ImportSample } from '../../files/importSample';
import { ImportRowError, type CsvImportPlan } from '../../postgres/import/csvImport';
import type { ImportDraft, ImportState, ImportToHost, ImportToWebview } from '../../protocol/importFile';
import { IMPORT_FILE_STRINGS } from '../../protocol/importFileStrings';

/** Rows of the sample the types are read from, and rows shown. */
const INFER_ROWS = 10_000;
const SHOWN_ROWS = 20;

export interface ImportDeps {
  post(message: ImportToWebview): void;
  readonly t: Translate;
  readonly log: Logger;
  readonly locale: string;
  describe(err: unknown): string;
  /** Runs the import as the member; `onProgress` with bytes read. */
  runImport(plan: CsvImportPlan, onProgress: (bytes: number) => void, signal: AbortSignal): Promise<{ rows: number }>;
  /** The new table's preview, once imported. */
  openPreview(schema: string, table: string): void;
  /** The tree shows the new table. */
  refresh(): void;
}

export interface ImportSource {
  readonly file: string;
  readonly fileName: string;
  readonly sample: ImportSample;
  readonly workspaceName: string;
  readonly schema: string;
  readonly table: string;
}

function rowsOf(text: string, delimiter: string): string[][] {
  try {
    return parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, to: INFER_ROWS + 1 }) as string[][];
  } catch {
    return [];
  }
}

/**
 * The import panel's logic (no VS Code here): the file's dialect and each
 * column's type proposed from its first 4 MiB, the user's changes checked
 * as they come (names, key, the DDL shown), then the import run with
 * progress and Cancel, each outcome said.
 */
export class ImportController {
  private draft: ImportDraft;
  private dialect: CsvDialect;
  private rows: string[][] = [];
  private header: string[] = [];
  private running: AbortController | undefined;
  private imported: { schema: string; table: string } | undefined;

  constructor(
    private readonly deps: ImportDeps,
    private readonly source: ImportSource,
  ) {
    this.dialect = sniffDialect(source.sample.text);
    this.draft = this.proposed(this.dialect, source.schema, source.table);
  }

  /** The columns and types the file's rows propose under this dialect. */
  private proposed(dialect: CsvDialect, schema: string, table: string): ImportDraft {
    const all = rowsOf(this.source.sample.text, dialect.delimiter);
    const width = Math.max(0, ...all.slice(0, 50).map((r) => r.length));
    const first = all[0] ?? [];
    this.header = columnNames(Array.from({ length: width }, (_, i) => (dialect.header ? (first[i] ?? '') : '')));
    this.rows = dialect.header ? all.slice(1) : all;
    const types = inferColumns(this.rows, width, dialect.decimalComma);
    const columns = this.header.map((name, i) => ({ name, type: types[i]!.type, nullable: types[i]!.nullable || this.rows.length === 0 }));
    return { schema, table, delimiter: dialect.delimiter, header: dialect.header, columns, key: columns.some((c) => c.name.toLowerCase() === 'id') ? '' : '*id' };
  }

  async receive(message: ImportToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.deps.post({
          type: 'init',
          strings: Object.fromEntries(IMPORT_FILE_STRINGS.map((s) => [s, this.deps.t(s)])),
          locale: this.deps.locale,
          file: { name: this.source.fileName, bytes: this.source.sample.bytes, encoding: this.source.sample.encoding },
          workspace: this.source.workspaceName,
          state: this.state(),
        });
        return;
      case 'change':
        this.change(message.draft);
        return;
      case 'import':
        return this.run();
      case 'cancel':
        this.running?.abort();
        return;
      case 'preview':
        if (this.imported) {
          this.deps.openPreview(this.imported.schema, this.imported.table);
        }
        return;
    }
  }

  /** A change of dialect reads the columns again; any other change is the user's and is kept. */
  private change(next: ImportDraft): void {
    if (next.delimiter !== this.draft.delimiter || next.header !== this.draft.header) {
      this.dialect = { ...this.dialect, delimiter: next.delimiter, header: next.header };
      this.draft = { ...this.proposed(this.dialect, next.schema, next.table), key: next.key === '' || next.key === '*id' ? next.key : '' };
    } else {
      this.draft = next;
    }
    this.deps.post({ type: 'state', state: this.state() });
  }

  private primaryKey(): PrimaryKey {
    return this.draft.key === '*id' ? { kind: 'id' } : this.draft.key === '' ? { kind: 'none' } : { kind: 'column', name: this.draft.key };
  }

  /** What stops the import, each for its field, in the member's words. */
  problems(): ImportState['problems'] {
    const { t } = this.deps;
    const said = (problem: ReturnType<typeof nameProblem>): string | undefined =>
      problem === 'empty' ? t('A name is needed.') : problem === 'too long' ? t('At most 63 bytes: PostgreSQL would cut the rest.') : problem === 'nul' ? t('A name cannot hold a NUL character.') : undefined;
    const found: ImportState['problems'] = [];
    const table = said(nameProblem(this.draft.table));
    if (table) {
      found.push({ field: 'table', message: table });
    }
    const seen = new Set<string>();
    this.draft.columns.forEach((c, i) => {
      const problem = said(nameProblem(c.name)) ?? (seen.has(c.name) ? t('Another column has this name.') : c.name === 'id' && this.draft.key === '*id' ? t('The new id column has this name: rename this one, or make it the key.') : undefined);
      seen.add(c.name);
      if (problem) {
        found.push({ field: `column:${i}`, message: problem });
      }
    });
    if (this.draft.key !== '' && this.draft.key !== '*id' && !this.draft.columns.some((c) => c.name === this.draft.key)) {
      found.push({ field: 'key', message: t('The key must be one of the columns.') });
    }
    if (this.draft.columns.length === 0) {
      found.push({ field: 'file', message: t('No columns were found in this file: check its delimiter.') });
    }
    return found;
  }

  private state(): ImportState {
    let ddl = '';
    try {
      ddl = createTableSql(this.draft.schema || '?', this.draft.table || '?', this.draft.columns.map((c) => ({ ...c, name: c.name || '?' })), this.primaryKey());
    } catch {
      ddl = '';
    }
    return { draft: this.draft, header: this.header, rows: this.rows.slice(0, SHOWN_ROWS), ddl, problems: this.problems() };
  }

  private async run(): Promise<void> {
    const { t, post } = this.deps;
    if (this.running || this.problems().length > 0) {
      return;
    }
    if (this.source.sample.encoding === 'utf-16le' || this.source.sample.encoding === 'utf-16be') {
      post({ type: 'failed', message: t('This file is in UTF-16, which PostgreSQL cannot read: save it as UTF-8 and import it again.') });
      return;
    }
    const plan: CsvImportPlan = {
      file: this.source.file,
      bom: this.source.sample.bom,
      encoding: this.source.sample.encoding === 'windows-1252' ? 'windows-1252' : 'utf-8',
      dialect: { ...this.dialect, delimiter: this.draft.delimiter, header: this.draft.header },
      schema: this.draft.schema,
      table: this.draft.table,
      columns: this.draft.columns,
      key: this.primaryKey(),
      mode: 'create',
    };
    const running = new AbortController();
    this.running = running;
    const started = Date.now();
    try {
      const { rows } = await this.deps.runImport(plan, (bytes) => post({ type: 'progress', bytes, total: this.source.sample.bytes }), running.signal);
      this.imported = { schema: plan.schema, table: plan.table };
      this.deps.log.info(`Imported ${rows} rows from ${this.source.fileName} into ${plan.schema}.${plan.table}`);
      this.deps.refresh();
      post({ type: 'done', rows, ms: Date.now() - started });
    } catch (err) {
      if (running.signal.aborted) {
        post({ type: 'cancelled' });
      } else if (err instanceof ImportRowError) {
        post({ type: 'failed', message: t('Nothing was imported: line {0}, column {1}, value "{2}": {3}', String(err.line ?? '?'), err.column ?? '?', err.value ?? '', err.message) });
      } else {
        this.deps.log.error(`Importing ${this.source.fileName}`, err);
        post({ type: 'failed', message: t('Nothing was imported: {0}', this.deps.describe(err)) });
      }
    } finally {
      this.running = undefined;
    }
  }
}

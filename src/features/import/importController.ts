import { parse } from 'csv-parse/sync';
import type { Logger, Translate } from '../../core/logger';
import { importTypeOf, matchColumns, type ColumnMatch } from '../../core/import/columnMatch';
import { inferColumns } from '../../core/import/columnTypes';
import { looksLikeHeader, sniffDialect, type CsvDialect } from '../../core/import/csvDialect';
import { columnNames, createTableSql, nameProblem, type ImportColumn, type PrimaryKey } from '../../core/import/tableSpec';
import { qualifiedName, quoteIdent } from '../../core/identifiers';
import type { CheckSource, WholeFileChecked } from '../../files/checkWholeFile';
import type { ImportSample } from '../../files/importSample';
import type { ImportTarget } from '../../postgres/import/importTargets';
import { ImportRowError, type ImportPlan, type ImportProgress, type ImportResult } from '../../postgres/import/tableImport';
import type { ImportDraft, ImportState, ImportToHost, ImportToWebview } from '../../protocol/importFile';
import { IMPORT_FILE_STRINGS } from '../../protocol/importFileStrings';

/** Rows of the sample the types are read from, and rows shown. */
export const INFER_ROWS = 10_000;
const SHOWN_ROWS = 20;

export interface ImportDeps {
  post(message: ImportToWebview): void;
  readonly t: Translate;
  readonly log: Logger;
  readonly locale: string;
  describe(err: unknown): string;
  /** Runs the import as the member; `onProgress` with bytes read and rows sent. */
  runImport(plan: ImportPlan, onProgress: (p: ImportProgress) => void, signal: AbortSignal): Promise<ImportResult>;
  /** A workbook sheet's first rows (INFER_ROWS and the header). */
  readSheet(sheet: string): Promise<string[][]>;
  /** Every row of the file read once (in the background) for the values the sample did not show. */
  checkWholeFile(source: CheckSource, width: number, onProgress: (bytes: number) => void, signal: AbortSignal): Promise<WholeFileChecked>;
  /** The schema's tables rows can be imported into, read as the member. */
  readTargets(schema: string): Promise<ImportTarget[]>;
  /** The table's preview, once imported. */
  openPreview(schema: string, table: string): void;
  /** The tree shows the new table. */
  refresh(): void;
}

/** A delimited text file's first bytes, or a workbook's sheets and the first rows of one. */
export type ImportFileSample =
  | { readonly kind: 'text'; readonly sample: ImportSample }
  | { readonly kind: 'workbook'; readonly bytes: number; readonly sheets: readonly string[]; readonly sheet: string; readonly rows: string[][]; readonly whole: boolean };

export interface ImportSource {
  readonly file: string;
  readonly fileName: string;
  readonly sample: ImportFileSample;
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
 * The import panel's logic (no VS Code here): the file's dialect (or the
 * workbook's sheet) and each column's type proposed from its first rows,
 * the user's changes checked as they come (names, key, the table's columns
 * matched by name, the statement shown), then the import run with progress
 * and Cancel, each outcome said.
 */
export class ImportController {
  private draft: ImportDraft;
  private dialect: CsvDialect;
  /** The rows the proposal is read from: the text sample cut by the dialect, or the sheet's first rows. */
  private all: string[][];
  private rows: string[][] = [];
  private header: string[] = [];
  private running: AbortController | undefined;
  private imported: { schema: string; table: string } | undefined;
  /** The whole file's check: running, its outcome, or not needed (the sample is the whole file). */
  private checking: AbortController | undefined;
  private checked: WholeFileChecked | Error | undefined;
  /** The rows read so far are all the file's: no check is needed. */
  private sampleIsWhole: boolean;
  /** Each schema's tables, as read once; undefined while the draft's schema is read. */
  private readonly targets = new Map<string, ImportTarget[] | Error>();

  constructor(
    private readonly deps: ImportDeps,
    private readonly source: ImportSource,
  ) {
    const sample = source.sample;
    this.sampleIsWhole = sample.kind === 'text' ? sample.sample.whole : sample.whole;
    if (sample.kind === 'text') {
      this.dialect = sniffDialect(sample.sample.text);
      this.all = rowsOf(sample.sample.text, this.dialect.delimiter);
    } else {
      this.all = sample.rows;
      this.dialect = { delimiter: ',', quote: '"', header: looksLikeHeader(sample.rows[0] ?? []), decimalComma: false };
    }
    this.draft = this.proposed({ schema: source.schema, table: source.table, sheet: sample.kind === 'workbook' ? sample.sheet : '', into: 'new', existing: '', nullInconvertible: false });
  }

  /** The columns and types the rows propose under the dialect; the rest of the draft as given. */
  private proposed(kept: Pick<ImportDraft, 'schema' | 'table' | 'sheet' | 'into' | 'existing' | 'nullInconvertible'>): ImportDraft {
    const { dialect, all } = this;
    const width = Math.max(0, ...all.slice(0, 50).map((r) => r.length));
    const first = all[0] ?? [];
    this.header = columnNames(Array.from({ length: width }, (_, i) => (dialect.header ? (first[i] ?? '') : '')));
    this.rows = dialect.header ? all.slice(1) : all;
    const types = inferColumns(this.rows, width, dialect.decimalComma);
    const columns = this.header.map((name, i) => ({ name, type: types[i]!.type, nullable: types[i]!.nullable || this.rows.length === 0 }));
    return { ...kept, delimiter: dialect.delimiter, header: dialect.header, columns, key: columns.some((c) => c.name.toLowerCase() === 'id') ? '' : '*id' };
  }

  async receive(message: ImportToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.deps.post({
          type: 'init',
          strings: Object.fromEntries(IMPORT_FILE_STRINGS.map((s) => [s, this.deps.t(s)])),
          locale: this.deps.locale,
          file: { name: this.source.fileName, bytes: this.fileBytes(), encoding: this.source.sample.kind === 'text' ? this.source.sample.sample.encoding : 'xlsx' },
          workspace: this.source.workspaceName,
          state: this.state(),
        });
        return this.checkWholeFile();
      case 'change':
        return this.change(message.draft);
      case 'import':
        return this.run();
      case 'cancel':
        this.running?.abort();
        this.checking?.abort();
        return;
      case 'preview':
        if (this.imported) {
          this.deps.openPreview(this.imported.schema, this.imported.table);
        }
        return;
    }
  }

  private fileBytes(): number {
    return this.source.sample.kind === 'text' ? this.source.sample.sample.bytes : this.source.sample.bytes;
  }

  /** A change of dialect or sheet reads the columns again; any other change is the user's and is kept. */
  private async change(next: ImportDraft): Promise<void> {
    const keyOf = (d: ImportDraft): string => (d.key === '' || d.key === '*id' ? d.key : '');
    if (next.sheet !== this.draft.sheet && this.source.sample.kind === 'workbook' && this.source.sample.sheets.includes(next.sheet)) {
      try {
        this.all = await this.deps.readSheet(next.sheet);
      } catch (err) {
        this.deps.post({ type: 'failed', message: this.deps.t('The sheet could not be read: {0}', this.deps.describe(err)) });
        return;
      }
      this.dialect = { ...this.dialect, header: looksLikeHeader(this.all[0] ?? []) };
      this.draft = { ...this.proposed(next), key: keyOf(next) };
      this.sampleIsWhole = this.all.length <= INFER_ROWS;
      void this.checkWholeFile();
    } else if (next.delimiter !== this.draft.delimiter || next.header !== this.draft.header) {
      this.dialect = { ...this.dialect, delimiter: next.delimiter, header: next.header };
      if (this.source.sample.kind === 'text') {
        this.all = rowsOf(this.source.sample.sample.text, next.delimiter);
      }
      this.draft = { ...this.proposed(next), key: keyOf(next) };
      void this.checkWholeFile();
    } else {
      this.draft = next;
    }
    this.deps.post({ type: 'state', state: this.state() });
    if (this.draft.into !== 'new') {
      await this.loadTargets(this.draft.schema);
    }
  }

  /** The file as the import reads it, under the draft's dialect or sheet. */
  private checkSource(): CheckSource {
    const sample = this.source.sample;
    return {
      file: this.source.file,
      bom: sample.kind === 'text' ? sample.sample.bom : 0,
      encoding: sample.kind === 'text' && sample.sample.encoding === 'windows-1252' ? 'windows-1252' : 'utf-8',
      dialect: { ...this.dialect, delimiter: this.draft.delimiter, header: this.draft.header },
      sheet: sample.kind === 'workbook' ? this.draft.sheet : undefined,
    };
  }

  /**
   * Reads the whole file once in the background when the proposal came from
   * its first part only: a later value a column's type cannot read is said
   * beside the column before anything runs (the import would stop there).
   */
  private async checkWholeFile(): Promise<void> {
    this.checking?.abort();
    this.checked = undefined;
    const sample = this.source.sample;
    if (this.sampleIsWhole || (sample.kind === 'text' && (sample.sample.encoding === 'utf-16le' || sample.sample.encoding === 'utf-16be'))) {
      this.checking = undefined;
      return;
    }
    const checking = new AbortController();
    this.checking = checking;
    try {
      const checked = await this.deps.checkWholeFile(this.checkSource(), this.draft.columns.length, (bytes) => this.deps.post({ type: 'checking', bytes, total: this.fileBytes() }), checking.signal);
      if (this.checking === checking) {
        this.checked = checked;
      }
    } catch (err) {
      if (checking.signal.aborted) {
        return;
      }
      this.deps.log.warn(`Checking the whole of ${this.source.fileName}: ${this.deps.describe(err)}`);
      this.checked = err instanceof Error ? err : new Error(String(err));
    } finally {
      if (this.checking === checking) {
        this.checking = undefined;
      }
    }
    if (!checking.signal.aborted) {
      this.deps.post({ type: 'state', state: this.state() });
    }
  }

  /** What the whole file says against the draft: values its types cannot read, empty values where none are allowed. */
  private warnings(): ImportState['warnings'] {
    const { t } = this.deps;
    const checked = this.checked;
    if (!checked || checked instanceof Error || checked.columns.length !== this.draft.columns.length) {
      return [];
    }
    const sheet = this.source.sample.kind === 'workbook';
    const found: ImportState['warnings'] = [];
    if (this.draft.into === 'new') {
      this.draft.columns.forEach((c, i) => {
        const whole = checked.columns[i]!;
        const misfit = whole.misfits[c.type];
        if (misfit && !this.draft.nullInconvertible) {
          const where = [String(misfit.line), misfit.value, c.type, whole.type] as const;
          found.push({ field: `column:${i}`, message: sheet ? t('Row {0} holds "{1}", which is not {2}; the whole sheet reads as {3}.', ...where) : t('Line {0} holds "{1}", which is not {2}; the whole file reads as {3}.', ...where), type: whole.type });
        }
        if (whole.firstEmpty && this.draft.key === c.name) {
          const line = String(whole.firstEmpty.line);
          found.push({ field: `column:${i}`, message: sheet ? t('Row {0} is empty here, and a key cannot be: pick another key.', line) : t('Line {0} is empty here, and a key cannot be: pick another key.', line) });
        } else if (!c.nullable && whole.firstEmpty) {
          const line = String(whole.firstEmpty.line);
          found.push({ field: `column:${i}`, message: sheet ? t('Row {0} is empty here: allow empty values, or the import stops there.', line) : t('Line {0} is empty here: allow empty values, or the import stops there.', line), nullable: true });
        }
      });
      return found;
    }
    for (const f of this.match()?.filled ?? []) {
      const misfit = checked.columns[f.field]?.misfits[importTypeOf(f.type)];
      if (misfit && !this.draft.nullInconvertible) {
        const where = [String(misfit.line), misfit.value, f.column, f.type] as const;
        found.push({
          field: 'match',
          message: sheet ? t('Row {0} holds "{1}", which {2} ({3}) cannot read: the import would stop there, unless such values become empty.', ...where) : t('Line {0} holds "{1}", which {2} ({3}) cannot read: the import would stop there, unless such values become empty.', ...where),
        });
      }
    }
    return found;
  }

  /** Reads a schema's tables once, then says the state again (the match depends on them). */
  private async loadTargets(schema: string): Promise<void> {
    if (this.targets.has(schema) || schema.trim() === '') {
      return;
    }
    try {
      this.targets.set(schema, await this.deps.readTargets(schema));
    } catch (err) {
      this.targets.set(schema, err instanceof Error ? err : new Error(String(err)));
    }
    if (this.draft.schema === schema) {
      this.deps.post({ type: 'state', state: this.state() });
    }
  }

  private primaryKey(): PrimaryKey {
    return this.draft.key === '*id' ? { kind: 'id' } : this.draft.key === '' ? { kind: 'none' } : { kind: 'column', name: this.draft.key };
  }

  /** The existing table the draft names, as read. */
  private target(): ImportTarget | undefined {
    const found = this.targets.get(this.draft.schema);
    return Array.isArray(found) ? found.find((t) => t.name === this.draft.existing) : undefined;
  }

  /** The file's columns (as named in the panel) matched to the existing table's. */
  private match(): ColumnMatch | undefined {
    const target = this.target();
    return target ? matchColumns(this.draft.columns.map((c) => c.name), target.columns) : undefined;
  }

  /** What stops the import, each for its field, in the member's words. */
  problems(): ImportState['problems'] {
    const { t } = this.deps;
    const found: ImportState['problems'] = [];
    if (this.draft.columns.length === 0) {
      found.push({ field: 'file', message: this.source.sample.kind === 'text' ? t('No columns were found in this file: check its delimiter.') : t('This sheet is empty: pick another.') });
    }
    if (this.draft.into !== 'new') {
      return [...found, ...this.targetProblems()];
    }
    const said = (problem: ReturnType<typeof nameProblem>): string | undefined =>
      problem === 'empty' ? t('A name is needed.') : problem === 'too long' ? t('At most 63 bytes: PostgreSQL would cut the rest.') : problem === 'nul' ? t('A name cannot hold a NUL character.') : undefined;
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
    return found;
  }

  private targetProblems(): ImportState['problems'] {
    const { t } = this.deps;
    const read = this.targets.get(this.draft.schema);
    if (read instanceof Error) {
      return [{ field: 'existing', message: t("The schema's tables could not be read: {0}", this.deps.describe(read)) }];
    }
    if (read === undefined) {
      return [{ field: 'existing', message: t('Reading the tables of {0}…', this.draft.schema) }];
    }
    if (read.length === 0) {
      return [{ field: 'existing', message: t('The schema {0} has no table to import into.', this.draft.schema) }];
    }
    const match = this.match();
    if (!match) {
      return [{ field: 'existing', message: t('Pick the table to import into.') }];
    }
    const found: ImportState['problems'] = [];
    if (match.filled.length === 0) {
      found.push({ field: 'match', message: t("No column of the file has the name of one of the table's: rename them above, or check the first row names the columns.") });
    }
    if (match.required.length > 0) {
      found.push({ field: 'match', message: t('The file gives no value for {0}, which cannot be empty and has no default.', match.required.join(', ')) });
    }
    return found;
  }

  /** The statements a run sends, as shown before it runs. */
  private statements(): string {
    const { schema, table, existing, into } = this.draft;
    if (into === 'new') {
      try {
        return createTableSql(schema || '?', table || '?', this.draft.columns.map((c) => ({ ...c, name: c.name || '?' })), this.primaryKey());
      } catch {
        return '';
      }
    }
    const match = this.match();
    if (!match || match.filled.length === 0) {
      return '';
    }
    const copy = `COPY ${qualifiedName(schema, existing)} (${match.filled.map((f) => quoteIdent(f.column)).join(', ')}) FROM STDIN`;
    return into === 'replace' ? `DELETE FROM ${qualifiedName(schema, existing)};\n${copy}` : copy;
  }

  private state(): ImportState {
    const target = this.target();
    const match = this.match();
    const read = this.targets.get(this.draft.schema);
    return {
      draft: this.draft,
      header: this.header,
      rows: this.rows.slice(0, SHOWN_ROWS),
      ddl: this.statements(),
      problems: this.problems(),
      warnings: this.warnings(),
      check: this.sampleIsWhole
        ? { state: 'whole' }
        : this.checked instanceof Error
          ? { state: 'failed', message: this.deps.describe(this.checked) }
          : this.checked
            ? { state: 'checked', rows: this.checked.rows }
            : { state: 'checking' },
      sheets: this.source.sample.kind === 'workbook' ? [...this.source.sample.sheets] : [],
      targets: Array.isArray(read) ? read.map((t) => ({ name: t.name, columns: t.columns.map((c) => ({ ...c })) })) : undefined,
      match:
        target && match
          ? {
              columns: target.columns.map((c) => {
                const filled = match.filled.find((f) => f.column === c.name);
                return { name: c.name, type: c.type, from: filled ? (this.draft.columns[filled.field]?.name ?? '') : '', generated: c.generated };
              }),
              leftOut: match.leftOut.map((i) => this.draft.columns[i]?.name ?? ''),
            }
          : undefined,
    };
  }

  /** The plan of the draft: a new table's columns, or the existing table's matched ones with the file's field each takes. */
  private plan(): ImportPlan {
    const sample = this.source.sample;
    const common = {
      file: this.source.file,
      bom: sample.kind === 'text' ? sample.sample.bom : 0,
      encoding: sample.kind === 'text' && sample.sample.encoding === 'windows-1252' ? ('windows-1252' as const) : ('utf-8' as const),
      dialect: { ...this.dialect, delimiter: this.draft.delimiter, header: this.draft.header },
      schema: this.draft.schema,
      key: this.primaryKey(),
      sheet: sample.kind === 'workbook' ? this.draft.sheet : undefined,
      nullInconvertible: this.draft.nullInconvertible,
    };
    if (this.draft.into === 'new') {
      return { ...common, table: this.draft.table, columns: this.draft.columns, mode: 'create' };
    }
    const match = this.match()!;
    const columns: ImportColumn[] = match.filled.map((f) => ({ name: f.column, type: importTypeOf(f.type), nullable: true }));
    return { ...common, table: this.draft.existing, columns, fields: match.filled.map((f) => f.field), mode: this.draft.into };
  }

  private async run(): Promise<void> {
    const { t, post } = this.deps;
    if (this.running || this.problems().length > 0) {
      return;
    }
    if (this.source.sample.kind === 'text' && (this.source.sample.sample.encoding === 'utf-16le' || this.source.sample.sample.encoding === 'utf-16be')) {
      post({ type: 'failed', message: t('This file is in UTF-16, which PostgreSQL cannot read: save it as UTF-8 and import it again.') });
      return;
    }
    const plan = this.plan();
    // The import reads the file itself now; the check would only compete for it.
    this.checking?.abort();
    const running = new AbortController();
    this.running = running;
    const started = Date.now();
    try {
      const result = await this.deps.runImport(plan, ({ bytes, rows }) => post({ type: 'progress', bytes, rows, total: this.fileBytes(), ms: Date.now() - started }), running.signal);
      this.imported = { schema: plan.schema, table: plan.table };
      this.deps.log.info(`Imported ${result.rows} rows from ${this.source.fileName} into ${plan.schema}.${plan.table} (${plan.mode}${result.nulled.count > 0 ? `, ${result.nulled.count} values made NULL` : ''})`);
      this.deps.refresh();
      post({ type: 'done', rows: result.rows, ms: Date.now() - started, nulled: { count: result.nulled.count, listed: [...result.nulled.listed] } });
    } catch (err) {
      if (running.signal.aborted) {
        post({ type: 'cancelled' });
      } else if (err instanceof ImportRowError) {
        const where = [String(err.line ?? '?'), err.column ?? '?', err.value ?? '', err.message] as const;
        post({
          type: 'failed',
          message: this.source.sample.kind === 'workbook' ? t('Nothing was imported: row {0}, column {1}, value "{2}": {3}', ...where) : t('Nothing was imported: line {0}, column {1}, value "{2}": {3}', ...where),
        });
      } else {
        this.deps.log.error(`Importing ${this.source.fileName}`, err);
        post({ type: 'failed', message: t('Nothing was imported: {0}', this.deps.describe(err)) });
      }
    } finally {
      this.running = undefined;
    }
  }
}

/**
 * How a panel exports CSV, the same for a preview and a query's result: the
 * file chosen, a part file written under a progress notification with
 * Cancel, renamed at the end (a cancelled or failed export leaves no half
 * file), and each outcome said in the panel and, when done, with Open.
 */
import * as path from 'node:path';
import type { Writable } from 'node:stream';
import type { Logger, Translate } from '../core/logger';
import { openPartFile } from '../files/partFile';
import type { ExportResult } from '../postgres/preview/exportCsv';
import { Cancelled } from '../postgres/preview/queryLane';

export type ExportMessage = { type: 'exportProgress'; bytes: number } | { type: 'exportEnded'; outcome: 'done' | 'cancelled' | 'failed'; message: string };

export interface CsvExportDeps {
  post(message: ExportMessage): void;
  readonly t: Translate;
  readonly log: Logger;
  readonly locale: string;
  describe(err: unknown): string;
  /** Where to write the CSV; undefined when the user cancelled the dialog. */
  chooseExportFile(title: string, defaultName: string): Promise<string | undefined>;
  /** Runs the export under a progress notification; `onCancel` registers what its Cancel does. */
  withExportProgress<T>(title: string, run: (report: (message: string) => void, onCancel: (stop: () => void) => void) => Promise<T>): Promise<T>;
  /** Says the export is done (and offers to open the file). */
  announceExported(text: string, file: string): void;
}

export interface CsvExport {
  readonly dialogTitle: string;
  readonly progressTitle: string;
  readonly defaultName: string;
  /** What the log calls the exported data. */
  readonly logName: string;
  /** Writes the CSV to `out`, saying the bytes written so far. */
  run(out: Writable, onProgress: (bytes: number) => void): Promise<ExportResult>;
  cancel(): void;
}

export async function exportToChosenFile(deps: CsvExportDeps, csv: CsvExport): Promise<void> {
  const { post, t, log } = deps;
  const file = await deps.chooseExportFile(csv.dialogTitle, csv.defaultName);
  if (!file) {
    post({ type: 'exportEnded', outcome: 'cancelled', message: '' });
    return;
  }
  const part = openPartFile(file);
  post({ type: 'exportProgress', bytes: 0 });
  try {
    const result = await deps.withExportProgress(csv.progressTitle, (report, onCancel) => {
      onCancel(() => csv.cancel());
      let shown = 0;
      return csv.run(part.stream, (bytes) => {
        report(t('{0} MiB written', (bytes / 2 ** 20).toFixed(0)));
        if (bytes - shown >= 4 * 2 ** 20) {
          shown = bytes;
          post({ type: 'exportProgress', bytes });
        }
      });
    });
    await part.keep();
    const text = t('Exported {0} rows to {1}.', result.rows.toLocaleString(deps.locale), path.basename(file));
    log.info(`Exported ${result.rows} rows of ${csv.logName} to ${file}`);
    post({ type: 'exportEnded', outcome: 'done', message: text });
    deps.announceExported(text, file);
  } catch (err) {
    await part.discard();
    if (err instanceof Cancelled) {
      post({ type: 'exportEnded', outcome: 'cancelled', message: t('Export cancelled; no file was written.') });
    } else {
      log.error(`Export of ${csv.logName}`, err);
      post({ type: 'exportEnded', outcome: 'failed', message: t('The export failed and no file was written: {0}', deps.describe(err)) });
    }
  }
}

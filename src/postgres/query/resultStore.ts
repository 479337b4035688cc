/**
 * A statement's rows as they stream from the server, kept on disk rather
 * than in memory: one JSON line per row in a file only this user can read,
 * and where every BLOCK-th row starts. Whatever the result's size, memory
 * holds the index (a number per BLOCK rows) and the page being read, and
 * any page, the last one too, is a read of a few blocks. The server
 * connection is given back as soon as the rows are here, not kept while the
 * user reads them. The file goes when the result is closed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export type Row = (string | null)[];

/** Rows per indexed block: a page read starts at most this many rows early. */
const BLOCK = 1_000;

/** A folder for this window's results, only its user may enter; removed by `removeResultsFolder`. */
export function makeResultsFolder(parent = os.tmpdir()): string {
  return fs.mkdtempSync(path.join(parent, 'openhexa-results-'));
}

export function removeResultsFolder(folder: string): void {
  fs.rmSync(folder, { recursive: true, force: true });
}

let nextFile = 0;

export class ResultStore {
  private readonly blockStarts: number[] = [0];
  private bytes = 0;
  private count = 0;
  /** Rows of the block being filled since its start. */
  private inBlock = 0;
  private closed = false;

  private constructor(
    private readonly file: string,
    private readonly handle: fs.promises.FileHandle,
  ) {}

  static async create(folder: string): Promise<ResultStore> {
    nextFile += 1;
    const file = path.join(folder, `result-${process.pid}-${nextFile}.jsonl`);
    const handle = await fs.promises.open(file, 'wx+', 0o600);
    return new ResultStore(file, handle);
  }

  /** Rows kept so far. */
  get rows(): number {
    return this.count;
  }

  /** Bytes on disk. */
  get size(): number {
    return this.bytes;
  }

  /** Adds rows at the end (one write); the rows are readable once it resolves. */
  async append(rows: readonly Row[]): Promise<void> {
    if (rows.length === 0) {
      return;
    }
    let text = '';
    let textBytes = 0;
    let pending = '';
    for (const row of rows) {
      pending += `${JSON.stringify(row)}\n`;
      this.inBlock += 1;
      if (this.inBlock === BLOCK) {
        // A block complete: where the next one starts.
        textBytes += Buffer.byteLength(pending);
        text += pending;
        pending = '';
        this.blockStarts.push(this.bytes + textBytes);
        this.inBlock = 0;
      }
    }
    textBytes += Buffer.byteLength(pending);
    text += pending;
    await this.handle.write(text, this.bytes);
    this.bytes += textBytes;
    this.count += rows.length;
  }

  /** Rows `from` to `from + count` (fewer at the end). */
  async read(from: number, count: number): Promise<Row[]> {
    const first = Math.max(0, Math.min(from, this.count));
    const last = Math.min(this.count, first + Math.max(0, count));
    if (last <= first || this.closed) {
      return [];
    }
    const startBlock = Math.floor(first / BLOCK);
    const endBlock = Math.floor((last - 1) / BLOCK) + 1;
    const start = this.blockStarts[startBlock]!;
    const end = this.blockStarts[endBlock] ?? this.bytes;
    const buffer = Buffer.alloc(end - start);
    await this.handle.read(buffer, 0, buffer.length, start);
    const lines = buffer.toString('utf8').split('\n');
    const skip = first - startBlock * BLOCK;
    return lines.slice(skip, skip + (last - first)).map((line) => JSON.parse(line) as Row);
  }

  /** Closes and deletes the file. */
  async dispose(): Promise<void> {
    if (this.closed) {
      return;
    }
    this.closed = true;
    await this.handle.close().catch(() => undefined);
    await fs.promises.rm(this.file, { force: true });
  }
}

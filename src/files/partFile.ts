import * as fs from 'node:fs';

/**
 * A file written as `<file>.part` and renamed only once complete, so a
 * cancelled or failed write never leaves a half file under the real name.
 */
export interface PartFile {
  readonly stream: fs.WriteStream;
  /** Waits until the file is closed, then gives it its real name. */
  keep(): Promise<void>;
  /** Stops writing, waits until the file is closed (an open still under way would create it afterwards), removes it. */
  discard(): Promise<void>;
}

export function openPartFile(file: string): PartFile {
  const partial = `${file}.part`;
  const stream = fs.createWriteStream(partial);
  const closed = new Promise<void>((resolve) => stream.once('close', () => resolve()));
  // An open or write failure is reported by the writer; here it only must not go unhandled.
  stream.on('error', () => undefined);
  return {
    stream,
    async keep() {
      if (!stream.writableFinished) {
        throw new Error(`${partial} was not finished`);
      }
      await closed;
      await fs.promises.rename(partial, file);
    },
    async discard() {
      stream.destroy();
      await closed;
      await fs.promises.rm(partial, { force: true });
    },
  };
}

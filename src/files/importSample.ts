import * as fs from 'node:fs';
import { detectEncoding, type FileEncoding } from '../core/import/fileEncoding';

/** What the import panel proposes from: the file's first bytes as text, in the encoding they are in. */
export interface ImportSample {
  readonly bytes: number;
  readonly encoding: FileEncoding;
  readonly bom: number;
  /** Whole lines of the first 4 MiB (a line cut by the sample's end is left out). */
  readonly text: string;
  /** The sample is the whole file. */
  readonly whole: boolean;
}

const SAMPLE_BYTES = 4 * 2 ** 20;

export async function readImportSample(file: string): Promise<ImportSample> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(size, SAMPLE_BYTES));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytesRead);
    const { encoding, bom } = detectEncoding(head);
    const decoded = new TextDecoder(encoding).decode(head.subarray(bom));
    const whole = bytesRead >= size;
    const end = decoded.lastIndexOf('\n');
    return { bytes: size, encoding, bom, text: whole || end < 0 ? decoded : decoded.slice(0, end + 1), whole };
  } finally {
    await handle.close();
  }
}

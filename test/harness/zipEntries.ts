import * as fs from 'node:fs';
import * as zlib from 'node:zlib';

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  localHeader: number;
}

/** The central directory of a zip archive (a .vsix). */
function centralDirectory(buf: Buffer, file: string): Entry[] {
  const END_SIGNATURE = 0x06054b50;
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== END_SIGNATURE) {
    end--;
  }
  if (end < 0) {
    throw new Error(`${file} is not a zip archive`);
  }
  const count = buf.readUInt16LE(end + 10);
  let offset = buf.readUInt32LE(end + 16);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    const nameLength = buf.readUInt16LE(offset + 28);
    const extraLength = buf.readUInt16LE(offset + 30);
    const commentLength = buf.readUInt16LE(offset + 32);
    entries.push({
      name: buf.toString('utf8', offset + 46, offset + 46 + nameLength),
      method: buf.readUInt16LE(offset + 10),
      compressedSize: buf.readUInt32LE(offset + 20),
      localHeader: buf.readUInt32LE(offset + 42),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Names of the files in a zip archive. */
export function zipEntries(file: string): string[] {
  return centralDirectory(fs.readFileSync(file), file).map((e) => e.name);
}

/** The content of one file in a zip archive (stored or deflated). */
export function zipRead(file: string, name: string): Buffer {
  const buf = fs.readFileSync(file);
  const entry = centralDirectory(buf, file).find((e) => e.name === name);
  if (!entry) {
    throw new Error(`${name} is not in ${file}`);
  }
  const start = entry.localHeader + 30 + buf.readUInt16LE(entry.localHeader + 26) + buf.readUInt16LE(entry.localHeader + 28);
  const data = buf.subarray(start, start + entry.compressedSize);
  return entry.method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data);
}

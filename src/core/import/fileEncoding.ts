/**
 * A file's text encoding, from its first bytes: a byte order mark says it;
 * otherwise bytes that are valid UTF-8 are UTF-8, and anything else is read
 * as Windows-1252 (what "Latin-1" exports from Excel and DHIS2 are in
 * practice: a superset of ISO-8859-1 for the printable range).
 */
export type FileEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface EncodingFound {
  readonly encoding: FileEncoding;
  /** Bytes of byte order mark to skip. */
  readonly bom: number;
}

export function detectEncoding(head: Uint8Array): EncodingFound {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    return { encoding: 'utf-8', bom: 3 };
  }
  if (head[0] === 0xff && head[1] === 0xfe) {
    return { encoding: 'utf-16le', bom: 2 };
  }
  if (head[0] === 0xfe && head[1] === 0xff) {
    return { encoding: 'utf-16be', bom: 2 };
  }
  return { encoding: validUtf8(head) ? 'utf-8' : 'windows-1252', bom: 0 };
}

/** Whether the bytes are UTF-8 (a character cut at the end of the sample counts as valid). */
function validUtf8(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const extra = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (extra < 0) {
      return false;
    }
    for (let k = 1; k <= extra; k++) {
      if (i + k >= bytes.length) {
        return true;
      }
      if ((bytes[i + k]! & 0xc0) !== 0x80) {
        return false;
      }
    }
    i += extra + 1;
  }
  return true;
}

/** PostgreSQL's name for the encoding, for COPY's ENCODING option. */
export const SERVER_ENCODING: Readonly<Record<'utf-8' | 'windows-1252', string>> = { 'utf-8': 'UTF8', 'windows-1252': 'WIN1252' };

/** Names every BI tool, driver and connection URL takes as they are: nothing to quote, nothing to encode. */
const PLAIN = /^[a-z_][a-z0-9_]*$/;
const MAX_BYTES = 63;

/** True when a login name needs no quoting in SQL and no encoding in a URL. */
export function isPlainLoginName(name: string): boolean {
  return PLAIN.test(name) && Buffer.byteLength(name, 'utf8') <= MAX_BYTES;
}

/** The plain name closest to `name`: accents folded, lower case, other characters turned into `_`. */
export function plainLoginName(name: string): string {
  const folded = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_BYTES);
  if (folded.length === 0) {
    return 'member';
  }
  return /^[0-9]/.test(folded) ? `u_${folded}`.slice(0, MAX_BYTES) : folded;
}

/**
 * Prefixes that would mix: the SDK reads every variable that starts with
 * `PREFIX_` as a custom connection's field, so with POLIO and POLIO_TEST
 * the custom connection POLIO also gets POLIO_TEST's variables (and a
 * prefix equal to another's field variable overwrites it). Each pair is
 * [shorter, longer], in the order given.
 */
export function prefixCollisions(prefixes: readonly string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (const a of prefixes) {
    for (const b of prefixes) {
      if (a !== b && b.startsWith(`${a}_`)) {
        pairs.push([a, b]);
      }
    }
  }
  return pairs;
}

/** What a probe answers while the awaited state is not there yet. */
type NotYet = undefined | false;

/**
 * The one way the tests wait for something outside them (a server, a file,
 * the workbench, a process): asks `probe` every `every` ms until it answers a
 * value (not undefined, not false) and returns that value; after `timeout` ms
 * it throws, naming what was awaited (and `detail()` when given). A probe
 * that throws stops the wait with its error.
 */
export async function pollUntil<T>(
  probe: () => T | NotYet | Promise<T | NotYet>,
  what: string,
  options: { timeout?: number; every?: number; detail?: () => string } = {},
): Promise<Exclude<T, NotYet>> {
  const timeout = options.timeout ?? 10_000;
  const until = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) {
      return value as Exclude<T, NotYet>;
    }
    if (Date.now() > until) {
      const detail = options.detail?.();
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${detail ? `:\n${detail}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.every ?? 100));
  }
}

/** pollUntil for a yes-or-no question: whether it came true in time (for `assert.ok(await …, why)`). */
export function cameTrue(probe: () => boolean | Promise<boolean>, options: { timeout?: number; every?: number } = {}): Promise<boolean> {
  return pollUntil(probe, 'a condition', options).then(
    () => true,
    () => false,
  );
}

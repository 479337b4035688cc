import type * as Pg from 'pg';

let driver: typeof Pg | undefined;

/**
 * The `pg` driver, loaded on the first connection instead of at activation:
 * it is about half of the extension's load time, and a window that never
 * opens the OpenHEXA view never needs it. `require` at the use site is what
 * keeps it lazy in the bundle (esbuild evaluates a bundled CommonJS module on
 * its first `require`, an `import` at the top of a file at load).
 */
export function pg(): typeof Pg {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  driver ??= require('pg') as typeof Pg;
  return driver;
}

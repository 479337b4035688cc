import { performance } from 'node:perf_hooks';

/** Reports each step's time since the previous one (or since it was made). */
export function stepTimer<S extends string>(onStep: ((step: S, ms: number) => void) | undefined): (step: S) => void {
  let last = performance.now();
  return (step) => {
    const now = performance.now();
    onStep?.(step, now - last);
    last = now;
  };
}

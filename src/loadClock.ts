import { performance } from 'node:perf_hooks';

/**
 * When the bundle began to evaluate its modules. extension.ts imports this
 * first, so activation can say how long loading took (the bundle's parse
 * happens before any of it runs, and is not in this figure).
 */
export const MODULES_STARTED = performance.now();

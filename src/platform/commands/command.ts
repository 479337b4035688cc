import type { Services } from '../services';

/**
 * One command, defined once: its id (as package.json contributes it) and its
 * handler. Every input comes as an argument (a tree node, or plain values
 * from a script or a keybinding); the handler asks only for what is missing.
 */
export interface Command {
  readonly id: `openhexa.${string}`;
  run(services: Services, ...args: unknown[]): unknown;
}

import type { z } from 'zod';
import type { Services } from '../services';

export type CommandId = `openhexa.${string}`;

/** What a command may be given, in order. Each is optional: the palette and keybindings give none. */
export type ArgSchemas = readonly z.ZodTypeAny[];
export type ArgsOf<S extends ArgSchemas> = { -readonly [K in keyof S]: z.output<S[K]> | undefined };

/** An argument a command does not take: said before the command takes any step. */
export class ArgumentsError extends Error {
  constructor(
    readonly command: CommandId,
    /** 1-based, as a script writer counts. */
    readonly position: number,
    /** What the command takes there (the schema's description), or undefined: nothing. */
    readonly expected: string | undefined,
  ) {
    super(`${command} cannot use argument ${position}: ${expected === undefined ? 'it takes no argument there' : `it takes ${expected}`}`);
    this.name = 'ArgumentsError';
  }
}

/**
 * One command, defined once: its id (as package.json contributes it), the
 * arguments it takes (a tree node, or plain values from a script or a
 * keybinding) and its handler, which asks only for what is missing.
 */
export interface Command {
  readonly id: CommandId;
  /** Checks what it was given against its schemas, then runs. */
  invoke(services: Services, given: readonly unknown[]): unknown;
}

/** Checks each given argument against its schema; a missing one (undefined or null) stays undefined. */
export function parseArgs<S extends ArgSchemas>(id: CommandId, schemas: S, given: readonly unknown[]): ArgsOf<S> {
  // Trailing undefined is what "not given" looks like from executeCommand(id, a, undefined).
  const last = given.reduce<number>((end, value, i) => (value === undefined || value === null ? end : i + 1), 0);
  if (last > schemas.length) {
    throw new ArgumentsError(id, last, undefined);
  }
  return schemas.map((schema, i) => {
    const value = given[i];
    if (value === undefined || value === null) {
      return undefined;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      throw new ArgumentsError(id, i + 1, schema.description ?? parsed.error.issues[0]?.message);
    }
    return parsed.data as unknown;
  }) as ArgsOf<S>;
}

/** A command whose handler gets its arguments checked and typed. */
export function command<const S extends ArgSchemas>(id: CommandId, args: S, run: (services: Services, ...args: ArgsOf<S>) => unknown): Command {
  return { id, invoke: (services, given) => run(services, ...parseArgs(id, args, given)) };
}

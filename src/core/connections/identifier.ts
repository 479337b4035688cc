// A connection's identifier: made from its name, fixed at creation, the
// prefix of its environment variables (DESIGN.md §3).
import { slugify } from '../workspaceNames';
import { envPrefixProblem } from './envNames';

export const MAX_CONNECTION_NAME = 40;
export const MAX_IDENTIFIER = 40;
export const MAX_DESCRIPTION = 2000;

/** slugify(name) cut to 40 characters, with no trailing "-". */
export function connectionIdentifier(name: string): string {
  return slugify(name, MAX_IDENTIFIER);
}

/** Why this identifier cannot be used, or undefined when it can (the catalog applies the same rules). */
export function identifierProblem(identifier: string): string | undefined {
  if (identifier === '') {
    return 'The identifier is made from the name: give the name at least one letter a-z';
  }
  if (identifier.length > MAX_IDENTIFIER) {
    return `An identifier has at most ${MAX_IDENTIFIER} characters`;
  }
  const env = envPrefixProblem(identifier);
  if (env) {
    return env;
  }
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(identifier)) {
    return 'An identifier has only a-z, 0-9 and single hyphens between them (e.g. dhis2-national)';
  }
  return undefined;
}

/** Why this name cannot be used, or undefined. */
export function connectionNameProblem(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '') {
    return 'Give the connection a name';
  }
  if (trimmed.length > MAX_CONNECTION_NAME) {
    return `A name has at most ${MAX_CONNECTION_NAME} characters (${trimmed.length} now)`;
  }
  return identifierProblem(connectionIdentifier(trimmed));
}

import { said, type Said } from '../said';
import { slugify } from '../workspaceNames';
import { C } from './connectionMessages';
import type { ConnectionTypeDef } from './connectionType';
import { connectionEnvNames, envPrefix, firstReserved } from './envNames';

// The catalog's rules for a connection's name, identifier and description
// (migration 3 checks the same), said so the form can show them as you type.

export const MAX_CONNECTION_NAME = 40;
export const MAX_IDENTIFIER = 40;
export const MAX_DESCRIPTION = 2000;
const IDENTIFIER = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** The identifier a new connection proposes for its name: slugify(name) cut to 40, no trailing "-". */
export function identifierFromName(name: string): string {
  return slugify(name, MAX_IDENTIFIER);
}

/** Why an identifier cannot be used, or undefined. A digit first is refused because the environment variables would start with it. */
export function identifierProblem(identifier: string): Said | undefined {
  if (identifier === '') {
    return said(C.identifierEmpty);
  }
  if (identifier.length > MAX_IDENTIFIER) {
    return said(C.identifierTooLong);
  }
  if (/^[0-9]/.test(identifier)) {
    return said(C.identifierDigit, envPrefix(identifier));
  }
  return IDENTIFIER.test(identifier) ? undefined : said(C.identifierChars);
}

/**
 * Why a connection of this type cannot have this identifier: one of its
 * variables (PREFIX, PREFIX_<FIELD>) is one a program on members' machines
 * reads for its own behaviour. Custom codes are checked where they are typed.
 */
export function identifierEnvProblem(identifier: string, type: Pick<ConnectionTypeDef, 'fields' | 'derivedEnvCodes'>): Said | undefined {
  const reserved = firstReserved(connectionEnvNames(type, identifier));
  return reserved ? said(C.identifierReservedEnv, reserved.name, reserved.readBy) : undefined;
}

export function nameProblem(name: string): Said | undefined {
  const trimmed = name.trim();
  if (trimmed === '') {
    return said(C.nameRequired);
  }
  return trimmed.length > MAX_CONNECTION_NAME ? said(C.nameTooLong) : undefined;
}

export function descriptionProblem(description: string): Said | undefined {
  return description.length > MAX_DESCRIPTION ? said(C.descriptionTooLong) : undefined;
}

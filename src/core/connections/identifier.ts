import { said, type Said } from '../said';
import { slugify } from '../workspaceNames';
import { C } from './connectionMessages';
import type { ConnectionTypeDef } from './connectionType';
import { connectionEnvNames, envPrefix, firstReserved } from './connectionEnvNames';

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

/** Another connection of the same workspace, as the form and the catalog compare with it. */
export interface OtherConnection {
  readonly identifier: string;
  readonly name: string;
}

const sameName = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** A name another connection of the workspace has (trimmed, whatever the case): refused, as the catalog refuses it. */
export function nameTakenProblem(name: string, others: readonly OtherConnection[]): Said | undefined {
  const other = others.find((o) => sameName(o.name, name));
  return other ? said(C.nameTaken, other.name.trim(), other.identifier) : undefined;
}

/**
 * An identifier whose variables the OpenHEXA SDK would mix with another's:
 * one prefix starts the other's (`sandbox` and `sandbox-read-only`: the
 * custom connection SANDBOX reads every SANDBOX_* variable).
 */
export function identifierMixProblem(identifier: string, others: readonly OtherConnection[]): Said | undefined {
  const mine = envPrefix(identifier);
  const other = others.find((o) => o.identifier !== identifier && (mine.startsWith(`${envPrefix(o.identifier)}_`) || envPrefix(o.identifier).startsWith(`${mine}_`)));
  return other ? said(C.identifierMixes, identifier, other.identifier, suggestIdentifier(identifier, others)) : undefined;
}

/** The catalog's suffix for a taken identifier: glued on, so it starts no other connection's variables. */
export function identifierWithSuffix(identifier: string, suffix: string): string {
  return `${identifier.slice(0, MAX_IDENTIFIER - suffix.length)}${suffix}`;
}

/**
 * An identifier near `wanted` that no connection has and whose variables
 * mix with none: itself, else with its hyphens dropped, else that with a
 * number. What the form proposes from a name.
 */
export function suggestIdentifier(wanted: string, others: readonly OtherConnection[]): string {
  const free = (candidate: string): boolean =>
    identifierProblem(candidate) === undefined &&
    !others.some((o) => o.identifier === candidate) &&
    !others.some((o) => envPrefix(candidate).startsWith(`${envPrefix(o.identifier)}_`) || envPrefix(o.identifier).startsWith(`${envPrefix(candidate)}_`));
  const glued = wanted.replace(/-/g, '').slice(0, MAX_IDENTIFIER);
  const candidates = [wanted, glued, ...Array.from({ length: 98 }, (_, i) => identifierWithSuffix(glued, String(i + 2)))];
  return candidates.find(free) ?? wanted;
}

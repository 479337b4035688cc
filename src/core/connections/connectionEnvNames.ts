// Environment variables of a connection, as the OpenHEXA SDK reads them in a
// local kernel: os.environ[PREFIX] holds the type, PREFIX_<FIELD> each field,
// with PREFIX = constcase(identifier.lower()) (stringcase's constcase).
import { reservedEnvName } from '../env/reservedEnvNames';
import type { ConnectionField, ConnectionTypeDef } from './connectionType';

/** stringcase's constcase for a lower-case string: "-", "." and spaces become "_", then upper case. */
export function constcase(text: string): string {
  return text.replace(/[-.\s]/g, '_').toUpperCase();
}

export function envPrefix(identifier: string): string {
  return constcase(identifier.toLowerCase());
}

/**
 * A JSON field's value as one compact line (a service account key as Google
 * downloads it spans lines and has spaces between its tokens, which no .env
 * line holds for every reader); what is not JSON stays as it is.
 */
function compactJson(value: string): string {
  try {
    return JSON.stringify(JSON.parse(value));
  } catch {
    return value;
  }
}

/** The variables of one connection, in field order; empty optional fields are left out; JSON fields on one line. */
export function connectionEnv(type: Pick<ConnectionTypeDef, 'envType' | 'derivedEnv' | 'fields'>, identifier: string, fields: readonly ConnectionField[]): [name: string, value: string][] {
  const prefix = envPrefix(identifier);
  const derived = type.derivedEnv?.(Object.fromEntries(fields.map((f) => [f.code, f.value]))) ?? [];
  const valueOf = (f: ConnectionField): string => (type.fields.find((d) => d.code === f.code)?.input === 'json' ? compactJson(f.value) : f.value);
  return [[prefix, type.envType], ...[...fields.filter((f) => f.value !== '').map((f): [string, string] => [f.code, valueOf(f)]), ...derived].map(([code, value]): [string, string] => [fieldEnvName(prefix, code), value])];
}

/** The variable of one field: PREFIX_<CODE>, as the SDK's custom connections read it back. */
export function fieldEnvName(prefix: string, code: string): string {
  return `${prefix}_${constcase(code.toLowerCase())}`;
}

/**
 * Every variable a connection can make: PREFIX, then PREFIX_<CODE> for the
 * type's fixed fields (set or not), the variables derived from them, and
 * the custom codes given.
 */
export function connectionEnvNames(type: Pick<ConnectionTypeDef, 'fields' | 'derivedEnvCodes'>, identifier: string, codes: readonly string[] = []): string[] {
  const prefix = envPrefix(identifier);
  return [prefix, ...[...type.fields.map((f) => f.code), ...(type.derivedEnvCodes ?? []), ...codes].map((code) => fieldEnvName(prefix, code))];
}

/** A variable of the connection that a program on a member's machine reads (core/env/reservedEnvNames), and who reads it. */
export interface ReservedVariable {
  readonly name: string;
  readonly readBy: string;
}

/** The first of `names` that a program reads for its own behaviour, or undefined. */
export function firstReserved(names: readonly string[]): ReservedVariable | undefined {
  for (const name of names) {
    const reserved = reservedEnvName(name);
    if (reserved) {
      return { name, readBy: reserved.readBy };
    }
  }
  return undefined;
}

// Environment variables of a connection, as the OpenHEXA SDK reads them in a
// local kernel: os.environ[PREFIX] holds the type, PREFIX_<FIELD> each field,
// with PREFIX = constcase(identifier.lower()) (stringcase's constcase).
import type { ConnectionField, ConnectionTypeDef } from './connectionType';

/** stringcase's constcase for a lower-case string: "-", "." and spaces become "_", then upper case. */
export function constcase(text: string): string {
  return text.replace(/[-.\s]/g, '_').toUpperCase();
}

export function envPrefix(identifier: string): string {
  return constcase(identifier.toLowerCase());
}

/** The variables of one connection, in field order; empty optional fields are left out. */
export function connectionEnv(type: Pick<ConnectionTypeDef, 'envType' | 'derivedEnv'>, identifier: string, fields: readonly ConnectionField[]): [name: string, value: string][] {
  const prefix = envPrefix(identifier);
  const derived = type.derivedEnv?.(Object.fromEntries(fields.map((f) => [f.code, f.value]))) ?? [];
  return [[prefix, type.envType], ...[...fields.filter((f) => f.value !== '').map((f): [string, string] => [f.code, f.value]), ...derived].map(([code, value]): [string, string] => [fieldEnvName(prefix, code), value])];
}

/** The variable of one field: PREFIX_<CODE>, as the SDK's custom connections read it back. */
export function fieldEnvName(prefix: string, code: string): string {
  return `${prefix}_${constcase(code.toLowerCase())}`;
}

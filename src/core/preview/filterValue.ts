/**
 * Whether a filter's value fits its column's type, checked as it is typed
 * (and by the host again), so that `abc` on an integer column is said in the
 * user's language before any query, instead of PostgreSQL's English error.
 * Only types whose input rules are simple are checked here, and never more
 * strictly than PostgreSQL: dates, intervals, enums and the rest go to the
 * server, whose refusal the host words (see FILTER_VALUE_REFUSED).
 */
import { said, type Said } from '../said';
import type { Filter, FilterOp } from './filters';

/** The kinds of values checked here; `other` is left to the server. */
export const VALUE_KINDS = ['smallint', 'integer', 'bigint', 'number', 'boolean', 'uuid', 'other'] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

/** Operators whose value is cast to the column's type (contains and starts with compare text). */
const CAST_OPS: ReadonlySet<FilterOp> = new Set(['eq', 'ne', 'lt', 'gt', 'in']);

const RANGES: Record<'smallint' | 'integer' | 'bigint', readonly [bigint, bigint]> = {
  smallint: [-(2n ** 15n), 2n ** 15n - 1n],
  integer: [-(2n ** 31n), 2n ** 31n - 1n],
  bigint: [-(2n ** 63n), 2n ** 63n - 1n],
};

export const FILTER_VALUE_TEXTS = {
  notWhole: '"{0}" is not a whole number: {1} takes digits only, like 42 or -7.',
  outOfRange: '{0} is out of range for {1} (from {2} to {3}).',
  notNumber: '"{0}" is not a number: use digits with a dot for decimals, like 3.14.',
  notBoolean: '"{0}" is not true or false: use true, false, yes, no, 1 or 0.',
  notUuid: '"{0}" is not a UUID: 32 hexadecimal digits, like 123e4567-e89b-12d3-a456-426614174000.',
  /** The server refused a value of a type not checked here (its words name the type and the value). */
  refused: '"{0}" is not a valid {1}. Change the filter\'s value and apply again.',
  refusedUnnamed: 'A filter\'s value does not fit its column\'s type. Change it and apply again.',
} as const;

/** The kind of a column's values, from its type as PostgreSQL names it (format_type), a domain's base type for domains. */
export function valueKindOf(type: string): ValueKind {
  const t = type.toLowerCase().replace(/\(.*\)$/, '').trim();
  switch (t) {
    case 'smallint':
    case 'int2':
      return 'smallint';
    case 'integer':
    case 'int':
    case 'int4':
      return 'integer';
    case 'bigint':
    case 'int8':
      return 'bigint';
    case 'numeric':
    case 'decimal':
    case 'real':
    case 'float4':
    case 'double precision':
    case 'float8':
      return 'number';
    case 'boolean':
    case 'bool':
      return 'boolean';
    case 'uuid':
      return 'uuid';
    default:
      return 'other';
  }
}

/** PostgreSQL's boolin: true, false, yes, no (or a prefix), on, off, 1, 0; any case, spaces around. */
function isBoolean(text: string): boolean {
  const v = text.trim().toLowerCase();
  if (v === '') {
    return false;
  }
  return ['true', 'false', 'yes', 'no'].some((word) => word.startsWith(v)) || ['on', 'of', 'off', '1', '0'].includes(v);
}

// PostgreSQL 16 also reads 1_000, 0x1F, 0o17 and 0b101; an older server refuses them itself.
const INTEGER = /^([+-]?)(\d+(?:_\d+)*|0x[0-9a-f]+(?:_[0-9a-f]+)*|0o[0-7]+(?:_[0-7]+)*|0b[01]+(?:_[01]+)*)$/i;
const DECIMAL = /^[+-]?(\d+(?:_\d+)*\.?(?:\d+(?:_\d+)*)?|\.\d+(?:_\d+)*)(e[+-]?\d+)?$/i;

/** An integer as PostgreSQL reads it, or undefined. */
function integerOf(text: string): bigint | undefined {
  const match = INTEGER.exec(text);
  if (!match) {
    return undefined;
  }
  const magnitude = BigInt(match[2]!.replace(/_/g, '').replace(/^0([xob])/i, (_, base: string) => `0${base.toLowerCase()}`));
  return match[1] === '-' ? -magnitude : magnitude;
}

/** The problem with one value for a column of that kind, or undefined if it fits (or is the server's to judge). */
export function valueProblem(kind: ValueKind, value: string, typeName: string): Said | undefined {
  const v = value.trim();
  switch (kind) {
    case 'smallint':
    case 'integer':
    case 'bigint': {
      const n = integerOf(v);
      if (n === undefined) {
        return said(FILTER_VALUE_TEXTS.notWhole, value, typeName);
      }
      const [low, high] = RANGES[kind];
      return n < low || n > high ? said(FILTER_VALUE_TEXTS.outOfRange, v, typeName, String(low), String(high)) : undefined;
    }
    case 'number':
      return DECIMAL.test(v) || /^[+-]?(nan|infinity|inf)$/i.test(v) || integerOf(v) !== undefined ? undefined : said(FILTER_VALUE_TEXTS.notNumber, value);
    case 'boolean':
      return isBoolean(v) ? undefined : said(FILTER_VALUE_TEXTS.notBoolean, value);
    case 'uuid':
      return /^\{?[0-9a-f]{4}(-?[0-9a-f]{4}){7}\}?$/i.test(v) ? undefined : said(FILTER_VALUE_TEXTS.notUuid, value);
    case 'other':
      return undefined;
  }
}

/** The first problem of a filter (each value of "in list"), or undefined. */
export function filterProblem(filter: Pick<Filter, 'op' | 'value' | 'values'>, kind: ValueKind, typeName: string): Said | undefined {
  if (!CAST_OPS.has(filter.op)) {
    return undefined;
  }
  const values = filter.op === 'in' ? (filter.values ?? []) : filter.value === undefined ? [] : [filter.value];
  for (const value of values) {
    const problem = valueProblem(kind, value, typeName);
    if (problem) {
      return problem;
    }
  }
  return undefined;
}

import { z } from 'zod';
import { C } from './connectionMessages';

// Value rules shared by several connection types.

/** The catalog refuses longer values (a service-account key is about 2,400 characters). */
export const MAX_VALUE = 100_000;

export const text = z
  .string()
  .max(MAX_VALUE, C.valueTooLong)
  .refine((v) => !v.includes('\u0000'), C.valueNul);

/** A host name or address, without scheme, port or path. */
export const host = text.refine((v) => !/[\s/]/.test(v.trim()) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(v.trim()), C.host);

export const port = text.refine((v) => /^\d{1,5}$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= 65535, C.port);

/** An http(s) URL of a server, as the user would type it in a browser. */
export const httpUrl = text.refine((v) => {
  try {
    const url = new URL(v.trim());
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}, C.httpUrl);

/** The JSON object a text holds, or undefined (not JSON, or not an object). */
export function parseJsonObject(v: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(v);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A JSON object (a key file, as downloaded). */
export const jsonObject = text.refine((v) => parseJsonObject(v) !== undefined, C.jsonObject);

import { z } from 'zod';

// Value rules shared by several connection types.

/** The catalog refuses longer values (a service-account key is about 2,400 characters). */
export const MAX_VALUE = 100_000;

export const text = z
  .string()
  .max(MAX_VALUE, `At most ${MAX_VALUE} characters`)
  .refine((v) => !v.includes('\u0000'), 'A value cannot hold a NUL character');

/** A host name or address, without scheme, port or path. */
export const host = text.refine((v) => !/[\s/]/.test(v.trim()) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(v.trim()), 'A host name or address only, with no scheme, path or spaces (e.g. db.example.org)');

export const port = text.refine((v) => /^\d{1,5}$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= 65535, 'A port is a whole number from 1 to 65535');

/** An http(s) URL of a server, as the user would type it in a browser. */
export const httpUrl = text.refine((v) => {
  try {
    const url = new URL(v.trim());
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}, 'An http:// or https:// address, with no user name or password in it (e.g. https://play.dhis2.org/40)');

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
export const jsonObject = text.refine((v) => parseJsonObject(v) !== undefined, 'Paste the whole JSON file: it must be one JSON object');

import { randomInt } from 'node:crypto';

/** Letters and digits without the look-alikes i, l, o, I, O, 0 and 1 (as OpenHEXA). */
export const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const PASSWORD_LENGTH = 16;

/** A database password: 16 characters, each drawn with a CSPRNG and no modulo bias. */
export function generatePassword(length = PASSWORD_LENGTH): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    out += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  }
  return out;
}

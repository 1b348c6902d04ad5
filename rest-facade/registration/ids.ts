import { randomBytes } from 'node:crypto';

/** Object identifiers: 64 random bits as 16 hex digits (the shape of the §12 example ids). */
export function newId(): string {
  return randomBytes(8).toString('hex');
}

/** What an identifier in a URL path or filter may look like; anything else cannot name an object. */
export const ID_PATTERN = /^[0-9a-f]{16}$/;

import { z } from 'zod';
import { badUserInput } from './legacyError';

/** The sort-key values of one object, in the listing's order (see ordering.ts). */
export type CursorKey = (string | null)[];

const cursorSchema = z.array(z.string().max(1000).nullable()).min(1).max(8);

/** Keyset cursor: the opaque, URL-safe encoding of the last (or first) object's sort key. */
export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): CursorKey {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badUserInput('invalid cursor');
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success || parsed.data.length !== arity) throw badUserInput('invalid cursor');
  return parsed.data;
}

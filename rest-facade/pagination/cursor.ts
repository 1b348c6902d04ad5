import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { HttpError } from '../errors';
import type { Store } from '../store';

/** One component of a listing's sort key, e.g. `cds_modified` then the id. */
export type KeysetValue = string | number | boolean | null;

/**
 * Where a page starts: the sort key of the row just before it (`next`) or just after it
 * (`previous`). Keyset pagination, so a page costs the same at any depth.
 */
export interface Cursor {
  direction: 'next' | 'previous';
  position: KeysetValue[];
}

const MAX_TOKEN_LENGTH = 2048;
const SECRET_KEY = 'pagination:cursor-secret';

const Payload = z.strictObject({
  d: z.enum(['n', 'p']),
  p: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).max(16),
});

const invalid = (why: string) => new HttpError(400, 'invalid_request', `invalid cursor: ${why}`);

/**
 * Opaque, tamper-evident cursors: base64url JSON plus an HMAC-SHA256 over the payload *and* the
 * listing it was issued for (path and filters), so a cursor that was edited, forged, or moved to
 * other filters is a 400 — never a 500 and never a page of some other query.
 */
export class CursorCodec {
  constructor(private readonly secret: Uint8Array) {
    if (secret.length < 32) throw new Error('cursor secret must be at least 32 bytes');
  }

  /**
   * The secret every facade process shares: created once in the store (SET NX), so cursors issued by
   * one instance are accepted by the others.
   */
  static async fromStore(store: Store): Promise<CursorCodec> {
    await store.set(SECRET_KEY, randomBytes(32).toString('base64url'), { onlyIfAbsent: true });
    const secret = await store.get(SECRET_KEY);
    if (!secret) throw new Error('cursor secret missing from the store');
    return new CursorCodec(Buffer.from(secret, 'base64url'));
  }

  encode(cursor: Cursor, binding: string): string {
    const payload = Buffer.from(JSON.stringify({ d: cursor.direction === 'next' ? 'n' : 'p', p: cursor.position })).toString('base64url');
    return `${payload}.${this.mac(payload, binding).toString('base64url')}`;
  }

  /** Throws a 400 `invalid_request` HttpError for anything this codec did not issue for `binding`. */
  decode(token: string, binding: string): Cursor {
    if (token.length > MAX_TOKEN_LENGTH) throw invalid('too long');
    const match = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match) throw invalid('malformed');
    const [, payload, mac] = match;
    // Compare the text, not decoded bytes: base64url's last character has spare bits, so decoding
    // would accept a few altered spellings of a valid MAC.
    const expected = Buffer.from(this.mac(payload, binding).toString('base64url'));
    if (!timingSafeEqual(Buffer.from(mac), expected)) {
      throw invalid('it was altered, or issued for another listing or other filters');
    }
    let parsed: z.infer<typeof Payload>;
    try {
      parsed = Payload.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    } catch {
      throw invalid('malformed');
    }
    return { direction: parsed.d === 'n' ? 'next' : 'previous', position: parsed.p };
  }

  private mac(payload: string, binding: string): Buffer {
    return createHmac('sha256', this.secret).update(`cds-cursor.v1\n${binding}\n${payload}`).digest();
  }
}

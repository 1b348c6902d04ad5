import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpError } from '../errors';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** The operator API's bearer token (ADMIN_API_TOKEN), compared in constant time. */
export function requireAdminToken(token: string): RequestHandler {
  const expected = digest(token);
  return (req, _res, next) => {
    const match = /^Bearer +(\S+) *$/i.exec(req.get('authorization') ?? '');
    if (!match || !timingSafeEqual(digest(match[1]), expected)) {
      throw new HttpError(401, 'invalid_token', 'the operator API needs the ADMIN_API_TOKEN bearer token', { 'WWW-Authenticate': 'Bearer realm="cds-admin"' });
    }
    next();
  };
}

import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Internal teams authenticate with `Authorization: Bearer $INTERNAL_API_TOKEN` (RFC 6750). The one
 * exception is a browser opening GraphiQL (GET, text/html): the page holds no data, and every
 * query it sends needs the token (pasted into its Headers tab).
 */
export function requireInternalToken(token: string) {
  const expected = digest(token);
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'GET' && req.accepts(['application/json', 'text/html']) === 'text/html' && !req.query.query) return next();
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    // Compare digests so the check takes the same time whatever the token length.
    if (match && timingSafeEqual(digest(match[1]), expected)) return next();
    res
      .status(401)
      .set('WWW-Authenticate', `Bearer realm="cds-gateway-internal"${match ? ', error="invalid_token"' : ''}`)
      .json({
        error: match ? 'invalid_token' : 'unauthorized',
        error_description: match ? 'the bearer token is not the internal API token' : 'send Authorization: Bearer <INTERNAL_API_TOKEN>',
      });
  };
}

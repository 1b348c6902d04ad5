import type { RequestHandler } from 'express';
import type { Logger } from '../../lib/logger';

declare module 'express-serve-static-core' {
  interface Request {
    /** A child logger that stamps every line with the request id. */
    log: Logger;
  }
}

/** Query parameters whose values are credentials or one-time values; their values never reach a log. */
const SECRET_PARAMS = new Set([
  'code', 'client_secret', 'refresh_token', 'access_token', 'token', 'request_uri', 'code_verifier', 'password',
]);

/** The path and query as logged: values of secret parameters replaced. */
export function loggableUrl(originalUrl: string): string {
  const q = originalUrl.indexOf('?');
  if (q < 0) return originalUrl;
  const query = [...new URLSearchParams(originalUrl.slice(q + 1))]
    .map(([key, value]) => `${encodeURIComponent(key)}=${SECRET_PARAMS.has(key) ? '[redacted]' : encodeURIComponent(value)}`);
  return `${originalUrl.slice(0, q)}?${query.join('&')}`;
}

/**
 * One line per request when it finishes: method, url (secrets redacted), status, duration, and the
 * authenticated client if any. Bodies and headers are never logged: they carry secrets.
 */
export function useRequestLogging(log: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    req.log = log.child({ reqId: req.id });
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const auth = (req as { auth?: { clientId?: string } }).auth;
      const line = {
        method: req.method,
        url: loggableUrl(req.originalUrl),
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
        ...(auth?.clientId ? { clientId: auth.clientId } : {}),
      };
      if (res.statusCode >= 500) req.log.error(line, 'request');
      else req.log.info(line, 'request');
    });
    next();
  };
}

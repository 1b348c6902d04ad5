import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../lib/logger';

/**
 * An error the client can act on: a status, an RFC 6749 §5.2-style `error` code and a readable
 * `error_description`. Everything the facade rejects is thrown as one of these.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
    this.name = 'HttpError';
  }

  toJSON() {
    return { error: this.error, error_description: this.description };
  }
}

/** The OAuth error codes of RFC 6749 §4.1.2.1/§5.2, RFC 6750 §3.1, RFC 7009, RFC 9126, RFC 9396 §5 and cds-wg1-02 §8.3. */
export type OAuthErrorCode =
  | 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unauthorized_client'
  | 'unsupported_grant_type' | 'invalid_scope' | 'invalid_authorization_details'
  | 'access_denied' | 'unsupported_response_type' | 'server_error' | 'temporarily_unavailable'
  | 'invalid_token' | 'insufficient_scope' | 'unsupported_token_type' | 'invalid_request_uri'
  | 'request_not_supported'
  | 'cds_grant_id_invalid_value' | 'cds_grant_id_invalid_user';

export class OAuthError extends HttpError {
  declare readonly error: OAuthErrorCode;

  constructor(
    error: OAuthErrorCode,
    description: string,
    status = 400,
    headers: Record<string, string> = {},
  ) {
    super(status, error, description, headers);
    this.name = 'OAuthError';
  }
}

/** Shorthands for the errors every API needs. */
export const badRequest = (description: string) => new HttpError(400, 'invalid_request', description);
export const notFound = (description = 'no such resource') => new HttpError(404, 'not_found', description);

/** ioredis signals an unreachable Redis with these; they mean "try again", not "bug". */
const OUTAGE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);

export function isStoreOutage(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: string }).code;
  return err.name === 'MaxRetriesPerRequestError'
    || (code !== undefined && OUTAGE_CODES.has(code))
    || /Connection is closed|Stream isn't writeable|connect ETIMEDOUT/.test(err.message);
}

/** body-parser's error `type`s, mapped to what the client did wrong. */
function fromBodyParser(err: { type?: string; status?: number; limit?: number }): HttpError | null {
  switch (err.type) {
    case 'entity.too.large':
      return new HttpError(413, 'invalid_request', `request body is larger than ${err.limit} bytes`);
    case 'entity.parse.failed':
      return new HttpError(400, 'invalid_request', 'request body is not well-formed');
    case 'parameters.too.many':
      return new HttpError(413, 'invalid_request', 'request body has too many parameters');
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new HttpError(415, 'invalid_request', 'unsupported body encoding or charset');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new HttpError(400, 'invalid_request', 'request body could not be read');
    default:
      return null;
  }
}

/**
 * Express's router marks what it cannot read in the request itself with a 4xx `status`: a path
 * segment that is not valid percent-encoded UTF-8 (`/clients/%zz`) is a URIError with status 400.
 */
function fromRouter(err: unknown): HttpError | null {
  if (err instanceof URIError) return new HttpError(400, 'invalid_request', 'the request path is not valid percent-encoded UTF-8');
  return null;
}

export function sendError(res: Parameters<RequestHandler>[1], err: HttpError): void {
  for (const [name, value] of Object.entries(err.headers)) res.setHeader(name, value);
  res.setHeader('Cache-Control', 'no-store');
  res.status(err.status).json(err.toJSON());
}

/**
 * The facade's last middleware: every error becomes `{error, error_description}`. Client mistakes
 * keep their 4xx, a store outage is a 503 the client may retry, and only real bugs are a 500,
 * whose details go to the log and never to the client.
 */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const known = err instanceof HttpError ? err : fromBodyParser(err ?? {}) ?? fromRouter(err);
    if (known) return sendError(res, known);
    const reqLog = (req as { log?: Logger }).log ?? log;
    if (isStoreOutage(err)) {
      reqLog.warn({ err: { name: err.name, message: err.message } }, 'store unavailable');
      return sendError(res, new HttpError(503, 'temporarily_unavailable',
        'the service is temporarily unavailable, try again shortly', { 'Retry-After': '5' }));
    }
    reqLog.error({ err }, 'unhandled error');
    sendError(res, new HttpError(500, 'server_error', 'internal error'));
  };
}

/** JSON 404 for anything the facade does not serve. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'not_found', `no endpoint ${req.method} ${req.path}`));
};

import { z } from 'zod';
import type { ResponseSpec } from './endpoint';

/** The body of every error the facade sends (RFC 6749 §5.2 shape; `HttpError` in rest-facade/errors.ts). */
export const ErrorResponse = z
  .strictObject({ error: z.string().min(1), error_description: z.string().optional(), error_uri: z.url().optional() })
  .meta({ id: 'Error', description: 'An error: an RFC 6749 §5.2-style code and a readable description.' });

const STANDARD: Record<number, ResponseSpec> = {
  400: { description: 'The request is malformed: a bad parameter, filter, body or cursor (`invalid_request`).', schema: ErrorResponse },
  401: {
    description: 'The access token is missing, invalid, expired or revoked (RFC 6750 §3.1 `invalid_token`).',
    schema: ErrorResponse,
    headers: { 'WWW-Authenticate': { description: 'RFC 6750 §3 Bearer challenge', required: true } },
  },
  403: { description: 'The access token does not allow this request (RFC 6750 §3.1 `insufficient_scope`).', schema: ErrorResponse },
  404: { description: 'No such resource (`not_found`).', schema: ErrorResponse },
  413: { description: 'The request body is too large.', schema: ErrorResponse },
  415: { description: 'Unsupported request body encoding.', schema: ErrorResponse },
  429: {
    description: 'Too many requests (cds-wg1-02 §11.3 rate limits).',
    schema: ErrorResponse,
    headers: { 'Retry-After': { description: 'Seconds to wait before retrying' } },
  },
  503: {
    description: 'Temporarily unavailable (`temporarily_unavailable`); retry later.',
    schema: ErrorResponse,
    headers: { 'Retry-After': { description: 'Seconds to wait before retrying' } },
  },
};

export type StandardErrorStatus = 400 | 401 | 403 | 404 | 413 | 415 | 429 | 503;

/** The facade's standard error responses, for an endpoint's `responses`. */
export function errorResponses(...statuses: StandardErrorStatus[]): Record<number, ResponseSpec> {
  return Object.fromEntries(statuses.map((status) => [status, STANDARD[status]]));
}

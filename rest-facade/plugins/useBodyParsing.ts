import express, { type RequestHandler } from 'express';

export interface BodyLimits {
  /** Largest body accepted, in bytes; larger ones get a 413. */
  limit: number;
}

const isForm = (type: string | undefined) => /^application\/x-www-form-urlencoded\b/i.test(type ?? '');
const isMultipart = (type: string | undefined) => /^multipart\//i.test(type ?? '');

/**
 * JSON bodies for the JSON APIs. Bodies are parsed as JSON whatever their Content-Type says, except
 * HTML form posts (consent pages) and multipart; the spec's examples send JSON with no Content-Type
 * (cds-wg1-02 §12, digest A44). Malformed JSON → 400, oversized → 413 (see errors.ts).
 */
export function useJsonBody({ limit }: BodyLimits): RequestHandler {
  return express.json({
    limit,
    type: (req) => !isForm(req.headers['content-type']) && !isMultipart(req.headers['content-type']),
  });
}

/**
 * The OAuth endpoints' bodies (RFC 6749 §3.2, RFC 9126 §2.1, RFC 7009, RFC 7662) are form-encoded;
 * they are parsed as forms whatever the Content-Type says (digest A44).
 */
export function useOAuthFormBody({ limit }: BodyLimits): RequestHandler {
  return express.urlencoded({ limit, extended: false, parameterLimit: 100, type: () => true });
}

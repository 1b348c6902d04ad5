import express, { type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import { badRequest, HttpError } from '../errors';
import { decodeCursor, pageLink, type Cursor, type Page } from './keyset';

/** A query parameter given once, or undefined; repeated parameters are ambiguous (400). */
function single(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badRequest(`the ${name} parameter must be given once`);
  return value;
}

/** A space-separated list filter (cds-wg1-02 §5.3 ff.); an empty value filters nothing. */
export function queryList(req: Request, name: string): string[] | undefined {
  const value = single(req, name);
  if (value === undefined) return undefined;
  const items = value.split(' ').filter(Boolean);
  return items.length > 0 ? [...new Set(items)] : undefined;
}

/** A list filter whose values must come from an enumeration: an unknown value is a 400, not "no match". */
export function queryEnumList<T extends string>(req: Request, name: string, allowed: readonly T[]): T[] | undefined {
  const items = queryList(req, name);
  const unknown = items?.find((i) => !allowed.includes(i as T));
  if (unknown !== undefined) throw badRequest(`${name}: unknown value ${JSON.stringify(unknown)}`);
  return items as T[] | undefined;
}

const datetime = z.iso.datetime({ offset: true });

/** `after` / `before`: RFC 3339 datetimes. */
export function queryDatetime(req: Request, name: string): string | undefined {
  const value = single(req, name);
  if (value === undefined) return undefined;
  if (!datetime.safeParse(value).success) throw badRequest(`${name} must be an RFC 3339 datetime`);
  return value;
}

export function queryCursor(req: Request): Cursor | null {
  const value = single(req, 'cursor');
  if (value === undefined) return null;
  const cursor = decodeCursor(value);
  if (!cursor) throw badRequest('cursor is not a cursor this server issued');
  return cursor;
}

/** The request's query string, to carry every filter into `next`/`previous` links. */
export function queryOf(req: Request): URLSearchParams {
  const q = req.originalUrl.indexOf('?');
  return new URLSearchParams(q < 0 ? '' : req.originalUrl.slice(q + 1));
}

/** `{<key>: [...], next, previous}` with absolute links that keep the filters (A52). */
export function listingBody<T>(key: string, page: Page<T>, render: (item: T) => unknown, baseUrl: string, req: Request) {
  const query = queryOf(req);
  return {
    [key]: page.items.map(render),
    next: pageLink(baseUrl, query, page.next),
    previous: pageLink(baseUrl, query, page.previous),
  };
}

/** A JSON object body (anything else is a 400). */
export function objectBody(req: Request, error = 'invalid_request'): Record<string, unknown> {
  const body: unknown = req.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError(400, error, 'the request body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

/** zod issues as one readable sentence. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; ');
}

/** The registration a request's token belongs to (set by `requireToken`). */
export function registrationOf(req: Request): string {
  if (!req.auth) throw new HttpError(401, 'invalid_token', 'an access token is required');
  return req.auth.registrationId;
}

/**
 * JSON bodies for the cds-wg1 JSON endpoints, whatever the Content-Type says (A44): the §12
 * examples send none, and the overview's `curl --data-raw` sends a form type with a JSON body.
 */
export function jsonApiBody(limit: number): RequestHandler {
  return express.json({ limit, type: () => true });
}

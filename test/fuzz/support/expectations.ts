import { expect } from 'vitest';
import { ErrorResponse } from '../../../rest-facade/openapi';
import { expectValidResponse } from '../../openapi/expectValidResponse';
import { UNESCAPED } from './hostile';
import type { RawRequest, RawResponse } from './http';
import type { Operation } from './operations';

/** The exchange in one line, for failure messages (and to replay a counterexample by hand). */
export function exchange(req: RawRequest, res: RawResponse): string {
  const body = req.body === undefined ? '' : ` body(${req.body.length}B)=${JSON.stringify(req.body.toString().slice(0, 200))}`;
  return `${req.method} ${req.path.slice(0, 300)}${body} → ${res.status} ${res.text.slice(0, 400)}`;
}

const isJson = (res: RawResponse) => /json/.test(res.headers['content-type'] ?? '');

const isHtml = (res: RawResponse) => /html/.test(res.headers['content-type'] ?? '');

/**
 * No 5xx (but those in `upstream`: a fault suite's 502/503 from a dead dependency), every JSON error
 * is `{error, error_description}`, and no page writes our markup out unescaped.
 */
export function expectHandled(req: RawRequest, res: RawResponse, upstream: readonly number[] = []): void {
  const what = exchange(req, res);
  expect(res.status, what).toBeGreaterThanOrEqual(200);
  if (!upstream.includes(res.status)) expect(res.status, what).toBeLessThan(500);
  if (res.status >= 400 && isJson(res)) expect(ErrorResponse.safeParse(res.json).success, `not the error shape: ${what}`).toBe(true);
  if (isHtml(res)) expect(UNESCAPED.test(res.text), `markup written out unescaped: ${what}`).toBe(false);
}

/**
 * `expectHandled`, and the answer is what the published document promises for the operation: a
 * documented status, and (for JSON) a body that validates against it. Errors must be JSON unless
 * the operation documents another media type for them (the authorize endpoint's HTML page).
 */
export function expectDocumented(op: Operation, req: RawRequest, res: RawResponse): void {
  expectHandled(req, res);
  const what = exchange(req, res);
  expect(op.statuses, `${op.operationId}: undocumented status: ${what}`).toContain(res.status);
  if (isJson(res)) {
    try {
      expectValidResponse(op.method, op.template, res.status, res.text);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n  ${what}`);
    }
  } else if (res.status >= 400) {
    expect(op.operationId, `a non-JSON error: ${what}`).toMatch(/^authorize/);
  }
}

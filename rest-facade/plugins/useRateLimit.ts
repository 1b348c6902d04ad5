import type { RequestHandler } from 'express';
import { HttpError } from '../errors';
import type { Store } from '../store';

/** At most `limit` requests per fixed window of `windowSeconds`. */
export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

/**
 * cds-wg1-02 §11.3: unauthenticated requests per IP, authenticated ones per Client and per
 * Credential, and failed authentication per IP (much stricter, against brute force). Never a captcha (§11.4).
 */
export interface RateLimits {
  anonymous: RateLimitRule;
  client: RateLimitRule;
  credential: RateLimitRule;
  authFailure: RateLimitRule;
}

export type RateLimitKind = keyof RateLimits;

function tooMany(retryAfter: number): HttpError {
  return new HttpError(429, 'too_many_requests', `rate limit exceeded, retry after ${retryAfter} seconds`,
    { 'Retry-After': String(Math.max(1, retryAfter)) });
}

/**
 * Fixed-window counters kept in the shared store, so every facade process enforces the same budget.
 */
export class RateLimiter {
  constructor(private readonly store: Store, private readonly limits: RateLimits) {}

  private key(kind: RateLimitKind, subject: string): string {
    return `ratelimit:${kind}:${subject}`;
  }

  /** Counts one request for `subject`; throws a 429 (with Retry-After) once the window's budget is spent. */
  async consume(kind: RateLimitKind, subject: string): Promise<void> {
    const rule = this.limits[kind];
    const key = this.key(kind, subject);
    const count = await this.store.incr(key, rule.windowSeconds);
    if (count > rule.limit) throw tooMany(await this.retryAfter(key, rule));
  }

  /** Throws a 429 if `subject` has already spent its budget, without counting this request. */
  async check(kind: RateLimitKind, subject: string): Promise<void> {
    const rule = this.limits[kind];
    const key = this.key(kind, subject);
    const count = Number(await this.store.get(key) ?? 0);
    if (count >= rule.limit) throw tooMany(await this.retryAfter(key, rule));
  }

  private async retryAfter(key: string, rule: RateLimitRule): Promise<number> {
    const ttl = await this.store.ttl(key);
    return ttl > 0 ? ttl : rule.windowSeconds;
  }

  /**
   * Requests that carry no credentials count against their IP. Requests with an Authorization
   * header are counted per Client/Credential once authenticated (and per IP when that fails).
   */
  anonymousPerIp(): RequestHandler {
    return async (req, _res, next) => {
      if (req.get('authorization')) return next();
      await this.consume('anonymous', req.ip ?? 'unknown');
      next();
    };
  }
}

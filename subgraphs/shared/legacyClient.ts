import type { z } from 'zod';
import { legacyError } from './legacyError';

export interface LegacyClientOptions {
  /** Name used in errors and logs, e.g. "CIS". */
  system: string;
  baseUrl: string;
  /** A legacy call that takes longer fails with LEGACY_TIMEOUT rather than hanging the query. */
  timeoutMs?: number;
}

export type QueryValue = string | number | boolean | readonly (string | number)[] | null | undefined;

export interface LegacyResponse<T> {
  body: T;
  /** When the answer arrived: the `synced` time of every record in it (cds-wg3-01 §2). */
  receivedAt: Date;
}

/**
 * A small HTTP client for one legacy system: every failure becomes a GraphQL error with a
 * code (see legacyError.ts), never a hang and never a raw stack.
 */
export class LegacyClient {
  readonly system: string;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(options: LegacyClientOptions) {
    this.system = options.system;
    this.baseUrl = options.baseUrl.replace(/\/$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  url(path: string, query: Record<string, QueryValue> = {}): string {
    const url = new URL(this.baseUrl + path);
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined || value === null) continue;
      if (Array.isArray(value)) for (const v of value) url.searchParams.append(key, String(v));
      else url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  async getJson<S extends z.ZodType>(path: string, query: Record<string, QueryValue>, schema: S): Promise<LegacyResponse<z.infer<S>>> {
    const { text, receivedAt } = await this.request('GET', this.url(path, query), 'application/json');
    return { body: this.parseJson(text, schema), receivedAt };
  }

  async postJson<S extends z.ZodType>(path: string, payload: unknown, schema: S): Promise<LegacyResponse<z.infer<S>>> {
    const { text, receivedAt } = await this.request('POST', this.url(path), 'application/json', JSON.stringify(payload));
    return { body: this.parseJson(text, schema), receivedAt };
  }

  async getText(path: string, query: Record<string, QueryValue> = {}, accept = '*/*'): Promise<LegacyResponse<string>> {
    const { text, receivedAt } = await this.request('GET', this.url(path, query), accept);
    return { body: text, receivedAt };
  }

  private parseJson<S extends z.ZodType>(text: string, schema: S): z.infer<S> {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw legacyError(this.system, 'LEGACY_BAD_RESPONSE', 'response is not JSON');
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw legacyError(this.system, 'LEGACY_BAD_RESPONSE', `unexpected payload at ${first.path.join('.') || '(root)'}: ${first.message}`);
    }
    return parsed.data;
  }

  private async request(method: string, url: string, accept: string, body?: string): Promise<{ text: string; receivedAt: Date }> {
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: { accept, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw this.transportError(err);
    }
    let text: string;
    try {
      text = await res.text();
    } catch (err) {
      throw this.transportError(err);
    }
    if (!res.ok) {
      throw legacyError(this.system, 'LEGACY_ERROR', `${method} ${new URL(url).pathname} answered ${res.status}${summary(text)}`, res.status);
    }
    return { text, receivedAt: new Date() };
  }

  private transportError(err: unknown) {
    const name = (err as Error)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return legacyError(this.system, 'LEGACY_TIMEOUT', `no answer within ${this.timeoutMs} ms`);
    }
    const cause = (err as { cause?: { code?: string } })?.cause?.code;
    return legacyError(this.system, 'LEGACY_UNAVAILABLE', `unreachable${cause ? ` (${cause})` : ''}`);
  }
}

/** The first line of an error body, enough to diagnose without echoing a whole page. */
function summary(text: string): string {
  const line = text.trim().split('\n')[0]?.slice(0, 200);
  return line ? `: ${line}` : '';
}

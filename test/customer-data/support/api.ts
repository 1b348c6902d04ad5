import { parseExact } from '../../../rest-facade/json';
import { CUSTOMER_DATA_BASE_PATH } from '../../../rest-facade/customer-data/schemas';
import { expectValidResponse } from '../../openapi/expectValidResponse';
import type { System } from '../../support/system';

/**
 * Calls to the Customer Data APIs as a Client makes them. Every answer is checked against the
 * published OpenAPI document (status documented, body valid) before a test looks at it; bodies
 * are parsed with the exact parser, so decimals arrive as `JsonDecimal` tokens.
 */

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: Record<string, unknown>;
}

export const api = (path: string) => `${CUSTOMER_DATA_BASE_PATH}/${path}`;

export async function get(system: System, token: string | null, pathOrUrl: string): Promise<Answer> {
  const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${system.url}${pathOrUrl.startsWith('/') ? pathOrUrl : api(pathOrUrl)}`;
  const res = await fetch(url, token === null ? {} : { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  expectValidResponse('GET', url, res.status, text);
  return { status: res.status, headers: res.headers, text, body: text ? parseExact(text) as Record<string, unknown> : {} };
}

export interface Walk<T> {
  items: T[];
  pages: Answer[];
}

/** Follows `next` from the first page to the end (at most `maxPages`). */
export async function walk<T = Record<string, unknown>>(system: System, token: string, path: string, maxPages = 200): Promise<Walk<T>> {
  const pages: Answer[] = [];
  let next: string | null = path;
  while (next !== null) {
    if (pages.length >= maxPages) throw new Error(`more than ${maxPages} pages`);
    const page = await get(system, token, next);
    if (page.status !== 200) throw new Error(`${next}: HTTP ${page.status} ${page.text}`);
    pages.push(page);
    next = page.body.next as string | null;
  }
  const key = Object.keys(pages[0].body).find((k) => k !== 'next' && k !== 'previous')!;
  return { items: pages.flatMap((p) => p.body[key] as T[]), pages };
}

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startAllInOne, type RunningSystem } from '../../bin/allInOne';
import { loadConfig } from '../../lib/config';
import { createLogger } from '../../lib/logger';
import { freePort } from '../support/redis';
import { call } from './support/http';

/**
 * No dead links (cds-wg1-01 §8.1: what public metadata links to is public): on the whole system as
 * `npm start` runs it, every URL in the CDS Server Metadata and the Authorization Server Metadata —
 * including every Scope Description, field, Choice and Registration Field `documentation` — answers,
 * and every fragment names a section of its page.
 */

/** Members whose URL is an API or protocol endpoint: it must be served, not necessarily to a plain GET. */
const ENDPOINT = /(_endpoint|_api)$/;
/** Identifiers that happen to be URLs, not links. */
const IDENTIFIERS = new Set(['issuer']);

/** Every `[member, url]` under `base` in a JSON document, depth first. */
function urlsIn(value: unknown, base: string, key = ''): [string, string][] {
  if (typeof value === 'string') return value.startsWith(`${base}/`) || value === base ? [[key, value]] : [];
  if (Array.isArray(value)) return value.flatMap((v) => urlsIn(v, base, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => urlsIn(v, base, k));
  return [];
}

describe('every link in the public metadata resolves', () => {
  let system: RunningSystem;
  let base: string;
  const pages = new Map<string, string>();

  /** GET once per page; the body is kept for fragment checks. */
  async function page(url: string): Promise<{ status: number; type: string | null; text: string }> {
    const reply = await call('GET', url);
    if (reply.status === 200) pages.set(url, reply.text);
    return { status: reply.status, type: reply.headers.get('content-type'), text: reply.text };
  }

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const { config } = loadConfig({
      PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: base, DEMO_ACCOUNTS: '40', DEMO_SEED: 'links', DEMO_AS_OF: '2026-04-30',
      LOG_LEVEL: 'silent', RATE_LIMIT_ANONYMOUS: '100000', REDIS_URL: inject('redisUrl'), REDIS_KEY_PREFIX: `links-${randomUUID()}:`,
    });
    system = await startAllInOne(config, createLogger('silent'));
  });
  afterAll(() => system?.close());

  it('documents, pages and fragments answer 200; endpoints are served', async () => {
    const serverMetadata = (await call('GET', `${base}/.well-known/cds-server-metadata.json`)).json;
    const asm = (await call('GET', serverMetadata.oauth_metadata)).json;
    const links = [...urlsIn(serverMetadata, base), ...urlsIn(asm, base)].filter(([key]) => !IDENTIFIERS.has(key));
    // The documentation URLs of Scope Descriptions, fields, Choices and Registration Fields are all in there.
    const documentation = links.filter(([key]) => key === 'documentation').map(([, url]) => url);
    expect(documentation.filter((u) => u.includes('/docs/customer-data/')).length).toBeGreaterThan(50);
    expect(documentation).toContain(asm.cds_registration_fields.cds_purposes.documentation);

    const dead: string[] = [];
    const seen = new Set<string>();
    for (const [key, url] of links) {
      const [address, fragment] = url.split('#');
      if (!seen.has(address)) {
        seen.add(address);
        const reply = await page(address);
        const ok = ENDPOINT.test(key) ? reply.status !== 404 && reply.status < 500 : reply.status === 200;
        if (!ok) dead.push(`${key} ${address} → ${reply.status}`);
      }
      if (fragment !== undefined && pages.has(address) && !pages.get(address)!.includes(`id="${decodeURIComponent(fragment)}"`)) {
        dead.push(`${key} ${url}: no section #${fragment}`);
      }
    }
    expect(dead).toEqual([]);
  });

  it('the documentation pages link only to pages that answer', async () => {
    const html = [...pages].filter(([url]) => url.includes('/docs'));
    expect(html.length).toBeGreaterThan(5);
    const dead: string[] = [];
    for (const [from, text] of html) {
      for (const [, href] of text.matchAll(/href="([^"#]+)(?:#[^"]*)?"/g)) {
        const url = new URL(href.replace(/&amp;/g, '&'), from).toString();
        if (!url.startsWith(base) || pages.has(url)) continue;
        const reply = await page(url);
        // Pages answer 200; an API a page names (e.g. the Messages API) only has to exist.
        const ok = new URL(url).pathname.startsWith('/docs') ? reply.status === 200 : reply.status !== 404 && reply.status < 500;
        if (!ok) dead.push(`${from} → ${url}: ${reply.status}`);
      }
    }
    expect(dead).toEqual([]);
  });

  it('documents address matching with examples the matcher computes (cds-wg3-01 §7.1.13.1)', async () => {
    const fields = pages.get(`${base}/docs/customer-data/fields`) ?? (await page(`${base}/docs/customer-data/fields`)).text;
    const addresses = fields.slice(fields.indexOf('id="addresses"'));
    for (const needle of ['<td>st</td><td>street</td>', '<td>#</td><td>unit</td>', 'Separator: &quot;, &quot;',
      '123 north main street unit 234, anytown, ca, 94000', 'acme farm irrigation, 12 mi north on fm 5555 150 ft west into the field']) {
      expect(addresses, needle).toContain(needle);
    }
    const purposes = (await page(`${base}/docs/customer-data/purposes`)).text;
    expect(purposes).toContain('id="default-01"');
    expect(purposes).toContain('id="client-purposes"');
  });
});

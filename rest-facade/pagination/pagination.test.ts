import { createHmac, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../../lib/logger';
import { AccountsQuery, parseQuery } from '../customer-data/schemas';
import { errorHandler, HttpError } from '../errors';
import { JsonDecimal, parseExact, sendExactJson } from '../json';
import { MemoryStore, RedisStore, type Store } from '../store';
import { CursorCodec, keysetOrder, keysetWindow, Pagination, type KeysetValue } from '.';

interface Row {
  cds_account_id: string;
  cds_modified: string;
  account_number: string;
  balance: JsonDecimal;
}

/** 250 accounts, three at a time sharing a cds_modified so the id has to break ties. */
const rows: Row[] = Array.from({ length: 250 }, (_, i) => ({
  cds_account_id: `acct-${String(i).padStart(3, '0')}`,
  cds_modified: new Date(Date.UTC(2025, 0, 1) + Math.floor(i / 3) * 60_000).toISOString(),
  account_number: i % 2 === 0 ? `EVEN-${i}` : `ODD-${i}`,
  balance: new JsonDecimal(`${i}.10`),
}));
const keyOf = (r: Row): KeysetValue[] => [r.cds_modified, r.cds_account_id];
/** §10.1.10: cds_modified descending; the id makes the order total. */
const order = keysetOrder(['desc', 'asc']);
const inOrder = (list: Row[]) => [...list].sort((a, b) => order(keyOf(a), keyOf(b)));

function rejection(run: () => unknown): HttpError {
  try {
    run();
  } catch (err) {
    if (err instanceof HttpError) return err;
    throw err;
  }
  throw new Error('expected a 400');
}

describe.each([
  ['memory', () => new MemoryStore()],
  ['redis', () => new RedisStore(inject('redisUrl'), { keyPrefix: `pagination:${randomUUID()}:` })],
] as const)('the cursor secret in the %s store', (kind, make) => {
  const opened: Store[] = [];
  afterAll(() => Promise.all(opened.map((s) => s.close())));
  const open = (store: Store) => (opened.push(store), store);

  it('is created once and shared by every facade process on that store', async () => {
    const store = open(make());
    // Two processes starting together: for Redis a second connection with the same key prefix.
    const other = kind === 'memory' ? store : open(new RedisStore(inject('redisUrl'), { keyPrefix: (store as RedisStore).redis.options.keyPrefix }));
    const [a, b] = await Promise.all([CursorCodec.fromStore(store), CursorCodec.fromStore(other)]);
    const token = a.encode({ direction: 'next', position: ['2025-01-01T00:00:00.000Z', 'acct-1'] }, '/x?');
    expect(b.decode(token, '/x?')).toEqual({ direction: 'next', position: ['2025-01-01T00:00:00.000Z', 'acct-1'] });
    expect(await store.get('pagination:cursor-secret')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('differs between deployments, whose cursors do not cross', async () => {
    const here = await CursorCodec.fromStore(open(make()));
    const elsewhere = await CursorCodec.fromStore(open(make()));
    const token = here.encode({ direction: 'next', position: ['a'] }, '/x?');
    expect(rejection(() => elsewhere.decode(token, '/x?')).status).toBe(400);
  });
});

describe('cursors', () => {
  const secret = Buffer.alloc(32, 7);
  const codec = new CursorCodec(secret);
  const binding = '/cds-customerdata-api/v1/accounts?account_numbers=A';
  const token = codec.encode({ direction: 'previous', position: ['2025-01-01T00:00:00Z', 'acct-001', null, 3, true] }, binding);

  it('round-trip a position of strings, numbers, booleans and nulls', () => {
    expect(codec.decode(token, binding)).toEqual({ direction: 'previous', position: ['2025-01-01T00:00:00Z', 'acct-001', null, 3, true] });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
  });

  it('are a 400 after any single-character change', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ';
    fc.assert(
      fc.property(fc.nat(token.length - 1), fc.constantFrom(...alphabet), (at, c) => {
        fc.pre(token[at] !== c);
        const err = rejection(() => codec.decode(token.slice(0, at) + c + token.slice(at + 1), binding));
        expect([err.status, err.error]).toEqual([400, 'invalid_request']);
      }),
      { numRuns: 400 },
    );
  });

  it('are a 400 whatever else the client sends', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), (garbage) => {
        expect(rejection(() => codec.decode(garbage, binding)).status).toBe(400);
      }),
      { numRuns: 300 },
    );
    expect(rejection(() => codec.decode(`${token}${'A'.repeat(3000)}`, binding)).description).toMatch(/too long/);
  });

  it('are a 400 for another listing or other filters', () => {
    expect(rejection(() => codec.decode(token, '/cds-customerdata-api/v1/accounts?account_numbers=B')).description).toMatch(/other filters/);
    expect(rejection(() => codec.decode(token, '/cds-customerdata-api/v1/service-contracts?account_numbers=A')).status).toBe(400);
  });

  it('with a valid MAC over a malformed payload are a 400, not a 500', () => {
    // What only a holder of the secret could make: the codec's own checks must still stop it.
    const signed = (payload: string) => {
      const body = Buffer.from(payload).toString('base64url');
      return `${body}.${createHmac('sha256', secret).update(`cds-cursor.v1\n${binding}\n${body}`).digest('base64url')}`;
    };
    expect(codec.decode(signed('{"d":"n","p":["x"]}'), binding)).toEqual({ direction: 'next', position: ['x'] });
    for (const payload of ['not json', '{"d":"x","p":[]}', '{"d":"n","p":[{}]}', '{"d":"n","p":"a"}', '{"d":"n","p":[],"e":1}', `{"d":"n","p":[${'1,'.repeat(16)}1]}`]) {
      expect(rejection(() => codec.decode(signed(payload), binding)).description, payload).toMatch(/malformed/);
    }
  });

  it('need a secret of at least 32 bytes', () => {
    expect(() => new CursorCodec(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});

describe('pages and links', () => {
  const pagination = new Pagination(new CursorCodec(Buffer.alloc(32, 1)), 'https://cds.example.com/base/');
  const path = '/cds-customerdata-api/v1/accounts';

  /** One listing request over `list`, as the facade would run it. */
  function get(url: string, list: Row[] = rows) {
    const target = url.startsWith('https://cds.example.com/base') ? url.slice('https://cds.example.com/base'.length) : url;
    const pager = pagination.forRequest(target);
    return pager.page(keysetWindow(inOrder(list), pager, keyOf, order), keyOf);
  }

  it('walk forward and back through every row exactly once, keeping path and filters', () => {
    const pages = [get(`${path}?q=acct&account_numbers=A+B`)];
    while (pages[pages.length - 1].next) pages.push(get(pages[pages.length - 1].next!));
    expect(pages.map((p) => p.items.length)).toEqual([100, 100, 50]);
    expect(pages.flatMap((p) => p.items)).toEqual(inOrder(rows));
    expect(pages[0].previous).toBeNull();
    for (const link of pages.flatMap((p) => [p.next, p.previous]).filter((l): l is string => l !== null)) {
      const url = new URL(link);
      expect(url.origin + url.pathname).toBe(`https://cds.example.com/base${path}`);
      expect(url.searchParams.get('q')).toBe('acct');
      expect(url.searchParams.get('account_numbers')).toBe('A B');
      expect(url.searchParams.getAll('cursor')).toHaveLength(1);
    }
    const back = get(pages[2].previous!);
    expect(back.items).toEqual(pages[1].items);
    expect(back.next).not.toBeNull();
    const first = get(back.previous!);
    expect(first.items).toEqual(pages[0].items);
    expect(first.previous).toBeNull();
    expect(get(first.next!).items).toEqual(pages[1].items);
  });

  it('honour a smaller limit and carry it along', () => {
    const page = get(`${path}?limit=7`);
    expect(page.items).toEqual(inOrder(rows).slice(0, 7));
    expect(new URL(page.next!).searchParams.get('limit')).toBe('7');
    expect(get(page.next!).items).toEqual(inOrder(rows).slice(7, 14));
    // The page size is not part of the listing: a client may change it between pages.
    const bigger = new URL(page.next!);
    bigger.searchParams.set('limit', '20');
    expect(get(bigger.href).items).toEqual(inOrder(rows).slice(7, 27));
  });

  it('are keyset pages: rows added or removed elsewhere neither repeat nor skip rows', () => {
    const first = get(path);
    const newest: Row = { cds_account_id: 'acct-new', cds_modified: '2030-01-01T00:00:00.000Z', account_number: 'NEW', balance: new JsonDecimal('0') };
    const gone = first.items[5];
    const changed = [newest, ...rows.filter((r) => r !== gone)];
    const second = get(first.next!, changed);
    expect(second.items).toEqual(inOrder(rows).slice(100, 200));
  });

  it('end without links when everything fits on one page', () => {
    const page = get(`${path}?limit=100`, rows.slice(0, 100));
    expect([page.items.length, page.next, page.previous]).toEqual([100, null, null]);
    const empty = get(path, []);
    expect([empty.items, empty.next, empty.previous]).toEqual([[], null, null]);
  });

  it('accept filters in any order, and refuse a cursor moved to other filters', () => {
    const page = get(`${path}?q=1&account_numbers=A`);
    const cursor = new URL(page.next!).searchParams.get('cursor')!;
    expect(get(`${path}?account_numbers=A&cursor=${cursor}&q=1`).items).toHaveLength(100);
    expect(rejection(() => get(`${path}?account_numbers=B&q=1&cursor=${cursor}`)).status).toBe(400);
    expect(rejection(() => get(`${path}?q=1&cursor=${cursor}`)).status).toBe(400);
    expect(rejection(() => get(`/cds-customerdata-api/v1/meter-devices?q=1&account_numbers=A&cursor=${cursor}`)).status).toBe(400);
  });

  it.each([['0'], ['101'], ['ten'], ['-1'], ['']])('refuse limit=%j', (limit) => {
    expect(rejection(() => get(`${path}?limit=${limit}`)).description).toMatch(/limit/);
  });

  it('refuse a repeated cursor or limit', () => {
    const cursor = new URL(get(path).next!).searchParams.get('cursor')!;
    expect(rejection(() => get(`${path}?cursor=${cursor}&cursor=${cursor}`)).description).toMatch(/cursor is given more than once/);
    expect(rejection(() => get(`${path}?limit=1&limit=2`)).description).toMatch(/limit is given more than once/);
  });
});

describe('a listing endpoint over HTTP', () => {
  let server: Server;
  let base: string;
  const store = new MemoryStore();

  beforeAll(async () => {
    const app = express();
    app.set('query parser', 'simple');
    const pagination = new Pagination(await CursorCodec.fromStore(store), 'http://127.0.0.1');
    app.get('/cds-customerdata-api/v1/accounts', (req, res) => {
      const query = parseQuery(AccountsQuery, req.query);
      const pager = pagination.forRequest(req.originalUrl);
      const matching = rows.filter((r) => !query.q || r.account_number.toLowerCase().includes(query.q.toLowerCase()));
      const page = pager.page(keysetWindow(inOrder(matching), pager, keyOf, order), keyOf);
      sendExactJson(res, 200, { accounts: page.items, next: page.next, previous: page.previous });
    });
    app.use(errorHandler(createLogger('silent')));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await store.close();
  });

  /** Follows a link as a client would: same path and query on our server. */
  const follow = async (link: string) => {
    const url = new URL(link);
    const res = await fetch(`${base}${url.pathname}${url.search}`);
    return { status: res.status, body: parseExact(await res.text()) as Record<string, unknown> };
  };

  it('pages a filtered listing to the end with exact decimals', async () => {
    let page = await follow(`${base}/cds-customerdata-api/v1/accounts?q=even&limit=40`);
    const seen: Row[] = [];
    for (;;) {
      expect(page.status).toBe(200);
      seen.push(...(page.body.accounts as Row[]));
      if (page.body.next === null) break;
      page = await follow(page.body.next as string);
    }
    expect(seen.map((r) => r.cds_account_id)).toEqual(inOrder(rows.filter((r) => r.account_number.startsWith('EVEN'))).map((r) => r.cds_account_id));
    expect(seen.find((r) => r.cds_account_id === 'acct-010')?.balance).toEqual(new JsonDecimal('10.10'));
  });

  it('answers a forged or malformed cursor, a bad limit or filter with a 400 JSON error', async () => {
    const first = await follow(`${base}/cds-customerdata-api/v1/accounts?q=odd`);
    const next = new URL(first.body.next as string);
    const cursor = next.searchParams.get('cursor')!;
    const flipped = cursor.slice(0, 3) + (cursor[3] === 'A' ? 'B' : 'A') + cursor.slice(4);
    for (const target of [
      `/cds-customerdata-api/v1/accounts?q=odd&cursor=${flipped}`,
      `/cds-customerdata-api/v1/accounts?q=even&cursor=${cursor}`,
      '/cds-customerdata-api/v1/accounts?cursor=%00%ff',
      `/cds-customerdata-api/v1/accounts?q=odd&cursor=${cursor}&cursor=${cursor}`,
      '/cds-customerdata-api/v1/accounts?limit=1000',
      '/cds-customerdata-api/v1/accounts?account_statuses=open',
      '/cds-customerdata-api/v1/accounts?page=2',
    ]) {
      const res = await fetch(`${base}${target}`);
      expect(res.status, target).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body = await res.json();
      expect(body.error).toBe('invalid_request');
      expect(body.error_description).toEqual(expect.any(String));
    }
  });
});

import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { MemoryStore, RedisStore, type Store } from '../store';
import { credentialIsActive } from '../credentials';
import { grantAccess } from '../grants';
import { decodeCursor, encodeCursor, type Cursor, type Page } from './keyset';
import { createWg1Repositories } from './repositories';

const implementations: [string, () => Store][] = [
  ['memory', () => new MemoryStore()],
  ['redis', () => new RedisStore(inject('redisUrl'), { keyPrefix: `wg1-repos:${randomUUID()}:` })],
];

/** A clock the test moves by hand: many objects share one millisecond, as under load. */
function manualClock(start = Date.parse('2024-01-01T00:00:00Z')) {
  let now = start;
  const clock = () => now;
  clock.advance = (ms: number) => { now += ms; };
  return clock;
}

async function walk<T>(fetch: (c: Cursor | null) => Promise<Page<T>>, direction: 'next' | 'previous', start: Cursor | null) {
  const seen: T[][] = [];
  let cursor = start;
  for (let i = 0; i < 1000; i++) {
    const page = await fetch(cursor);
    seen.push(page.items);
    cursor = page[direction];
    if (!cursor) return seen;
  }
  throw new Error('pagination did not end');
}

describe.each(implementations)('cds-wg1 repositories over %s', (_name, make) => {
  const store = make();
  afterAll(() => store.close());

  it('walks a listing forwards and back, every object exactly once, newest first', async () => {
    const clock = manualClock();
    const repos = createWg1Repositories(store, clock);
    const rid = randomUUID();
    const created: string[] = [];
    for (let i = 0; i < 23; i++) {
      if (i % 4 === 0) clock.advance(1); // ties on `modified` are broken by id
      const g = await repos.grants.create({ registration_id: rid, client_id: 'c1', origin: 'server', scope: 'x' });
      created.push(g.grant_id);
    }
    const fetch = (c: Cursor | null) => repos.grants.list(rid, {}, c, 5);
    const forward = await walk(fetch, 'next', null);
    const ids = forward.flat().map((g) => g.grant_id);
    expect(new Set(ids).size).toBe(23);
    expect(ids.sort()).toEqual([...created].sort());
    const order = forward.flat().map((g) => `${g.modified}|${g.grant_id}`);
    expect(order).toEqual([...order].sort().reverse());
    expect(forward.map((p) => p.length)).toEqual([5, 5, 5, 5, 3]);

    // From the last page back to the first with `previous`.
    const last = await fetch(null).then(async (p) => {
      let page = p;
      while (page.next) page = await fetch(page.next);
      return page;
    });
    expect(last.next).toBeNull();
    const lastCursor = { dir: 'after' as const, key: `${forward[3][4].modified}|${forward[3][4].grant_id}` };
    const backward = await walk(fetch, 'previous', lastCursor);
    expect(backward.reverse().flat().map((g) => g.grant_id)).toEqual(forward.flat().map((g) => g.grant_id));
    expect((await fetch(null)).previous).toBeNull();
  });

  it('filters intersect and a modified object moves to the front', async () => {
    const clock = manualClock();
    const repos = createWg1Repositories(store, clock);
    const rid = randomUUID();
    const a = await repos.grants.create({ registration_id: rid, client_id: 'ca', origin: 'server', scope: 's1 s2' });
    clock.advance(5);
    const b = await repos.grants.create({ registration_id: rid, client_id: 'cb', origin: 'server', scope: 's2', authorization_details: [{ type: 's3' }] });
    clock.advance(5);
    await repos.grants.update(a, { status: 'closed' });
    const list = async (f: Parameters<typeof repos.grants.list>[1]) =>
      (await repos.grants.list(rid, f, null, 100)).items.map((g) => g.grant_id);
    expect(await list({})).toEqual([a.grant_id, b.grant_id]);
    expect(await list({ scopes: ['s3'] })).toEqual([b.grant_id]);
    expect(await list({ scopes: ['s2'], statuses: ['active'] })).toEqual([b.grant_id]);
    expect(await list({ client_ids: ['ca'] })).toEqual([a.grant_id]);
    expect(await list({ client_ids: ['ca'], statuses: ['active'] })).toEqual([]);
    // Another registration sees nothing.
    expect((await repos.grants.list(randomUUID(), {}, null, 100)).items).toEqual([]);
  });

  it('stores only a digest of secrets and verifies them', async () => {
    const clock = manualClock();
    const repos = createWg1Repositories(store, clock);
    const rid = randomUUID();
    const clientId = randomUUID().replace(/-/g, '').slice(0, 16);
    await repos.clients.collection.put({
      client_id: clientId, registration_id: rid, client_id_issued_at: 0, scope: 'cds_client_admin', redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic', grant_types: ['client_credentials'], response_types: [],
      client_name: null, contacts: [], authorization_details_types: [], cds_created: '2024-01-01T00:00:00.000Z',
      cds_modified: '2024-01-01T00:00:00.000Z', cds_status: 'production', cds_status_options: ['production'],
      default_redirect_uri: null, registration_fields: {}, production_of: null,
    });
    const { record, secret, ops } = repos.credentials.prepare({ registrationId: rid, clientId });
    await store.atomically(ops);
    expect(JSON.stringify(await repos.credentials.get(record.credential_id))).not.toContain(secret);
    expect((await repos.credentials.verifyClientSecret(clientId, secret))?.credential_id).toBe(record.credential_id);
    expect(await repos.credentials.verifyClientSecret(clientId, `${secret}x`)).toBeNull();
    expect(await repos.credentials.verifyClientSecret('0000000000000000', secret)).toBeNull();
    const nowSeconds = Math.floor(clock() / 1000);
    await repos.credentials.put({ ...record, client_secret_expires_at: nowSeconds }, record);
    expect(credentialIsActive({ ...record, client_secret_expires_at: nowSeconds }, nowSeconds)).toBe(false);
    expect(await repos.credentials.verifyClientSecret(clientId, secret)).toBeNull();
  });
});

describe('grant access and cursors', () => {
  it('a no-access status enables nothing (§8.1, A20) and not_after expires a Grant', () => {
    const repos = createWg1Repositories(new MemoryStore(), () => Date.parse('2024-01-01T00:00:00Z'));
    const g = repos.grants.build({ registration_id: 'r', client_id: 'c', origin: 'server', scope: 'a b', not_after: '2024-06-01T00:00:00Z' });
    expect(grantAccess(g, Date.parse('2024-02-01T00:00:00Z'))).toMatchObject({ status: 'active', enabled_scope: 'a b', hasAccess: true });
    expect(grantAccess(g, Date.parse('2024-06-01T00:00:00Z'))).toMatchObject({ status: 'expired', enabled_scope: '', hasAccess: false });
    expect(grantAccess({ ...g, status: 'closed' }, 0)).toMatchObject({ enabled_scope: '', enabled_authorization_details: [], hasAccess: false });
  });

  it('cursors round-trip and anything else is rejected', () => {
    fc.assert(fc.property(fc.constantFrom('after', 'before'), fc.string({ maxLength: 60 }), fc.boolean(), (dir, key, inclusive) => {
      const cursor: Cursor = { dir: dir as Cursor['dir'], key, inclusive };
      expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    }));
    for (const bad of ['', 'x', Buffer.from('[1,2,3]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url')]) {
      expect(decodeCursor(bad)).toBeNull();
    }
  });
});

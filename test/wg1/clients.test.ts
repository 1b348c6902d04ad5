import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defaultScopeSettings } from '../../rest-facade/scopes';
import { makeStore, startFacade, type RunningFacade, type StoreKind } from './support/facade';
import { codeScope } from './support/fixtures';
import { call } from './support/http';
import { admin, register, walkPages, type Registered } from './support/wg1';

const DOCS = 'https://docs.invalid';

/** Clients API (cds-wg1-02 §5) and the changelog it feeds (§5.3, A24). */
describe.each<StoreKind>(['memory', 'redis'])('Clients API (%s store)', (kind) => {
  let f: RunningFacade;
  let r: Registered;
  let code: any;
  beforeAll(async () => {
    f = await startFacade({
      store: makeStore(kind, inject('redisUrl')),
      config: { CDS_PAGE_SIZE: '2' },
      scopeSettings: { ...defaultScopeSettings, customScopes: [codeScope(DOCS, 'usage_a', 'cds_grant_admin_1'), codeScope(DOCS, 'usage_b', 'cds_grant_admin_1'), codeScope(DOCS, 'usage_c', 'cds_grant_admin_1')] },
    });
    r = await register(f, { scope: 'cds_client_admin cds_server_provided_files_01 usage_a usage_b', client_name: 'Clients test', contacts: ['ops@app.invalid'] });
    code = (await call('GET', `${f.url}/cds-api/v1/clients`, { bearer: r.token })).json.clients.find((c: any) => c.scope === 'usage_a usage_b');
    if (!code) code = (await walkPages(`${f.url}/cds-api/v1/clients`, 'clients', r.token)).pages.flat().find((c: any) => c.scope === 'usage_a usage_b');
  });
  afterAll(() => f.close());

  const get = (id: string) => call('GET', `${f.url}/cds-api/v1/clients/${id}`, { bearer: r.token });
  const put = (id: string, json: unknown) => call('PUT', `${f.url}/cds-api/v1/clients/${id}`, { bearer: r.token, json });
  const messages = async () => (await walkPages(`${f.url}/cds-api/v1/messages?segment=unread`, 'unread', r.token)).pages.flat();

  it('pages through every Client Object exactly once, newest first, forwards and back (§5.3)', async () => {
    const forward = await walkPages(`${f.url}/cds-api/v1/clients`, 'clients', r.token);
    const all = forward.pages.flat();
    expect(forward.pages.every((p) => p.length <= 2)).toBe(true);
    expect(new Set(all.map((c: any) => c.client_id)).size).toBe(4);
    expect(all).toHaveLength(4);
    const order = all.map((c: any) => `${c.cds_modified}`);
    expect(order).toEqual([...order].sort().reverse());
    const back = await walkPages(forward.last.previous, 'clients', r.token, 'previous');
    expect([...back.pages].reverse().flat().map((c: any) => c.client_id)).toEqual(all.slice(0, all.length - forward.pages.at(-1)!.length).map((c: any) => c.client_id));
  });

  it('filters by client_ids, keeping the filter in its links (§5.3)', async () => {
    const listing = await call('GET', `${f.url}/cds-api/v1/clients?client_ids=${encodeURIComponent(`${r.clientId} ${code.client_id} 0000000000000000`)}`, { bearer: r.token });
    const ids = (await walkPages(`${f.url}/cds-api/v1/clients?client_ids=${encodeURIComponent(`${r.clientId} ${code.client_id}`)}`, 'clients', r.token)).pages.flat().map((c: any) => c.client_id);
    expect(ids.sort()).toEqual([r.clientId, code.client_id].sort());
    expect(listing.json.clients.length).toBe(2);
    expect(listing.json.next).toBeNull();
  });

  it('PUT with the whole object changes updatable fields, resets omitted ones and logs the change (§5.5, A16)', async () => {
    const before = (await get(code.client_id)).json;
    const { client_name: _n, contacts: _c, ...rest } = before;
    const reply = await put(code.client_id, { ...rest, scope: 'usage_a', logo_uri: 'https://app.invalid/logo.png', redirect_uris: [...before.redirect_uris, 'https://app.invalid/cb'] });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json).toMatchObject({
      scope: 'usage_a', authorization_details_types: ['usage_a'], cds_default_scope: 'usage_a', logo_uri: 'https://app.invalid/logo.png',
      client_name: code.client_id, contacts: [], redirect_uris: [`${f.url}/oauth/default-redirect`, 'https://app.invalid/cb'],
    });
    expect(reply.json.cds_modified > before.cds_modified).toBe(true);
    expect((await get(code.client_id)).json).toEqual(reply.json);
    const log = (await messages()).find((m: any) => m.related_uri === code.cds_client_uri && m.type === 'private_message');
    expect(log).toMatchObject({ creator: null, status: 'complete', read: false, related_type: 'client' });
    expect(log.description).toMatch(/scope/);
    // Back to both scopes of the registration: no review needed.
    expect((await put(code.client_id, { ...reply.json, scope: 'usage_a usage_b', cds_default_scope: 'usage_a usage_b' })).status).toBe(200);
  });

  it('refuses invalid or server-owned changes with 400 and changes nothing (§5.5, A14, A15, A51)', async () => {
    const current = (await get(code.client_id)).json;
    const adminClient = (await get(r.clientId)).json;
    for (const [id, body] of [
      [code.client_id, { ...current, client_id: 'aaaaaaaaaaaaaaaa' }],
      [code.client_id, { ...current, grant_types: ['client_credentials'] }],
      [code.client_id, { ...current, cds_status_options: ['production'] }],
      [code.client_id, { ...current, cds_client_uri: `${f.url}/elsewhere` }],
      [code.client_id, { ...current, client_secret: 'x' }],
      [code.client_id, { ...current, client_secret_expires_at: 0 }],
      [code.client_id, { ...current, authorization_details_types: ['other'] }],
      [code.client_id, { ...current, cds_status: 'production' }],
      [code.client_id, { ...current, redirect_uris: ['not a url'] }],
      [code.client_id, { ...current, redirect_uris: ['https://app.invalid/cb#frag'] }],
      [code.client_id, { ...current, cds_default_redirect_uri: 'https://not-listed.invalid/' }],
      [code.client_id, { ...current, cds_default_scope: 'usage_c' }],
      [code.client_id, { ...current, scope: 'cds_client_admin' }],
      [code.client_id, { ...current, scope: 'unknown_scope' }],
      [code.client_id, { ...current, cds_default_authorization_details: [{ type: 'usage_c' }] }],
      [code.client_id, { ...current, invented_field: 1 }],
      [code.client_id, { ...current, client_name: 7 }],
      [r.clientId, { ...adminClient, cds_status: 'disabled' }],
      [r.clientId, { ...adminClient, redirect_uris: ['https://app.invalid/cb'] }],
    ] as const) {
      const reply = await put(id, body);
      expect(reply.status, JSON.stringify(body).slice(0, 200)).toBe(400);
      expect(reply.json.error).toBe('invalid_client_metadata');
    }
    expect((await call('PUT', `${f.url}/cds-api/v1/clients/${code.client_id}`, { bearer: r.token, raw: '{"scope":' })).status).toBe(400);
    expect((await get(code.client_id)).json).toEqual(current);
    expect((await get(r.clientId)).json).toEqual(adminClient);
  });

  it('redirect_uris [] or omitted means the Server default alone (A8)', async () => {
    const current = (await get(code.client_id)).json;
    const { redirect_uris: _r, cds_default_redirect_uri: _d, ...rest } = current;
    const reply = await put(code.client_id, { ...rest });
    expect(reply.json.redirect_uris).toEqual([`${f.url}/oauth/default-redirect`]);
    expect(reply.json.cds_default_redirect_uri).toBe(`${f.url}/oauth/default-redirect`);
    // Replacing the default entirely is allowed; the default redirect follows.
    const { redirect_uris: _r2, cds_default_redirect_uri: _d2, ...fresh } = reply.json;
    const custom = await put(code.client_id, { ...fresh, redirect_uris: ['https://app.invalid/only'] });
    expect(custom.json).toMatchObject({ redirect_uris: ['https://app.invalid/only'], cds_default_redirect_uri: 'https://app.invalid/only' });
  });

  it('a scope the registration never asked for waits for review: 202, field_changes, then applied (§5.5, A18)', async () => {
    const current = (await get(code.client_id)).json;
    const reply = await put(code.client_id, { ...current, scope: 'usage_a usage_b usage_c' });
    expect(reply.status).toBe(202);
    expect(reply.json.scope).toBe(current.scope);
    const review = (await call('GET', `${f.url}/cds-api/v1/messages`, { bearer: r.token })).json.outstanding.find((m: any) => m.type === 'field_changes');
    expect(review).toMatchObject({
      creator: null, status: 'pending', related_type: 'client', related_uri: code.cds_client_uri,
      updates_requested: [{ field: 'scope', previous_value: current.scope, new_value: 'usage_a usage_b usage_c' }],
    });
    expect((await admin(f, 'POST', `/messages/${review.message_id}/resolve`, { status: 'complete' })).status).toBe(200);
    expect((await get(code.client_id)).json.scope).toBe('usage_a usage_b usage_c');
    expect((await call('GET', review.uri, { bearer: r.token })).json.status).toBe('complete');
  });

  it('disabling a Client expires its Credentials at once: secrets and tokens stop (§5.2, §7.1)', async () => {
    const credentials = (await call('GET', `${f.url}/cds-api/v1/credentials?client_ids=${code.client_id}`, { bearer: r.token })).json.credentials;
    expect(credentials.length).toBeGreaterThan(0);
    const current = (await get(code.client_id)).json;
    const started = Math.floor(Date.now() / 1000);
    const reply = await put(code.client_id, { ...current, cds_status: 'disabled' });
    expect(reply.status).toBe(200);
    expect(reply.json.cds_status).toBe('disabled');
    const after = (await call('GET', `${f.url}/cds-api/v1/credentials?client_ids=${code.client_id}`, { bearer: r.token })).json.credentials;
    for (const c of after) {
      expect(c.client_secret_expires_at).toBeGreaterThanOrEqual(started);
      expect(c.client_secret_expires_at).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    }
    const log = (await messages()).filter((m: any) => m.related_type === 'credential');
    expect(log.length).toBeGreaterThanOrEqual(after.length);
  });

  it('answers unknown, malformed and unauthenticated requests without a 500', async () => {
    expect((await get('0000000000000000')).status).toBe(404);
    expect((await get('not-an-id')).status).toBe(404);
    expect((await call('GET', `${f.url}/cds-api/v1/clients`)).status).toBe(401);
    expect((await call('GET', `${f.url}/cds-api/v1/clients`, { bearer: 'garbage' })).status).toBe(401);
    expect((await call('GET', `${f.url}/cds-api/v1/clients?access_token=${r.token}`)).status).toBe(401);
    expect((await call('GET', `${f.url}/cds-api/v1/clients?cursor=xyz`, { bearer: r.token })).status).toBe(400);
    expect((await call('PUT', `${f.url}/cds-api/v1/clients/${code.client_id}`, { bearer: r.token, raw: '[1,2]' })).status).toBe(400);
  });
});

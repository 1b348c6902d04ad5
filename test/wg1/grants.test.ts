import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { grantObjectSchema } from '../../rest-facade/grants';
import { defaultScopeSettings } from '../../rest-facade/scopes';
import { makeStore, startFacade, type RunningFacade, type StoreKind } from './support/facade';
import { codeScope } from './support/fixtures';
import { call } from './support/http';
import { admin, register, walkPages, type Registered } from './support/wg1';

/** Grants API (cds-wg1-02 §8). */
describe.each<StoreKind>(['memory', 'redis'])('Grants API (%s store)', (kind) => {
  let f: RunningFacade;
  let r: Registered;
  let usage: any;
  let files: any;
  const api = () => `${f.url}/cds-api/v1/grants`;
  const serverGrant = async (client: any, scope: string, authorization_details: unknown[] = []) => {
    const reply = await admin(f, 'POST', '/grants', { client_id: client.client_id, scope, authorization_details });
    expect(reply.status, reply.text).toBe(201);
    return reply.json;
  };
  beforeAll(async () => {
    f = await startFacade({
      store: makeStore(kind, inject('redisUrl')), config: { CDS_PAGE_SIZE: '2' },
      scopeSettings: { ...defaultScopeSettings, customScopes: [codeScope('https://docs.invalid', 'usage_a', 'cds_grant_admin_1'), codeScope('https://docs.invalid', 'usage_b', 'cds_grant_admin_1')] },
    });
    r = await register(f, { scope: 'cds_client_admin cds_server_provided_files_01 usage_a usage_b' });
    const clients = (await walkPages(`${f.url}/cds-api/v1/clients`, 'clients', r.token)).pages.flat();
    usage = clients.find((c: any) => c.scope === 'usage_a usage_b');
    files = clients.find((c: any) => c.scope === 'cds_server_provided_files_01');
  });
  afterAll(() => f.close());

  it('lists every Grant once, newest first, with every filter intersecting (§8.5)', async () => {
    const a = await serverGrant(usage, 'usage_a');
    const b = await serverGrant(usage, 'usage_b', [{ type: 'usage_b' }]);
    const c = await serverGrant(files, 'cds_server_provided_files_01', [{ type: 'cds_server_provided_files_01', file_id: 'abc' }]);
    await admin(f, 'POST', `/grants/${c.grant_id}/status`, { status: 'suspended', reason: 'maintenance' });
    const all = (await walkPages(api(), 'grants', r.token)).pages.flat();
    for (const g of all) grantObjectSchema.parse(g);
    expect(new Set(all.map((g: any) => g.grant_id)).size).toBe(all.length);
    expect(all.map((g: any) => g.modified)).toEqual(all.map((g: any) => g.modified).sort().reverse());
    const ids = async (query: string) => (await walkPages(`${api()}?${query}`, 'grants', r.token)).pages.flat().map((g: any) => g.grant_id).sort();
    expect(await ids(`client_ids=${usage.client_id}`)).toEqual([a.grant_id, b.grant_id].sort());
    expect(await ids('scopes=usage_b')).toEqual([b.grant_id]);
    expect(await ids('scopes=cds_server_provided_files_01')).toEqual([c.grant_id]);
    expect(await ids(`statuses=suspended`)).toEqual([c.grant_id]);
    expect(await ids(`statuses=active&client_ids=${files.client_id}`)).toEqual([]);
    expect(await ids(`grant_ids=${encodeURIComponent(`${a.grant_id} ${c.grant_id}`)}&statuses=active`)).toEqual([a.grant_id]);
    expect(await ids(`after=${encodeURIComponent(b.created)}&client_ids=${usage.client_id}`)).toEqual([b.grant_id]);
    expect(await ids(`before=${encodeURIComponent(a.created)}&client_ids=${usage.client_id}`)).toEqual([a.grant_id]);
    expect(await ids('parents=0000000000000000')).toEqual([]);
    expect(await ids('states=s1')).toEqual([]);
    expect(await ids('receipt_confirmations=R1')).toEqual([]);
    const suspended = (await call('GET', c.uri, { bearer: r.token })).json;
    expect(suspended).toMatchObject({ status: 'suspended', enabled_scope: '', enabled_authorization_details: [] });
    for (const bad of ['statuses=bogus', 'after=tomorrow', 'before=1', 'cursor=zzz']) {
      expect((await call('GET', `${api()}?${bad}`, { bearer: r.token })).status, bad).toBe(400);
    }
  });

  it('PATCH: only closed is accepted as a status; closing removes access (§8.7, A20)', async () => {
    const g = await serverGrant(usage, 'usage_a');
    for (const status of ['active', 'revoked', 'bogus']) {
      const reply = await call('PATCH', g.uri, { bearer: r.token, json: { status } });
      expect(reply.status, status).toBe(400);
    }
    expect((await call('GET', g.uri, { bearer: r.token })).json).toEqual(g);
    const closed = await call('PATCH', g.uri, { bearer: r.token, json: { status: 'closed', grant_id: 'ffffffffffffffff', client_id: 'x' } });
    expect(closed.status).toBe(200);
    expect(closed.json).toMatchObject({ status: 'closed', enabled_scope: '', enabled_authorization_details: [], grant_id: g.grant_id, client_id: usage.client_id });
    expect(closed.json.modified > g.modified).toBe(true);
    expect((await call('PATCH', g.uri, { bearer: r.token, json: { scope: 'usage_a usage_b' } })).status).toBe(400);
  });

  it('PATCH: a narrower scope applies at once; a wider Server-created Grant waits for review (202) (§8.7)', async () => {
    const g = await serverGrant(usage, 'usage_a usage_b', [{ type: 'usage_a' }, { type: 'usage_b' }]);
    const narrower = await call('PATCH', g.uri, { bearer: r.token, json: { scope: 'usage_a', authorization_details: [{ type: 'usage_a' }] } });
    expect(narrower.status).toBe(200);
    expect(narrower.json).toMatchObject({ status: 'active', scope: 'usage_a', enabled_scope: 'usage_a', enabled_authorization_details: [{ type: 'usage_a' }] });
    const wider = await call('PATCH', g.uri, { bearer: r.token, json: { scope: 'usage_a usage_b' } });
    expect(wider.status).toBe(202);
    expect(wider.json).toMatchObject({ status: 'pending', scope: 'usage_a usage_b', enabled_scope: 'usage_a', eta: expect.any(String) });
    const review = (await call('GET', `${f.url}/cds-api/v1/messages?segment=outstanding`, { bearer: r.token })).json.outstanding
      .find((m: any) => m.type === 'field_changes' && m.related_uri === g.uri);
    expect(review).toMatchObject({ related_type: 'grant', status: 'pending' });
    await admin(f, 'POST', `/messages/${review.message_id}/resolve`, { status: 'complete' });
    expect((await call('GET', g.uri, { bearer: r.token })).json).toMatchObject({ status: 'active', enabled_scope: 'usage_a usage_b', eta: null });
  });

  it('PATCH refuses values the Grant\'s Client cannot hold, and changes nothing (§8.7)', async () => {
    const g = await serverGrant(usage, 'usage_a');
    for (const body of [
      { scope: 'cds_client_admin' }, { scope: 'usage_a nope' }, { authorization_details: [{ type: 'cds_grant_admin_1' }] },
      { authorization_details: 'usage_a' }, { scope: 5 }, { scope: '' },
    ]) {
      expect((await call('PATCH', g.uri, { bearer: r.token, json: body })).status, JSON.stringify(body)).toBe(400);
    }
    expect((await call('PATCH', g.uri, { bearer: r.token, raw: 'not json' })).status).toBe(400);
    expect((await call('GET', g.uri, { bearer: r.token })).json).toEqual(g);
  });
});

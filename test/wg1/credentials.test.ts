import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { credentialObjectSchema } from '../../rest-facade/credentials';
import { defaultScopeSettings } from '../../rest-facade/scopes';
import { makeStore, startFacade, type RunningFacade, type StoreKind } from './support/facade';
import { codeScope } from './support/fixtures';
import { call } from './support/http';
import { clientAdminToken, register, walkPages, type Registered } from './support/wg1';

/** Credentials API (cds-wg1-02 §7). */
describe.each<StoreKind>(['memory', 'redis'])('Credentials API (%s store)', (kind) => {
  let f: RunningFacade;
  let r: Registered;
  let clients: any[];
  const api = () => `${f.url}/cds-api/v1/credentials`;
  beforeAll(async () => {
    f = await startFacade({
      store: makeStore(kind, inject('redisUrl')), config: { CDS_PAGE_SIZE: '2' },
      scopeSettings: { ...defaultScopeSettings, customScopes: [codeScope('https://docs.invalid', 'usage_a', 'cds_grant_admin_1')] },
    });
    r = await register(f, { scope: 'cds_client_admin cds_server_provided_files_01 usage_a' });
    clients = (await walkPages(`${f.url}/cds-api/v1/clients`, 'clients', r.token)).pages.flat();
  });
  afterAll(() => f.close());
  const client = (scope: string) => clients.find((c) => c.scope === scope);

  it('creates a Credential whose new secret works, shown once, and logs it (§7.5)', async () => {
    const reply = await call('POST', api(), { bearer: r.token, json: { client_id: r.clientId } });
    expect(reply.status).toBe(201);
    credentialObjectSchema.parse(reply.json);
    expect(reply.json).toMatchObject({ client_id: r.clientId, type: 'client_secret', client_secret_expires_at: 0 });
    expect((await clientAdminToken(f, r.clientId, reply.json.client_secret)).status).toBe(200);
    expect((await call('GET', reply.json.uri, { bearer: r.token })).json.client_secret).toBe(`********${reply.json.client_secret.slice(-4)}`);
    const unread = (await call('GET', `${f.url}/cds-api/v1/messages?segment=unread`, { bearer: r.token })).json.unread;
    expect(unread.find((m: any) => m.related_uri === reply.json.uri)).toMatchObject({ type: 'private_message', related_type: 'credential', creator: null });
  });

  it('refuses a Credential for a missing, unknown, secret-less or foreign Client (§7.5, A12)', async () => {
    const other = await register(f, { scope: 'cds_client_admin' });
    for (const body of [{}, { client_id: '0000000000000000' }, { client_id: client('cds_server_provided_files_01').client_id }, { client_id: other.clientId }, { client_id: 7 }]) {
      const reply = await call('POST', api(), { bearer: r.token, json: body });
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.json.error).toBe('invalid_request');
    }
    expect((await call('POST', api(), { bearer: r.token, raw: '{"client_id": "x",}' })).status).toBe(400);
  });

  it('filters by credential_ids, client_ids, after and before, and pages (§7.3)', async () => {
    const all = (await walkPages(api(), 'credentials', r.token)).pages.flat();
    expect(new Set(all.map((c: any) => c.credential_id)).size).toBe(all.length);
    const order = all.map((c: any) => c.modified);
    expect(order).toEqual([...order].sort().reverse());
    const mine = (await walkPages(`${api()}?client_ids=${r.clientId}`, 'credentials', r.token)).pages.flat();
    expect(mine.every((c: any) => c.client_id === r.clientId)).toBe(true);
    expect(mine.length).toBe(2);
    const one = await call('GET', `${api()}?credential_ids=${all[0].credential_id}`, { bearer: r.token });
    expect(one.json.credentials.map((c: any) => c.credential_id)).toEqual([all[0].credential_id]);
    const newest = all.reduce((a: any, b: any) => (a.created > b.created ? a : b));
    const after = (await walkPages(`${api()}?after=${encodeURIComponent(newest.created)}`, 'credentials', r.token)).pages.flat();
    expect(after.map((c: any) => c.credential_id)).toContain(newest.credential_id);
    expect(after.every((c: any) => c.created >= newest.created)).toBe(true);
    const before = (await walkPages(`${api()}?before=2000-01-01T00:00:00Z`, 'credentials', r.token)).pages.flat();
    expect(before).toEqual([]);
    expect((await call('GET', `${api()}?after=yesterday`, { bearer: r.token })).status).toBe(400);
    expect((await call('GET', `${api()}?before=2024-01-01`, { bearer: r.token })).status).toBe(400);
  });

  it('PATCH only moves the expiry sooner, ignores other fields, and refuses anything else (§7.6, A19)', async () => {
    const created = (await call('POST', api(), { bearer: r.token, json: { client_id: client('usage_a').client_id } })).json;
    const patch = (json: unknown) => call('PATCH', created.uri, { bearer: r.token, json });
    const now = Math.floor(Date.now() / 1000);
    expect((await patch({ client_secret_expires_at: 'soon' })).status).toBe(400);
    expect((await patch({ client_secret_expires_at: 1.5 })).status).toBe(400);
    expect((await patch({ client_secret_expires_at: now - 3600 })).status).toBe(400);
    const later = await patch({ client_secret_expires_at: now + 7200, client_secret: 'mine', client_id: r.clientId });
    expect(later.status).toBe(200);
    expect(later.json).toMatchObject({ client_secret_expires_at: now + 7200, client_id: created.client_id });
    expect(later.json.modified > created.modified).toBe(true);
    expect((await patch({ client_secret_expires_at: now + 9000 })).status).toBe(400); // later than the current expiry
    expect((await patch({ client_secret_expires_at: 0 })).status).toBe(400); // "never" is later too
    expect((await patch({})).json).toEqual(later.json);
    expect((await call('GET', created.uri, { bearer: r.token })).json).toEqual(later.json);
  });

  it('an expiry of now is a compromise: the secret and its tokens stop at once (§7.6)', async () => {
    const created = (await call('POST', api(), { bearer: r.token, json: { client_id: r.clientId } })).json;
    const token = (await clientAdminToken(f, r.clientId, created.client_secret)).json.access_token;
    expect((await call('GET', `${f.url}/cds-api/v1/clients`, { bearer: token })).status).toBe(200);
    const reply = await call('PATCH', created.uri, { bearer: r.token, json: { client_secret_expires_at: Math.floor(Date.now() / 1000) } });
    expect(reply.status).toBe(200);
    expect((await clientAdminToken(f, r.clientId, created.client_secret)).status).toBe(401);
    expect((await call('GET', `${f.url}/cds-api/v1/clients`, { bearer: token })).status).toBe(401);
    // The registration's own token, from another Credential, still works.
    expect((await call('GET', `${f.url}/cds-api/v1/clients`, { bearer: r.token })).status).toBe(200);
  });
});

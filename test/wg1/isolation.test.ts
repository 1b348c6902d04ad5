import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defaultScopeSettings } from '../../rest-facade/scopes';
import { makeStore, startFacade, type RunningFacade, type StoreKind } from './support/facade';
import { codeScope } from './support/fixtures';
import { call } from './support/http';
import { admin, register, walkPages, type Registered } from './support/wg1';

/** Everything one registration can see of the APIs, for before/after comparisons. */
async function everything(f: RunningFacade, r: Registered) {
  const list = async (path: string, key: string) => (await walkPages(`${f.url}/cds-api/v1/${path}`, key, r.token)).pages.flat();
  return {
    clients: await list('clients', 'clients'),
    credentials: (await list('credentials', 'credentials')).map(({ client_secret: _s, ...c }: any) => c),
    grants: await list('grants', 'grants'),
    messages: await list('messages?segment=read', 'read').then(async (read) => [...read, ...await list('messages?segment=unread', 'unread')]),
  };
}

/** A token of one registration never sees or changes another registration's objects (§5.3 ff., inf). */
describe.each<StoreKind>(['memory', 'redis'])('isolation between registrations (%s store)', (kind) => {
  let f: RunningFacade;
  let a: Registered;
  let b: Registered;
  let bView: Awaited<ReturnType<typeof everything>>;
  beforeAll(async () => {
    f = await startFacade({
      store: makeStore(kind, inject('redisUrl')), config: { CDS_PAGE_SIZE: '3' },
      scopeSettings: { ...defaultScopeSettings, customScopes: [codeScope('https://docs.invalid', 'usage_a', 'cds_grant_admin_1')] },
    });
    a = await register(f, { scope: 'cds_client_admin cds_server_provided_files_01 usage_a' });
    b = await register(f, { scope: 'cds_client_admin cds_server_provided_files_01 usage_a' });
    const bClients = (await walkPages(`${f.url}/cds-api/v1/clients`, 'clients', b.token)).pages.flat();
    await admin(f, 'POST', '/grants', { client_id: bClients.find((c: any) => c.scope === 'usage_a').client_id, scope: 'usage_a' });
    await call('POST', `${f.url}/cds-api/v1/messages`, { bearer: b.token, json: { type: 'support_request', name: 'B', description: 'B' } });
    bView = await everything(f, b);
  });
  afterAll(() => f.close());

  it('listings show only the token\'s registration, even when filtering by the other\'s ids', async () => {
    const aView = await everything(f, a);
    const bIds = new Set([...bView.clients.map((c: any) => c.client_id), ...bView.credentials.map((c: any) => c.credential_id), ...bView.grants.map((g: any) => g.grant_id), ...bView.messages.map((m: any) => m.message_id)]);
    for (const item of [...aView.clients, ...aView.credentials, ...aView.grants, ...aView.messages]) {
      expect(bIds.has(item.client_id ?? item.credential_id ?? item.grant_id ?? item.message_id)).toBe(false);
    }
    const bClient = bView.clients[0].client_id;
    for (const [path, key] of [
      [`clients?client_ids=${bClient}`, 'clients'], [`credentials?client_ids=${bClient}`, 'credentials'],
      [`grants?client_ids=${bClient}`, 'grants'], [`grants?grant_ids=${bView.grants[0].grant_id}`, 'grants'],
      [`credentials?credential_ids=${bView.credentials[0].credential_id}`, 'credentials'],
      [`messages?message_ids=${bView.messages[0].message_id}`, 'read'],
    ]) {
      expect((await call('GET', `${f.url}/cds-api/v1/${path}`, { bearer: a.token })).json[key], path).toEqual([]);
    }
  });

  it('another registration\'s objects are 404 to read or change, and unusable as references', async () => {
    const [client] = bView.clients;
    const [credential] = bView.credentials;
    const [grant] = bView.grants;
    const [message] = bView.messages;
    const as = (method: string, url: string, json?: unknown) => call(method, url, { bearer: a.token, ...(json !== undefined && { json }) });
    expect((await as('GET', client.cds_client_uri)).status).toBe(404);
    expect((await as('PUT', client.cds_client_uri, { ...client, client_name: 'taken over' })).status).toBe(404);
    expect((await as('GET', client.cds_server_metadata)).status).toBe(404);
    expect((await as('GET', credential.uri)).status).toBe(404);
    expect((await as('PATCH', credential.uri, { client_secret_expires_at: Math.floor(Date.now() / 1000) })).status).toBe(404);
    expect((await as('POST', `${f.url}/cds-api/v1/credentials`, { client_id: client.client_id })).status).toBe(400);
    expect((await as('GET', grant.uri)).status).toBe(404);
    expect((await as('PATCH', grant.uri, { status: 'closed' })).status).toBe(404);
    expect((await as('GET', message.uri)).status).toBe(404);
    expect((await as('PATCH', message.uri, { read: true })).status).toBe(404);
    expect((await as('POST', `${f.url}/cds-api/v1/messages`, { type: 'private_message', name: 'x', description: 'y', previous_uri: message.uri })).status).toBe(400);
    const sandbox = bView.clients.find((c: any) => c.scope === 'usage_a');
    expect((await as('POST', `${f.url}/cds-api/v1/messages`, { type: 'production_request', name: 'x', description: 'y', related_uri: sandbox.cds_client_uri })).status).toBe(400);
    // Nothing of B changed.
    expect(await everything(f, b)).toEqual(bView);
  });
});

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defaultScopeSettings } from '../../rest-facade/scopes';
import { makeStore, startFacade, type RunningFacade, type StoreKind } from './support/facade';
import { codeScope } from './support/fixtures';
import { call } from './support/http';
import { admin, register, walkPages, type Registered } from './support/wg1';

/** Server-Provided Files API (cds-wg1-02 §9, A3): Grant Admin tokens for files Grants only. */
describe.each<StoreKind>(['memory', 'redis'])('Server-Provided Files API (%s store)', (kind) => {
  let f: RunningFacade;
  let r: Registered;
  let filesClient: any;
  let usageClient: any;
  let grantAdmin: { id: string; secret: string };
  const api = () => `${f.url}/cds-api/v1/server-provided-files`;
  const upload = async (name: string, text: string) => (await admin(f, 'POST', '/files', { name, mime_type: 'text/plain', data: Buffer.from(text).toString('base64') })).json;
  const grantAdminToken = async (clientId: string, grantId: string) => call('POST', `${f.url}/oauth/token`, {
    basic: [grantAdmin.id, grantAdmin.secret],
    form: { grant_type: 'client_credentials', authorization_details: JSON.stringify([{ type: 'cds_grant_admin_1', client_id: clientId, grant_id: grantId }]) },
  });

  beforeAll(async () => {
    f = await startFacade({
      store: makeStore(kind, inject('redisUrl')), config: { CDS_PAGE_SIZE: '2' },
      scopeSettings: { ...defaultScopeSettings, customScopes: [codeScope('https://docs.invalid', 'usage_a', 'cds_grant_admin_1')] },
    });
    r = await register(f, { scope: 'cds_client_admin cds_server_provided_files_01 usage_a' });
    const clients = (await walkPages(`${f.url}/cds-api/v1/clients`, 'clients', r.token)).pages.flat();
    filesClient = clients.find((c: any) => c.scope === 'cds_server_provided_files_01');
    usageClient = clients.find((c: any) => c.scope === 'usage_a');
    const ga = clients.find((c: any) => c.scope === 'cds_grant_admin_1');
    const credential = (await call('GET', `${f.url}/cds-api/v1/credentials?client_ids=${ga.client_id}`, { bearer: r.token })).json.credentials[0];
    grantAdmin = { id: ga.client_id, secret: credential.client_secret };
  });
  afterAll(() => f.close());

  it('lists, filters, pages and downloads exactly the files of the token\'s Grant', async () => {
    const shared = [await upload('one.txt', 'one'), await upload('two.txt', 'two'), await upload('three.txt', 'three')];
    const hidden = await upload('hidden.txt', 'not yours');
    let grantId = '';
    for (const file of shared) grantId = (await admin(f, 'POST', `/files/${file.file_id}/share`, { client_id: filesClient.client_id })).json.grant_id;
    const token = await grantAdminToken(filesClient.client_id, grantId);
    expect(token.status, token.text).toBe(200);
    const bearer = token.json.access_token;
    const listed = (await walkPages(api(), 'files', bearer)).pages;
    expect(listed.map((p) => p.length)).toEqual([2, 1]);
    expect(listed.flat().map((x: any) => x.file_id).sort()).toEqual(shared.map((x) => x.file_id).sort());
    const filtered = await call('GET', `${api()}?file_ids=${encodeURIComponent(`${shared[0].file_id} ${hidden.file_id}`)}`, { bearer });
    expect(filtered.json.files.map((x: any) => x.file_id)).toEqual([shared[0].file_id]);
    const download = await call('GET', shared[1].download_uri, { bearer });
    expect(download.text).toBe('two');
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="two.txt"');
    for (const url of [hidden.uri, hidden.download_uri, `${api()}/0000000000000000`, `${api()}/not-an-id`]) {
      expect((await call('GET', url, { bearer })).status, url).toBe(404);
    }
    // Closing the Grant ends the token and refuses new ones (§8.2).
    expect((await call('PATCH', `${f.url}/cds-api/v1/grants/${grantId}`, { bearer: r.token, json: { status: 'closed' } })).status).toBe(200);
    expect((await call('GET', api(), { bearer })).status).toBe(401);
    expect((await grantAdminToken(filesClient.client_id, grantId)).status).toBe(400);
  });

  it('refuses requests without a Grant Admin token for a files Grant (§9, A3)', async () => {
    expect((await call('GET', api())).status).toBe(401);
    expect((await call('GET', api(), { bearer: r.token })).status).toBe(403);
    const usageGrant = (await admin(f, 'POST', '/grants', { client_id: usageClient.client_id, scope: 'usage_a' })).json;
    const token = await grantAdminToken(usageClient.client_id, usageGrant.grant_id);
    expect(token.status, token.text).toBe(200);
    expect((await call('GET', api(), { bearer: token.json.access_token })).status).toBe(403);
  });
});

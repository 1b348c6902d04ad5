import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { clientListingSchema, clientObjectSchema } from '../../rest-facade/clients';
import { credentialListingSchema, credentialObjectSchema } from '../../rest-facade/credentials';
import { fileListingSchema, fileObjectSchema } from '../../rest-facade/files';
import { grantListingSchema, grantObjectSchema } from '../../rest-facade/grants';
import { messageListingSchema, messageObjectSchema } from '../../rest-facade/messages';
import { ADMIN_API_TOKEN, makeStore, startFacade, type RunningFacade, type StoreKind } from './support/facade';
import { httpExample, repairedJson, shapeDifferences, type HttpExample } from './support/examples';
import { section12Scopes } from './support/fixtures';
import { call, type Reply } from './support/http';

const SPEC = 'cds-wg1-02-client-registration.md';

/**
 * Every JSON example of cds-wg1-02 §12, replayed in order against one registration: the request is
 * the example's (A42 repaired, A40/A41 corrected, example ids and host mapped to ours) and our
 * response has the example's status, the example's field set with the same JSON types, and passes
 * our own schema. Read from the spec file, not copied.
 */
describe.each<StoreKind>(['memory', 'redis'])('cds-wg1-02 §12 examples (%s store)', (kind) => {
  let f: RunningFacade;
  /** Example id → our id, filled as the replay creates the objects. */
  const ids = new Map<string, string>();
  let adminToken = '';
  let grantAdminToken = '';

  const mapped = (text: string) => {
    let out = text.replace(/https:\/\/example\.com(?=\/)/g, f.url);
    for (const [theirs, ours] of ids) out = out.split(theirs).join(ours);
    return out;
  };

  /** Sends the example's request (mapped) with the given credentials. */
  async function replay(example: HttpExample, auth: { bearer?: string; basic?: [string, string] }, body?: string): Promise<Reply> {
    const raw = body ?? (example.request.body ? JSON.stringify(repairedJson(mapped(example.request.body))) : undefined);
    return call(example.request.method, `${f.url}${mapped(example.request.path)}`, { ...auth, ...(raw !== undefined && { raw }) });
  }

  function expectShape(example: HttpExample, reply: Reply, exampleBody = repairedJson(example.response.body)) {
    expect(reply.status, reply.text).toBe(example.response.status);
    expect(shapeDifferences(exampleBody, reply.json)).toEqual([]);
    return exampleBody;
  }

  beforeAll(async () => {
    f = await startFacade({
      store: makeStore(kind, inject('redisUrl')),
      scopeSettings: section12Scopes('https://docs.invalid'),
      // §12.8 shows the Server's own production review: production mode.
      config: { CDS_MODE: 'production' },
    });
  });
  afterAll(() => f.close());

  it('12.1 CDS Server Metadata', async () => {
    const ex = httpExample(SPEC, '12.1');
    const reply = await replay(ex, {});
    expectShape(ex, reply);
    expect(reply.json.capabilities).toEqual(expect.arrayContaining(['coverage', 'oauth']));
    expect(reply.json.oauth_metadata).toBe(`${f.url}/.well-known/oauth-authorization-server`);
  });

  it('12.2 Authorization Server Metadata', async () => {
    const ex = httpExample(SPEC, '12.2');
    const reply = await replay(ex, {});
    const example = expectShape(ex, reply);
    for (const id of ['cds_client_admin', 'cds_grant_admin_1', 'cds_server_provided_files_01']) {
      const { documentation: _d, authorization_details_fields_supported: theirs, ...mandated } = example.cds_scope_descriptions[id];
      const ours = reply.json.cds_scope_descriptions[id];
      expect(ours).toMatchObject(mandated);
      expect(ours.authorization_details_fields_supported.map(({ documentation: _x, ...f2 }: any) => f2))
        .toEqual(theirs.map(({ documentation: _x, ...f2 }: any) => f2));
    }
    expect(reply.json.cds_registration_fields.company_name).toMatchObject({ ...example.cds_registration_fields.company_name, documentation: expect.any(String) });
  });

  it('12.3 registration → 201 with the cds_client_admin Client Object and its secret (A4)', async () => {
    const ex = httpExample(SPEC, '12.3');
    const reply = await replay(ex, {});
    expect(reply.status).toBe(201);
    expect(shapeDifferences(repairedJson(ex.response.body), reply.json)).toEqual([]);
    clientObjectSchema.parse(reply.json);
    expect(reply.json).toMatchObject({ scope: 'cds_client_admin', redirect_uris: [], response_types: [], grant_types: ['client_credentials'], token_endpoint_auth_method: 'client_secret_basic', cds_status: 'production', cds_status_options: ['production'] });
    ids.set('aaf026921707f5d5', reply.json.client_id);
    ids.set('adminSecret', reply.json.client_secret);
  });

  it('12.4 a cds_client_admin token (Basic from the real id and secret, A41)', async () => {
    const ex = httpExample(SPEC, '12.4');
    const reply = await replay(ex, { basic: [ids.get('aaf026921707f5d5')!, ids.get('adminSecret')!] }, ex.request.body);
    ids.delete('adminSecret');
    const example = repairedJson(ex.response.body);
    expect(reply.status).toBe(200);
    expect(shapeDifferences(example, reply.json)).toEqual([]);
    expect(reply.json.token_type.toLowerCase()).toBe('bearer'); // A46
    expect(reply.json.scope).toBe('cds_client_admin');
    adminToken = reply.json.access_token;
  });

  it('12.5 the Client list: the four Client Objects of §4.2', async () => {
    const ex = httpExample(SPEC, '12.5');
    const reply = await replay(ex, { bearer: adminToken });
    const example = repairedJson(ex.response.body);
    expect(reply.status).toBe(200);
    clientListingSchema.parse(reply.json);
    for (const theirs of example.clients) {
      const ours = reply.json.clients.find((c: any) => c.scope === theirs.scope);
      expect(ours, theirs.scope).toBeDefined();
      expect(shapeDifferences(theirs, ours)).toEqual([]);
      expect(ours).toMatchObject({ grant_types: theirs.grant_types, response_types: theirs.response_types, token_endpoint_auth_method: theirs.token_endpoint_auth_method, cds_status: theirs.cds_status });
      ids.set(theirs.client_id, ours.client_id);
    }
    // A7: every non-admin Client can be disabled.
    for (const c of reply.json.clients.filter((c: any) => c.scope !== 'cds_client_admin')) expect(c.cds_status_options).toContain('disabled');
    expect(reply.json.clients.find((c: any) => c.scope === 'example_custom')).toMatchObject({
      redirect_uris: [`${f.url}/oauth/default-redirect`], cds_default_redirect_uri: `${f.url}/oauth/default-redirect`,
      cds_default_scope: 'example_custom', cds_default_authorization_details: [], cds_company_name: 'My Company Name',
    });
    expect(reply.json).toMatchObject({ next: null, previous: null });
  });

  it('12.6 one Client Object', async () => {
    const ex = httpExample(SPEC, '12.6');
    const reply = await replay(ex, { bearer: adminToken });
    expectShape(ex, reply);
    expect(reply.json.client_id).toBe(ids.get('aaf026921707f5d5'));
  });

  it('12.7 PUT adds a redirect_uri and makes it the default; cds_modified advances', async () => {
    const ex = httpExample(SPEC, '12.7');
    const before = await call('GET', `${f.url}/cds-api/v1/clients/${ids.get('af653d57fa364da5')}`, { bearer: adminToken });
    const reply = await replay(ex, { bearer: adminToken });
    expectShape(ex, reply);
    expect(reply.json.redirect_uris).toEqual([`${f.url}/oauth/default-redirect`, 'https://client.example.com/my-new-redirect']);
    expect(reply.json.cds_default_redirect_uri).toBe('https://client.example.com/my-new-redirect');
    expect(reply.json.cds_modified > before.json.cds_modified).toBe(true);
  });

  it('12.8 the Message list: outstanding, unread and read', async () => {
    const ex = httpExample(SPEC, '12.8');
    const reply = await replay(ex, { bearer: adminToken });
    const example = repairedJson(ex.response.body);
    expect(reply.status).toBe(200);
    messageListingSchema.parse(reply.json);
    expect(Object.keys(reply.json).sort()).toEqual(Object.keys(example).sort());
    const welcome = reply.json.unread.find((m: any) => m.type === 'notification');
    const review = reply.json.outstanding.find((m: any) => m.type === 'production_request');
    expect(shapeDifferences(example.unread[0], welcome)).toEqual([]);
    expect(shapeDifferences(example.outstanding[0], review)).toEqual([]);
    expect(review).toMatchObject({ creator: null, status: 'pending', related_type: 'client', related_uri: `${f.url}/cds-api/v1/clients/${ids.get('af653d57fa364da5')}` });
    ids.set('9047a057519c0ea4', welcome.message_id);
    ids.set('45dc9ce6b1962124', review.message_id);
  });

  it('12.9 a new private_message → 201, read, created by the admin Client', async () => {
    const ex = httpExample(SPEC, '12.9');
    const reply = await replay(ex, { bearer: adminToken });
    expectShape(ex, reply);
    messageObjectSchema.parse(reply.json);
    expect(reply.json).toMatchObject({ type: 'private_message', read: true, creator: ids.get('aaf026921707f5d5'), status: 'complete', previous_uri: null });
  });

  it('12.10 one Message', async () => {
    const ex = httpExample(SPEC, '12.10');
    const reply = await replay(ex, { bearer: adminToken });
    expectShape(ex, reply);
    expect(reply.json.message_id).toBe(ids.get('9047a057519c0ea4'));
  });

  it('12.11 PATCH read → 200, modified advances (A36)', async () => {
    const ex = httpExample(SPEC, '12.11');
    const reply = await replay(ex, { bearer: adminToken });
    expectShape(ex, reply);
    expect(reply.json.read).toBe(true);
    expect(reply.json.modified > reply.json.created).toBe(true);
  });

  it('12.12 the Credential list: no Credential for the Files Client', async () => {
    const ex = httpExample(SPEC, '12.12');
    const reply = await replay(ex, { bearer: adminToken });
    expectShape(ex, reply);
    credentialListingSchema.parse(reply.json);
    const owners = reply.json.credentials.map((c: any) => c.client_id).sort();
    expect(owners).toEqual([ids.get('aaf026921707f5d5'), ids.get('22bb40b5b823fa8c'), ids.get('af653d57fa364da5')].sort());
    ids.set('8406a1fd23d73417', reply.json.credentials.find((c: any) => c.client_id === ids.get('af653d57fa364da5')).credential_id);
    ids.set('grantAdminSecret', reply.json.credentials.find((c: any) => c.client_id === ids.get('22bb40b5b823fa8c')).client_secret);
  });

  it('12.13 POST a Credential → 201 with its secret (the example body repaired, A42)', async () => {
    const ex = httpExample(SPEC, '12.13');
    const reply = await replay(ex, { bearer: adminToken });
    expectShape(ex, reply);
    credentialObjectSchema.parse(reply.json);
    expect(reply.json.client_id).toBe(ids.get('af653d57fa364da5'));
  });

  it('12.14 one Credential', async () => {
    const ex = httpExample(SPEC, '12.14');
    const reply = await replay(ex, { bearer: adminToken });
    expectShape(ex, reply);
  });

  it('12.15 PATCH client_secret_expires_at lowers the expiry (a future value: A46)', async () => {
    const ex = httpExample(SPEC, '12.15');
    const soon = Math.floor(Date.now() / 1000) + 86_400;
    const body = JSON.stringify({ ...repairedJson(ex.request.body), client_secret_expires_at: soon });
    const reply = await replay(ex, { bearer: adminToken }, body);
    expectShape(ex, reply);
    expect(reply.json.client_secret_expires_at).toBe(soon);
    expect(reply.json.modified > reply.json.created).toBe(true);
  });

  it('12.16 the Grant list: the admin Grant and a Server-created files Grant', async () => {
    // The operator shares a file with the Files Client, as §3.3.3 has the Server do.
    const upload = await call('POST', `${f.url}/admin/files`, { bearer: ADMIN_API_TOKEN, json: {
      name: 'DR_API_docs_v1.0.pdf', mime_type: 'application/pdf', description: 'Proprietary demand response API documentation',
      data: Buffer.from('%PDF-1.4\n% test document\n').toString('base64'),
    } });
    expect(upload.status).toBe(201);
    ids.set('4fcf6831957a243c', upload.json.file_id);
    const shared = await call('POST', `${f.url}/admin/files/${upload.json.file_id}/share`, { bearer: ADMIN_API_TOKEN, json: { client_id: ids.get('7e22b5568893c547') } });
    expect(shared.status).toBe(200);
    ids.set('c644a5da13f379db', shared.json.grant_id);

    const ex = httpExample(SPEC, '12.16');
    const reply = await replay(ex, { bearer: adminToken });
    const example = repairedJson(ex.response.body);
    expect(reply.status).toBe(200);
    grantListingSchema.parse(reply.json);
    const files = reply.json.grants.find((g: any) => g.grant_id === shared.json.grant_id);
    const admin = reply.json.grants.find((g: any) => g.client_id === ids.get('aaf026921707f5d5'));
    expect(shapeDifferences(example.grants[1], files)).toEqual([]);
    expect(shapeDifferences(example.grants[0], admin)).toEqual([]);
    expect(files.authorization_details).toEqual([{ type: 'cds_server_provided_files_01', file_id: upload.json.file_id }]);
    expect(admin).toMatchObject({ scope: 'cds_client_admin', status: 'active', enabled_scope: 'cds_client_admin' });
  });

  it('12.17 one Grant', async () => {
    const ex = httpExample(SPEC, '12.17');
    const reply = await replay(ex, { bearer: adminToken });
    expectShape(ex, reply);
    grantObjectSchema.parse(reply.json);
  });

  // A45: §12.19 mints a token for the Grant §12.18 closed, so the files come before the close.
  it('12.19 a Grant Admin token for the files Grant', async () => {
    const ex = httpExample(SPEC, '12.19');
    const body = mapped(decodeURIComponent(ex.request.body));
    const form = Object.fromEntries(new URLSearchParams(body.replace(/authorization_details=(.*)$/, (_m, v) => `authorization_details=${encodeURIComponent(v)}`)));
    const reply = await call('POST', `${f.url}/oauth/token`, { basic: [ids.get('22bb40b5b823fa8c')!, ids.get('grantAdminSecret')!], form });
    expectShape(ex, reply);
    expect(reply.json.scope).toBe('cds_grant_admin_1');
    expect(reply.json.authorization_details).toEqual([{ type: 'cds_grant_admin_1', client_id: ids.get('7e22b5568893c547'), grant_id: ids.get('c644a5da13f379db') }]);
    grantAdminToken = reply.json.access_token;
  });

  it('12.20 the files list shows only the Grant\'s files', async () => {
    const ex = httpExample(SPEC, '12.20');
    const reply = await replay(ex, { bearer: grantAdminToken });
    expectShape(ex, reply);
    fileListingSchema.parse(reply.json);
    expect(reply.json.files.map((x: any) => x.file_id)).toEqual([ids.get('4fcf6831957a243c')]);
  });

  it('12.21 one file', async () => {
    const ex = httpExample(SPEC, '12.21');
    const reply = await replay(ex, { bearer: grantAdminToken });
    expectShape(ex, reply);
    fileObjectSchema.parse(reply.json);
  });

  it('12.22 the download: the bytes, their type, length and file name', async () => {
    const ex = httpExample(SPEC, '12.22');
    const reply = await replay(ex, { bearer: grantAdminToken });
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('%PDF-1.4\n% test document\n');
    expect(reply.headers.get('content-type')).toBe(ex.response.headers['content-type']);
    expect(reply.headers.get('content-length')).toBe(String(Buffer.byteLength(reply.text)));
    expect(reply.headers.get('content-disposition')).toBe(ex.response.headers['content-disposition']);
  });

  it('12.18 PATCH status closed → 200; the Grant gives no access any more (A20)', async () => {
    const ex = httpExample(SPEC, '12.18');
    const reply = await replay(ex, { bearer: adminToken });
    expectShape(ex, reply);
    expect(reply.json).toMatchObject({ status: 'closed', enabled_scope: '', enabled_authorization_details: [] });
    expect(reply.json.modified > reply.json.created).toBe(true);
    // The Grant Admin token stood on that Grant: it stops working at once.
    expect((await call('GET', `${f.url}/cds-api/v1/server-provided-files`, { bearer: grantAdminToken })).status).toBe(401);
  });
});

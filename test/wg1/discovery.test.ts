import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { scopeDescriptionSchema } from '../../rest-facade/scopes';
import { makeStore, startFacade, type RunningFacade, type StoreKind } from './support/facade';
import { call } from './support/http';
import { register } from './support/wg1';

/** cds-wg1-01 metadata and coverage, and the cds-wg1-02 §3 Authorization Server Metadata. */
describe.each<StoreKind>(['memory', 'redis'])('discovery (%s store)', (kind) => {
  let f: RunningFacade;
  beforeAll(async () => { f = await startFacade({ store: makeStore(kind, inject('redisUrl')), config: { CDS_PAGE_SIZE: '1' } }); });
  afterAll(() => f.close());

  it('serves the well-known metadata without authentication, with oauth and the coverage union (01§3.2, §3.1)', async () => {
    const reply = await call('GET', `${f.url}/.well-known/cds-server-metadata.json`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    const m = reply.json;
    for (const field of ['cds_metadata_version', 'cds_metadata_url', 'created', 'updated', 'name', 'description', 'website', 'documentation', 'support', 'capabilities', 'oauth_metadata']) {
      expect(m, field).toHaveProperty(field);
    }
    expect(m.cds_metadata_version).toBe('v1');
    expect(m.cds_metadata_url).toBe(`${f.url}/.well-known/cds-server-metadata.json`);
    expect(m.capabilities).toEqual(expect.arrayContaining(['oauth', 'coverage']));
    const coverage = await call('GET', m.coverage);
    for (const entry of coverage.json.coverage_entries) expect(m.capabilities).toEqual(expect.arrayContaining(entry.capabilities));
  });

  it('answers a conditional request with 304 (01§3)', async () => {
    const first = await call('GET', `${f.url}/.well-known/oauth-authorization-server`);
    const again = await call('GET', `${f.url}/.well-known/oauth-authorization-server`, { headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('lists coverage newest first, filters by ids and pages with links that keep the filter (01§4)', async () => {
    const url = `${f.url}/cds-coverage.json`;
    const first = await call('GET', url);
    expect(first.json.coverage_entries).toHaveLength(1);
    expect(first.json.previous).toBeNull();
    const second = await call('GET', first.json.next);
    expect(second.json.next).toBeNull();
    const all = [...first.json.coverage_entries, ...second.json.coverage_entries];
    expect(all.map((e: any) => e.updated)).toEqual([...all.map((e: any) => e.updated)].sort().reverse());
    expect((await call('GET', second.json.previous)).json.coverage_entries).toEqual(first.json.coverage_entries);
    for (const e of all) {
      expect(e).toMatchObject({ country: 'US', type: 'geographic', capabilities: expect.not.arrayContaining(['coverage']) });
      const outline = await call('GET', e.geojson_resource);
      expect(outline.status).toBe(200);
      expect(outline.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    }
    const filtered = await call('GET', `${url}?ids=${encodeURIComponent(`${all[1].id} unknown`)}`);
    expect(filtered.json.coverage_entries.map((e: any) => e.id)).toEqual([all[1].id]);
    expect(filtered.json.next).toBeNull();
    expect((await call('GET', `${url}?cursor=not-a-cursor`)).status).toBe(400);
    expect((await call('GET', `${url}?ids=a&ids=b`)).status).toBe(400);
  });

  it('publishes every REQUIRED ASM member and unions that cover the Scope Descriptions (§3.2)', async () => {
    const asm = (await call('GET', `${f.url}/.well-known/oauth-authorization-server`)).json;
    for (const field of [
      'issuer', 'authorization_endpoint', 'token_endpoint', 'registration_endpoint', 'scopes_supported', 'service_documentation',
      'op_policy_uri', 'op_tos_uri', 'revocation_endpoint', 'introspection_endpoint', 'code_challenge_methods_supported',
      'authorization_details_types_supported', 'response_types_supported', 'grant_types_supported', 'token_endpoint_auth_methods_supported',
      'cds_oauth_version', 'cds_human_registration', 'cds_timezone', 'cds_clients_api', 'cds_messages_api', 'cds_credentials_api',
      'cds_grants_api', 'cds_scope_descriptions', 'cds_registration_fields', 'pushed_authorization_request_endpoint', 'cds_server_provided_files_api',
    ]) expect(asm, field).toHaveProperty(field);
    expect(asm.cds_oauth_version).toBe('v1');
    expect(asm.cds_timezone).toBe('America/Los_Angeles');
    const sds = Object.values(asm.cds_scope_descriptions) as any[];
    for (const [id, sd] of Object.entries<any>(asm.cds_scope_descriptions)) {
      expect(sd.id).toBe(id);
      scopeDescriptionSchema.parse(sd);
      expect(asm.scopes_supported).toContain(id);
      for (const rf of [...sd.registration_requirements, ...sd.registration_optional]) expect(asm.cds_registration_fields).toHaveProperty(rf);
      if (sd.grant_admin_scope) expect(asm.cds_scope_descriptions[sd.grant_admin_scope].type).toBe('cds_grant_admin');
    }
    for (const [member, field] of [
      ['response_types_supported', 'response_types_supported'], ['grant_types_supported', 'grant_types_supported'],
      ['token_endpoint_auth_methods_supported', 'token_endpoint_auth_methods_supported'],
      ['code_challenge_methods_supported', 'code_challenge_methods_supported'],
      ['authorization_details_types_supported', 'authorization_details_types_supported'],
    ]) expect(asm[member]).toEqual(expect.arrayContaining(sds.flatMap((sd) => sd[field])));
    if (asm.response_types_supported.length > 0) expect(asm.cds_test_accounts).toBe(`${f.url}/test-accounts`);
  });

  it('publishes the built-in Scope Descriptions with exactly the mandated values (§3.3)', async () => {
    const sds = (await call('GET', `${f.url}/.well-known/oauth-authorization-server`)).json.cds_scope_descriptions;
    const empty = { registration_requirements: [], registration_optional: [], response_types_supported: [], code_challenge_methods_supported: [], coverages_supported: [] };
    const identifier = (id: string, name: string, description: string, forType: string) => ({
      id, name, description, documentation: expect.any(String), for_types: [forType], format: 'string', is_required: true, maximum: 1000, minimum: 1,
    });
    expect(sds.cds_client_admin).toEqual({
      id: 'cds_client_admin', type: 'cds_client_admin', name: 'Client Admin',
      description: 'This scope grants administrative access to the Client management APIs.', documentation: expect.any(String), ...empty,
      grant_types_supported: ['client_credentials'], token_endpoint_auth_methods_supported: ['client_secret_basic'], grant_admin_scope: null,
      authorization_details_types_supported: [], authorization_details_fields_supported: [],
    });
    expect(sds.cds_grant_admin_1).toEqual({
      id: 'cds_grant_admin_1', type: 'cds_grant_admin', name: 'Grant Admin',
      description: 'This scope grants administrative access to previously created Grants.', documentation: expect.any(String), ...empty,
      grant_types_supported: ['client_credentials'], token_endpoint_auth_methods_supported: ['client_secret_basic'], grant_admin_scope: null,
      authorization_details_types_supported: ['cds_grant_admin_1'],
      authorization_details_fields_supported: [
        identifier('client_id', 'Client Object identifier', 'The Client Object identifier for which the Grant is issued.', 'cds_grant_admin_1'),
        identifier('grant_id', 'Grant identifier', 'The Grant identifier for which the returned access_token will be given access.', 'cds_grant_admin_1'),
      ],
    });
    expect(sds.cds_server_provided_files_01).toEqual({
      id: 'cds_server_provided_files_01', type: 'cds_server_provided_files', name: 'Server-Provided Files',
      description: 'This scope grants access to specific files that the Server wants make available to the Client.', documentation: expect.any(String), ...empty,
      grant_types_supported: [], token_endpoint_auth_methods_supported: [], grant_admin_scope: 'cds_grant_admin_1',
      authorization_details_types_supported: ['cds_server_provided_files_01'],
      authorization_details_fields_supported: [identifier('file_id', 'File identifier', 'A file provided by the Server that may be accessed by the Client as part of the Grant.', 'cds_server_provided_files_01')],
    });
  });

  it('serves each Client\'s own metadata only to its registration\'s cds_client_admin token (§5.1, A48)', async () => {
    const a = await register(f, { scope: 'cds_client_admin cds_server_provided_files_01' });
    const b = await register(f, { scope: 'cds_client_admin' });
    const own = a.response.cds_server_metadata;
    const none = await call('GET', own);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const meta = await call('GET', own, { bearer: a.token });
    expect(meta.status).toBe(200);
    expect(meta.json.cds_metadata_url).toBe(own);
    const asm = await call('GET', meta.json.oauth_metadata, { bearer: a.token });
    expect(asm.json.token_endpoint).toBe(`${f.url}/oauth/token`);
    expect((await call('GET', meta.json.oauth_metadata)).status).toBe(401);
    expect((await call('GET', own, { bearer: b.token })).status).toBe(404);
  });
});

/** 01§8.1: what public metadata links to is public; §3.2 `cds_human_registration` registers people. */
describe('linked pages', () => {
  let f: RunningFacade;
  beforeAll(async () => { f = await startFacade({ store: makeStore('memory', '') }); });
  afterAll(() => f.close());

  it('every documentation URL in the metadata and the Scope Descriptions answers publicly', async () => {
    const meta = (await call('GET', `${f.url}/.well-known/cds-server-metadata.json`)).json;
    const asm = (await call('GET', meta.oauth_metadata)).json;
    const links = new Set<string>([meta.website, meta.documentation, meta.support, asm.service_documentation, asm.op_policy_uri, asm.op_tos_uri, asm.cds_human_registration]);
    for (const sd of Object.values<any>(asm.cds_scope_descriptions)) {
      if (sd.documentation.startsWith(`${f.url}/docs/scopes`)) links.add(sd.documentation.split('#')[0]);
    }
    for (const link of links) {
      const reply = await call('GET', link);
      expect(reply.status, link).toBe(200);
      expect(reply.headers.get('content-type'), link).toMatch(/^text\/html/);
    }
    expect((await call('GET', `${f.url}/docs/nonexistent`)).status).toBe(404);
    expect((await call('GET', `${f.url}/docs/constructor`)).status).toBe(404);
  });

  it('the human registration form registers, escapes what it echoes, and refuses what the API refuses', async () => {
    const form = (body: string) => call('POST', `${f.url}/developers/register`, { raw: body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const ok = await form('client_name=Form+App&contacts=ops%40form.invalid&scope=cds_server_provided_files_01');
    expect(ok.status).toBe(201);
    const [, clientId] = /client_id<\/dt><dd><code>([0-9a-f]{16})/.exec(ok.text)!;
    const [, secret] = /client_secret<\/dt><dd><code>([\w-]+)/.exec(ok.text)!;
    const token = await call('POST', `${f.url}/oauth/token`, { basic: [clientId, secret], form: { grant_type: 'client_credentials', scope: 'cds_client_admin' } });
    expect(token.status).toBe(200);
    const bad = await form('client_name=%3Cscript%3E&scope=not_a_scope');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('not_a_scope');
    expect(bad.text).not.toContain('<script>');
  });
});

/** CDS_SETTINGS_FILE: a deployment's own identity, coverage and scopes. */
describe('settings file', () => {
  it('replaces the demo defaults, and a bad file stops the start', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'wg1-settings-'));
    const file = join(dir, 'settings.json');
    writeFileSync(file, JSON.stringify({
      server: { name: 'Other Utility', description: 'Water', created: '2020-01-01T00:00:00Z', updated: '2021-01-01T00:00:00Z' },
      coverage: [{
        id: 'water_1', created: '2020-01-01T00:00:00Z', updated: '2020-01-01T00:00:00Z', entity_name: 'Other Utility', entity_abbreviation: null,
        country: 'CA', name: 'Logical group', type: 'logical', role: 'official', infrastructure_types: [], commodity_types: ['water'], capabilities: [],
      }],
      scopes: {
        grantAdminScopes: ['cds_grant_admin_x'], serverProvidedFiles: [], customScopes: [],
        registrationFields: [{ id: 'fee', type: 'payment_required', description: 'Fee', documentation: 'https://docs.invalid/fee', amount: '12.50', currency: 'CAD' }],
      },
    }));
    const f = await startFacade({ store: makeStore('memory', ''), config: { CDS_SETTINGS_FILE: file } });
    try {
      const meta = (await call('GET', `${f.url}/.well-known/cds-server-metadata.json`)).json;
      expect(meta).toMatchObject({ name: 'Other Utility', updated: '2021-01-01T00:00:00Z' });
      expect((await call('GET', meta.coverage)).json.coverage_entries.map((e: any) => e.id)).toEqual(['water_1']);
      const asm = (await call('GET', meta.oauth_metadata)).json;
      expect(asm.cds_scope_descriptions).toHaveProperty('cds_grant_admin_x');
      expect(asm).not.toHaveProperty('cds_server_provided_files_api');
    } finally {
      await f.close();
    }
    writeFileSync(file, JSON.stringify({ coverage: [{ id: 'x', type: 'geographic' }] }));
    await expect(startFacade({ store: makeStore('memory', ''), config: { CDS_SETTINGS_FILE: file } })).rejects.toThrow(/coverage/);
  });
});

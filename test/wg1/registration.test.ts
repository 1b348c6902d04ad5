import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defaultScopeSettings, type ScopeSettings } from '../../rest-facade/scopes';
import { makeStore, startFacade, type RunningFacade, type StoreKind } from './support/facade';
import { codeScope } from './support/fixtures';
import { call } from './support/http';
import { admin, clientAdminToken, register } from './support/wg1';

const DOCS = 'https://docs.invalid';

/** Two code-flow scopes that one Client can carry, a direct one, and a registration field of every kind. */
function scopes(): ScopeSettings {
  return {
    ...defaultScopeSettings,
    customScopes: [
      codeScope(DOCS, 'usage_a', 'cds_grant_admin_1', { registration_requirements: ['company_name', 'fee'], registration_optional: ['newsletter'] }),
      codeScope(DOCS, 'usage_b', 'cds_grant_admin_1', { registration_requirements: ['terms', 'paper', 'sso'] }),
      {
        ...codeScope(DOCS, 'direct_feed', 'cds_grant_admin_1'), response_types_supported: [], code_challenge_methods_supported: [],
        grant_types_supported: ['client_credentials'], registration_requirements: ['review'],
      },
    ],
    registrationFields: [
      { id: 'company_name', type: 'registration_field', field_name: 'cds_company_name', description: 'Company', documentation: `${DOCS}/rf`, format: 'string', max_length: 20 },
      { id: 'newsletter', type: 'registration_field', field_name: 'cds_newsletter', description: 'News', documentation: `${DOCS}/rf`, format: 'boolean', default: false },
      { id: 'fee', type: 'payment_required', description: 'Setup fee', documentation: `${DOCS}/fee`, amount: '12.50', currency: 'USD', request_uri: 'https://pay.invalid/checkout' },
      { id: 'terms', type: 'online_form', description: 'Accept the terms', documentation: `${DOCS}/terms` },
      { id: 'paper', type: 'pdf_form', description: 'Sign the form', documentation: `${DOCS}/paper`, request_uri: 'https://docs.invalid/form.pdf' },
      { id: 'sso', type: 'sso_verification', description: 'Link your account', documentation: `${DOCS}/sso` },
      { id: 'review', type: 'internal_review', description: 'We review direct access', documentation: `${DOCS}/review` },
    ],
  };
}

describe.each<[StoreKind, 'sandbox' | 'production']>([['memory', 'sandbox'], ['redis', 'production']])('registration (%s store, %s mode)', (kind, mode) => {
  let f: RunningFacade;
  beforeAll(async () => { f = await startFacade({ store: makeStore(kind, inject('redisUrl')), scopeSettings: scopes(), config: { CDS_MODE: mode } }); });
  afterAll(() => f.close());

  const post = (json: unknown) => call('POST', `${f.url}/oauth/register`, { json });
  const count = async () => (await admin(f, 'GET', '/registrations')).json.registrations.length;

  it('refuses bad requests with invalid_client_metadata and creates nothing (§4.1, A9)', async () => {
    const before = await count();
    for (const [body, why] of [
      [{ scope: 'usage_a', cds_company_name: 'X' }, /cds_client_admin/],
      [{ scope: 'cds_client_admin openid' }, /openid/],
      [{ scope: 'cds_client_admin usage_a' }, /cds_company_name/],
      [{ scope: 'cds_client_admin usage_a', cds_company_name: 'A name that is far too long' }, /longer than 20/],
      [{ scope: 'cds_client_admin usage_a', cds_company_name: 'X', cds_newsletter: 'yes' }, /true or false/],
      [{ scope: 42 }, /scope/],
      [{ client_name: 'no scope' }, /scope/],
      [{ scope: 'cds_client_admin', client_uri: 'not a url' }, /client_uri/],
      [{ scope: 'cds_client_admin', logo_uri: 'javascript:alert(1)' }, /logo_uri/],
      [['cds_client_admin'], /JSON object/],
    ] as const) {
      const reply = await post(body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.json.error).toBe('invalid_client_metadata');
      expect(reply.json.error_description).toMatch(why);
    }
    const malformed = await call('POST', `${f.url}/oauth/register`, { raw: '{"scope": "cds_client_admin",}' });
    expect(malformed.status).toBe(400);
    expect(await count()).toBe(before);
  });

  it('creates the Client Objects of §4.2: admin, Grant Admin (A11), combined code-flow Client, direct Client', async () => {
    const r = await register(f, {
      scope: 'cds_client_admin usage_a usage_b direct_feed', client_name: 'Energy App', cds_company_name: 'EA Inc',
      redirect_uris: ['https://evil.example/cb'],
    });
    expect(r.response).not.toHaveProperty('client_secret_expires_at');
    const clients = (await call('GET', `${f.url}/cds-api/v1/clients`, { bearer: r.token })).json.clients as any[];
    const byScope = Object.fromEntries(clients.map((c) => [c.scope, c]));
    expect(Object.keys(byScope).sort()).toEqual(['cds_client_admin', 'cds_grant_admin_1', 'direct_feed', 'usage_a usage_b']);
    const code = byScope['usage_a usage_b'];
    // §4.1: submitted redirect_uris are ignored; §4.2: the receipt redirect alone.
    expect(code.redirect_uris).toEqual([`${f.url}/oauth/default-redirect`]);
    expect(code).toMatchObject({
      cds_status: 'sandbox', cds_status_options: ['sandbox', 'disabled'], cds_default_scope: 'usage_a usage_b',
      cds_default_authorization_details: [], cds_company_name: 'EA Inc', cds_newsletter: false,
      authorization_details_types: ['usage_a', 'usage_b'],
    });
    expect(byScope.cds_client_admin).not.toHaveProperty('cds_company_name');
    expect(byScope.direct_feed.cds_status).toBe('sandbox'); // internal_review pending, or sandbox mode
    expect(byScope.cds_grant_admin_1.cds_status).toBe(mode === 'production' ? 'production' : 'sandbox');
    for (const c of clients) expect(c.cds_status_options.includes('production') && c.cds_status_options.includes('sandbox')).toBe(false);

    // The post-registration steps are Messages at once (§3.6); the fee keeps its exact decimal text.
    const listing = await call('GET', `${f.url}/cds-api/v1/messages`, { bearer: r.token });
    const outstanding = listing.json.outstanding as any[];
    expect(outstanding.filter((m) => m.type !== 'production_request').map((m) => m.type).sort())
      .toEqual(['online_form_request', 'online_form_request', 'payment_request', 'pdf_form_request']);
    const payment = outstanding.find((m) => m.type === 'payment_request');
    expect(payment).toMatchObject({ status: 'open', creator: null, read: false, related_type: 'payment_form', related_uri: 'https://pay.invalid/checkout', currency: 'USD' });
    expect(listing.text).toContain('"amount":12.50');
    expect(outstanding.find((m) => m.type === 'pdf_form_request')).toMatchObject({ related_type: 'pdf_form', related_uri: 'https://docs.invalid/form.pdf' });
    const reviews = outstanding.filter((m) => m.type === 'production_request');
    expect(reviews.map((m) => m.related_uri).sort()).toEqual(mode === 'production'
      ? [byScope.direct_feed.cds_client_uri, code.cds_client_uri].sort() : []);
  });

  it('shows each secret once: the admin secret in the response, the others on their first Credentials read', async () => {
    const r = await register(f, { scope: 'cds_client_admin usage_b' });
    const first = (await call('GET', `${f.url}/cds-api/v1/credentials`, { bearer: r.token })).json.credentials as any[];
    const adminCredential = first.find((c) => c.client_id === r.clientId);
    expect(adminCredential.client_secret).toBe(`********${r.secret.slice(-4)}`);
    const others = first.filter((c) => c.client_id !== r.clientId);
    expect(others.length).toBe(2); // Grant Admin and usage_b
    for (const c of others) expect(c.client_secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const again = (await call('GET', `${f.url}/cds-api/v1/credentials`, { bearer: r.token })).json.credentials as any[];
    for (const c of again) expect(c.client_secret).toMatch(/^\*{8}/);
    // The delivered secret works at the token endpoint.
    const grantAdmin = others.find((c) => c.client_id !== r.clientId);
    const token = await call('POST', `${f.url}/oauth/token`, { basic: [grantAdmin.client_id, grantAdmin.client_secret], form: { grant_type: 'client_credentials', scope: 'cds_client_admin' } });
    expect(token.status).not.toBe(401);
  });

  it('approving production makes a new Client Object and answers the request (§4.2, §6.3, A22)', async () => {
    const r = await register(f, { scope: 'cds_client_admin usage_b' });
    const sandbox = (await call('GET', `${f.url}/cds-api/v1/clients`, { bearer: r.token })).json.clients.find((c: any) => c.scope === 'usage_b');
    let request = (await call('GET', `${f.url}/cds-api/v1/messages`, { bearer: r.token })).json.outstanding.find((m: any) => m.type === 'production_request');
    if (!request) {
      // Sandbox mode opens no review by itself; the Client asks (§6.9).
      const asked = await call('POST', `${f.url}/cds-api/v1/messages`, { bearer: r.token, json: { type: 'production_request', name: 'Go live', description: 'Please', related_uri: sandbox.cds_client_uri } });
      expect(asked.status).toBe(201);
      expect(asked.json).toMatchObject({ status: 'pending', related_type: 'client', creator: r.clientId });
      request = asked.json;
    }
    const rejectedWithoutReason = await admin(f, 'POST', `/messages/${request.message_id}/resolve`, { status: 'rejected' });
    expect(rejectedWithoutReason.status).toBe(400);
    expect((await admin(f, 'POST', `/messages/${request.message_id}/resolve`, { status: 'complete' })).status).toBe(200);

    const clients = (await call('GET', `${f.url}/cds-api/v1/clients`, { bearer: r.token })).json.clients as any[];
    const twins = clients.filter((c) => c.scope === 'usage_b');
    expect(twins).toHaveLength(2);
    const production = twins.find((c) => c.cds_status === 'production');
    expect(production.cds_status_options).toEqual(['production', 'disabled']);
    expect(twins.find((c) => c.client_id === sandbox.client_id)).toEqual(sandbox);
    const messages = (await call('GET', `${f.url}/cds-api/v1/messages`, { bearer: r.token })).json;
    const update = messages.unread.find((m: any) => m.type === 'request_update');
    expect(update).toMatchObject({ status: 'complete', previous_uri: request.uri, related_type: 'client', related_uri: production.cds_client_uri, creator: null });
    expect(messages.outstanding.find((m: any) => m.message_id === request.message_id)).toBeUndefined();
    // The new Client has its own Credential, delivered on the Credentials API.
    const credentials = (await call('GET', `${f.url}/cds-api/v1/credentials?client_ids=${production.client_id}`, { bearer: r.token })).json.credentials;
    expect(credentials).toHaveLength(1);
  });

  it('answers Client requests through request_update, and a client_submission reopens review (§3.6, §6.9)', async () => {
    const r = await register(f, { scope: 'cds_client_admin usage_b' });
    const outstanding = (await call('GET', `${f.url}/cds-api/v1/messages`, { bearer: r.token })).json.outstanding as any[];
    const pdf = outstanding.find((m) => m.type === 'pdf_form_request');
    const submission = await call('POST', `${f.url}/cds-api/v1/messages`, { bearer: r.token, json: {
      type: 'client_submission', previous_uri: pdf.uri, name: '', description: '',
      updates_requested: [{ field: 'paper', uri: 'https://app.invalid/signed.pdf' }],
    } });
    expect(submission.status).toBe(201);
    expect(submission.json).toMatchObject({ status: 'complete', read: true, previous_uri: pdf.uri });
    const reread = await call('GET', pdf.uri, { bearer: r.token });
    expect(reread.json.status).toBe('pending');
    expect((await admin(f, 'POST', `/messages/${pdf.message_id}/resolve`, { status: 'rejected', description: 'Unsigned' })).status).toBe(200);
    const after = (await call('GET', `${f.url}/cds-api/v1/messages`, { bearer: r.token })).json;
    expect(after.unread.find((m: any) => m.type === 'request_update' && m.previous_uri === pdf.uri)).toMatchObject({ status: 'rejected', description: 'Unsigned' });
  });

  it('the registration response carries the admin Credential\'s real secret: another one is refused', async () => {
    const r = await register(f, { scope: 'cds_client_admin' });
    expect((await clientAdminToken(f, r.clientId, `${r.secret}x`)).status).toBe(401);
  });
});

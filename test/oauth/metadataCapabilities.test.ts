import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { oauthEndpoints } from '../../rest-facade/oauth';
import { customerDataScopeType } from '../../rest-facade/scopes/customer-data';
import { authorizationServer, authorizeAndApprove, basicOf, openAuthorize, postForm } from './support/client';
import { makeStore, startFacade, type RunningFacade } from './support/facade';
import { seedRegistration, type SeededRegistration } from './support/registration';

/**
 * The Authorization Server Metadata says what the server does (RFC 8414, cds-wg1-02 §3.2): for
 * each capability member, every registered value is probed against the real endpoint — an
 * advertised value must be accepted, any other refused. The facade offers a Server scope whose
 * Clients may be public (`none`), next to the Customer Data and built-in scopes.
 */

/** Values registered for each member (IANA OAuth registries), beyond what this server knows. */
const KNOWN = {
  response_types_supported: ['code', 'token', 'id_token', 'code token', 'code id_token', 'none'],
  response_modes_supported: ['query', 'fragment', 'form_post', 'query.jwt', 'fragment.jwt', 'form_post.jwt', 'jwt'],
  grant_types_supported: [
    'authorization_code', 'client_credentials', 'refresh_token', 'implicit', 'password',
    'urn:ietf:params:oauth:grant-type:device_code', 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    'urn:ietf:params:oauth:grant-type:saml2-bearer', 'urn:ietf:params:oauth:grant-type:token-exchange',
  ],
  code_challenge_methods_supported: ['S256', 'plain'],
  auth_methods: ['client_secret_basic', 'client_secret_post', 'client_secret_jwt', 'private_key_jwt', 'none', 'tls_client_auth', 'self_signed_tls_client_auth'],
};

/** Members RFC 8414 and its extensions define for features this server does not have. */
const UNSUPPORTED_MEMBERS = [
  'dpop_signing_alg_values_supported', 'token_endpoint_auth_signing_alg_values_supported', 'revocation_endpoint_auth_signing_alg_values_supported',
  'introspection_endpoint_auth_signing_alg_values_supported', 'tls_client_certificate_bound_access_tokens', 'require_signed_request_object',
  'signed_metadata', 'mtls_endpoint_aliases',
];

describe('Authorization Server Metadata against the endpoints (RFC 8414)', () => {
  let f: RunningFacade;
  let as: oauth.AuthorizationServer;
  let asm: Record<string, any>;
  let reg: SeededRegistration;

  beforeAll(async () => {
    f = await startFacade({ store: makeStore('redis', inject('redisUrl')) });
    as = await authorizationServer(f);
    asm = (await (await fetch(`${f.url}/.well-known/oauth-authorization-server`)).json()) as Record<string, any>;
    reg = await seedRegistration(f.facade);
  });
  afterAll(async () => {
    await f.close();
    await f.store.close();
  });

  const split = (member: string, known: string[]) => {
    const advertised: string[] = asm[member];
    expect(Array.isArray(advertised), member).toBe(true);
    // Nothing advertised is outside what a registry knows (a typo would slip through otherwise).
    expect(known, member).toEqual(expect.arrayContaining(advertised));
    return known.map((value) => [value, advertised.includes(value)] as const);
  };

  /** An authorization request by the confidential code-flow Client, with PKCE unless overridden. */
  async function authorize(extra: Record<string, string>) {
    const verifier = oauth.generateRandomCodeVerifier();
    const url = new URL(as.authorization_endpoint!);
    const params = {
      response_type: 'code', client_id: reg.usage.client_id, redirect_uri: reg.usage.redirect_uri, state: 'st',
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', ...extra,
    };
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return openAuthorize(url.toString());
  }
  const handedOff = (r: { status: number; location: string | null }) => r.status === 303 && /^\/authorize\//.test(r.location ?? '');

  it('advertises the endpoints the authorization server serves (one source: OAUTH_PATHS)', () => {
    expect(asm).toMatchObject(oauthEndpoints(f.url));
    expect(asm.issuer).toBe(f.url);
  });

  it('response_types_supported', async () => {
    for (const [value, advertised] of split('response_types_supported', KNOWN.response_types_supported)) {
      const reply = await authorize({ response_type: value });
      expect(handedOff(reply), value).toBe(advertised);
      if (!advertised) expect(reply.text, value).toContain('unsupported_response_type');
    }
  });

  it('response_modes_supported', async () => {
    for (const [value, advertised] of split('response_modes_supported', KNOWN.response_modes_supported)) {
      const reply = await authorize({ response_mode: value });
      expect(handedOff(reply), value).toBe(advertised);
      if (!advertised) {
        const back = new URL(reply.location!);
        expect(back.searchParams.get('error'), value).toBe('invalid_request');
        expect(back.searchParams.get('iss'), value).toBe(asm.issuer);
      }
    }
  });

  it('code_challenge_methods_supported', async () => {
    const verifier = oauth.generateRandomCodeVerifier();
    for (const [value, advertised] of split('code_challenge_methods_supported', KNOWN.code_challenge_methods_supported)) {
      const challenge = value === 'S256' ? await oauth.calculatePKCECodeChallenge(verifier) : verifier;
      const reply = await authorize({ code_challenge_method: value, code_challenge: challenge });
      expect(handedOff(reply), value).toBe(advertised);
    }
  });

  it('grant_types_supported', async () => {
    for (const [value, advertised] of split('grant_types_supported', KNOWN.grant_types_supported)) {
      const reply = await postForm(as.token_endpoint!, { grant_type: value, code: 'x', refresh_token: 'x', redirect_uri: reg.usage.redirect_uri, scope: 'cds_client_admin' }, basicOf(reg.admin));
      expect(reply.json.error === 'unsupported_grant_type', `${value}: ${reply.text}`).toBe(!advertised);
    }
  });

  /** How a Client presents each authentication method; only the method differs between probes. */
  function presenting(method: string, form: Record<string, string>): [Record<string, string>, { id: string; secret: string } | undefined] {
    const confidential = basicOf(reg.usage);
    switch (method) {
      case 'client_secret_basic': return [form, confidential];
      case 'client_secret_post': return [{ ...form, client_id: confidential.id, client_secret: confidential.secret }, undefined];
      case 'client_secret_jwt':
      case 'private_key_jwt':
        return [{ ...form, client_id: confidential.id, client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: 'e30.e30.sig' }, undefined];
      case 'none': return [{ ...form, client_id: reg.publicUsage.client_id }, undefined];
      default: return [{ ...form, client_id: confidential.id }, undefined]; // mTLS: no certificate over plain HTTP
    }
  }

  it.each([
    ['token_endpoint_auth_methods_supported', 'token_endpoint', { grant_type: 'refresh_token', refresh_token: 'not-a-token' }],
    ['revocation_endpoint_auth_methods_supported', 'revocation_endpoint', { token: 'not-a-token' }],
    ['introspection_endpoint_auth_methods_supported', 'introspection_endpoint', { token: 'not-a-token' }],
  ] as const)('%s', async (member, endpoint, form) => {
    for (const [method, advertised] of split(member, KNOWN.auth_methods)) {
      const reply = await postForm(asm[endpoint], ...presenting(method, form));
      // Accepted: the client got past authentication (the bogus token is another matter).
      expect(reply.json.error !== 'invalid_client', `${method}: ${reply.status} ${reply.text}`).toBe(advertised);
    }
  });

  it('authorization_details_types_supported: each advertised type is accepted, others refused', async () => {
    const types: string[] = asm.authorization_details_types_supported;
    for (const sd of Object.values<any>(asm.cds_scope_descriptions)) expect(types).toEqual(expect.arrayContaining(sd.authorization_details_types_supported));
    // The Server scope's type through PAR; a Grant Admin type through the Grant Admin method, which
    // also reaches the Server-Provided Files type (§3.3.3: only Server-created Grants carry it).
    const par = (details: unknown) => postForm(as.pushed_authorization_request_endpoint!, {
      response_type: 'code', client_id: reg.usage.client_id, redirect_uri: reg.usage.redirect_uri, code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256', authorization_details: JSON.stringify(details),
    }, basicOf(reg.usage));
    expect((await par([{ type: 'example_usage' }])).status).toBe(201);
    const grantAdmin = await postForm(as.token_endpoint!, {
      grant_type: 'client_credentials',
      authorization_details: JSON.stringify([{ type: 'cds_grant_admin_1', client_id: reg.files.client_id, grant_id: reg.files.grant_id }]),
    }, basicOf(reg.grantAdmin));
    expect(grantAdmin.status, grantAdmin.text).toBe(200);
    expect(types).toEqual(expect.arrayContaining(['example_usage', 'cds_grant_admin_1', 'cds_server_provided_files_01']));
    const unknown = await par([{ type: 'example_not_advertised' }]);
    expect(unknown.status).toBe(400);
    expect(unknown.json.error).toBe('invalid_authorization_details');
  });

  it('Customer Data types: every advertised type is accepted for a Client registered for it', async () => {
    const ids = Object.values<any>(asm.cds_scope_descriptions).filter((sd) => sd.type.startsWith('cds_') && !['cds_client_admin', 'cds_grant_admin', 'cds_server_provided_files'].includes(sd.type));
    const res = await fetch(`${f.url}/oauth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scope: ['cds_client_admin', ...ids.map((sd) => sd.id)].join(' ') }) });
    const admin = await res.json() as { client_id: string; client_secret: string };
    const token = await postForm(as.token_endpoint!, { grant_type: 'client_credentials', scope: 'cds_client_admin' }, { id: admin.client_id, secret: admin.client_secret });
    const bearer = { authorization: `Bearer ${token.json.access_token}` };
    const clients = ((await (await fetch(`${f.url}/cds-api/v1/clients`, { headers: bearer })).json()) as { clients: any[] }).clients;
    const refused: string[] = [];
    for (const sd of ids) {
      const type = sd.authorization_details_types_supported[0];
      const client = clients.find((c) => c.authorization_details_types.includes(type));
      const credentials = ((await (await fetch(`${f.url}/cds-api/v1/credentials?client_ids=${client.client_id}`, { headers: bearer })).json()) as { credentials: any[] }).credentials;
      client.secret ??= credentials[0].client_secret;
      const basic = { id: client.client_id, secret: client.secret };
      // Fields a request must fill (required, or never null for the scope) get a valid value; defaults cover the rest.
      const mustFill = new Set(customerDataScopeType(sd.type)!.nonNull);
      const entry = Object.fromEntries([['type', type], ...sd.authorization_details_fields_supported
        .filter((fd: any) => fd.is_required || mustFill.has(fd.id)).map((fd: any) => [fd.id, [fd.choices?.[0].id ?? 'A-1']])]);
      const form = { scope: sd.id, authorization_details: JSON.stringify([entry]) };
      const reply = sd.response_types_supported.includes('code')
        ? await postForm(as.pushed_authorization_request_endpoint!, {
          response_type: 'code', client_id: client.client_id, code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
          code_challenge_method: 'S256', ...form,
        }, basic)
        : await postForm(as.token_endpoint!, { grant_type: 'client_credentials', ...form }, basic);
      if (reply.status >= 300) refused.push(`${type}: ${reply.text}`);
    }
    expect(refused).toEqual([]);
  });

  it('authorization_response_iss_parameter_supported: the code redirect carries iss (RFC 9207)', async () => {
    expect(asm.authorization_response_iss_parameter_supported).toBe(true);
    const { location } = await authorizeAndApprove(f, as, reg.usage);
    expect(new URL(location).searchParams.get('iss')).toBe(asm.issuer);
    expect(new URL(location).searchParams.get('code')).toBeTruthy();
  });

  it('pushed authorization requests are offered, not required', async () => {
    expect(asm.require_pushed_authorization_requests).toBe(false);
    expect(handedOff(await authorize({}))).toBe(true);
    const { callback } = await authorizeAndApprove(f, as, reg.usage, { par: true });
    expect(callback.get('code')).toBeTruthy();
  });

  it('leaves out what it does not support, and refuses it', async () => {
    for (const member of UNSUPPORTED_MEMBERS) expect(asm, member).not.toHaveProperty(member);
    // DPoP (RFC 9449): a proof is ignored, the token stays a Bearer token, and the DPoP scheme is refused.
    const token = await postForm(as.token_endpoint!, { grant_type: 'client_credentials', scope: 'cds_client_admin' }, basicOf(reg.admin));
    expect(token.json.token_type).toBe('Bearer');
    const dpop = await fetch(`${f.url}/cds-api/v1/clients`, { headers: { authorization: `DPoP ${token.json.access_token}` } });
    expect(dpop.status).toBe(400);
    // Request objects (RFC 9101) are refused.
    const signed = await authorize({ request: 'e30.e30.' });
    expect(new URL(signed.location!).searchParams.get('error')).toBe('request_not_supported');
  });

  it('each advertised scope can be asked for; another is invalid_scope', async () => {
    expect(Object.keys(asm.cds_scope_descriptions).sort()).toEqual([...asm.scopes_supported].sort());
    const unknown = await postForm(as.token_endpoint!, { grant_type: 'client_credentials', scope: 'example_not_advertised' }, basicOf(reg.admin));
    expect(unknown.json.error).toBe('invalid_scope');
    expect(handedOff(await authorize({}))).toBe(true);
    expect(handedOff(await authorize({ scope: 'example_usage' }))).toBe(true);
  });
});

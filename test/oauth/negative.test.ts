import { generateKeyPair, SignJWT, decodeJwt, decodeProtectedHeader } from 'jose';
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import {
  authorizationServer, authorizeAndApprove, basicOf, clientCredentials, handoffId, openAuthorize, postForm, probe, redeem, refresh,
  auth, insecure,
} from './support/client';
import { makeStore, startFacade, type RunningFacade, type StoreKind } from './support/facade';
import { seedRegistration, USAGE_SCOPE, type SeededClient, type SeededRegistration } from './support/registration';
import { changedKeys, snapshot } from './support/snapshot';

/**
 * Every rejection must carry the right error and leave the store exactly as it was (rate-limit
 * counters aside). Cases that must change state on purpose (a replay revoking what it issued)
 * say which keys change.
 */
describe.each<StoreKind>(['memory', 'redis'])('OAuth rejections (%s store)', (kind) => {
  let f: RunningFacade;
  let as: oauth.AuthorizationServer;
  let reg: SeededRegistration;
  let other: SeededRegistration;
  let offset = 0;
  const clock = () => Date.now() + offset;
  let tokenUrl: string;
  let parUrl: string;

  beforeAll(async () => {
    f = await startFacade({ store: makeStore(kind, inject('redisUrl')), clock });
    as = await authorizationServer(f);
    reg = await seedRegistration(f.facade);
    other = await seedRegistration(f.facade);
    tokenUrl = as.token_endpoint!;
    parUrl = as.pushed_authorization_request_endpoint!;
    await clientCredentials(as, reg.admin, { scope: 'cds_client_admin' }); // signing key exists from here on
  });
  beforeEach(() => { offset = 0; });
  afterAll(async () => {
    await f.close();
    await f.store.close();
  });

  /** Runs `action`, asserting it changed nothing in the store. */
  async function unchanged<T>(action: () => Promise<T>): Promise<T> {
    const before = await snapshot(f.store);
    const result = await action();
    expect(changedKeys(before, await snapshot(f.store))).toEqual([]);
    return result;
  }

  async function rejected<R extends { status: number; json: Record<string, unknown> }>(action: () => Promise<R>, status: number, error: string): Promise<R> {
    const res = await unchanged(action);
    expect(res.status).toBe(status);
    expect(res.json.error).toBe(error);
    expect(typeof res.json.error_description).toBe('string');
    return res;
  }

  const cc = (basic: { id: string; secret: string } | undefined, form: Record<string, string | string[]>) =>
    postForm(tokenUrl, { grant_type: 'client_credentials', ...form }, basic);

  const gaEntry = (clientId: string, grantId: string) => JSON.stringify([{ type: 'cds_grant_admin_1', client_id: clientId, grant_id: grantId }]);

  describe('token endpoint: client authentication and grant types', () => {
    it('wrong secret → 401 invalid_client with a Basic challenge', async () => {
      const res = await rejected(() => cc({ id: reg.admin.client_id, secret: 'wrong' }, { scope: 'cds_client_admin' }), 401, 'invalid_client');
      expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm="cds"/);
    });
    it('unknown client → 401 invalid_client', () =>
      rejected(() => cc({ id: 'ffffffffffffffff', secret: 'x' }, { scope: 'cds_client_admin' }), 401, 'invalid_client'));
    it('client_secret_post → 401 invalid_client (only client_secret_basic, §3.3.1)', () =>
      rejected(() => cc(undefined, { client_id: reg.admin.client_id, client_secret: reg.admin.secret!, scope: 'cds_client_admin' }), 401, 'invalid_client'));
    it('no client authentication → 401 invalid_client', () => rejected(() => cc(undefined, { scope: 'cds_client_admin' }), 401, 'invalid_client'));
    it('a confidential client posing as public (client_id only) → 401 invalid_client', () =>
      rejected(() => cc(undefined, { client_id: reg.admin.client_id, scope: 'cds_client_admin' }), 401, 'invalid_client'));
    it('missing grant_type → 400 invalid_request', () =>
      rejected(() => postForm(tokenUrl, { scope: 'cds_client_admin' }, basicOf(reg.admin)), 400, 'invalid_request'));
    it('unsupported grant_type → 400 unsupported_grant_type', () =>
      rejected(() => postForm(tokenUrl, { grant_type: 'password', username: 'u', password: 'p' }, basicOf(reg.admin)), 400, 'unsupported_grant_type'));
    it('a repeated parameter → 400 invalid_request (RFC 6749 §3.2)', () =>
      rejected(() => cc(basicOf(reg.admin), { scope: ['cds_client_admin', 'cds_client_admin'] }), 400, 'invalid_request'));
    it('client_credentials by a code-flow client → 400 unauthorized_client', () =>
      rejected(() => cc(basicOf(reg.usage), { scope: USAGE_SCOPE }), 400, 'unauthorized_client'));
    it('a body over 64 KiB → 413', () =>
      rejected(() => cc(basicOf(reg.admin), { scope: 'cds_client_admin', pad: 'x'.repeat(70_000) }), 413, 'invalid_request'));
    it('a form body in an unsupported charset → 415', async () => {
      const res = await unchanged(() => fetch(tokenUrl, {
        method: 'POST', body: 'grant_type=client_credentials',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=koi8-r', Authorization: `Basic ${Buffer.from(`${reg.admin.client_id}:${reg.admin.secret}`).toString('base64')}` },
      }));
      expect(res.status).toBe(415);
      expect((await res.json()).error).toBe('invalid_request');
    });
    it('malformed JSON on a JSON endpoint → 400', () =>
      rejected(async () => {
        const res = await fetch(`${f.url}/oauth/register`, { method: 'POST', body: '{"scope": "cds_client_admin",', headers: { 'Content-Type': 'application/json' } });
        return { status: res.status, json: await res.json() };
      }, 400, 'invalid_request'));
    it('GET on the token endpoint → 405', () =>
      rejected(async () => {
        const res = await fetch(tokenUrl);
        expect(res.headers.get('allow')).toBe('POST');
        return { status: res.status, json: await res.json() };
      }, 405, 'invalid_request'));
  });

  describe('token endpoint: scopes and authorization_details', () => {
    it('unknown scope → 400 invalid_scope', () => rejected(() => cc(basicOf(reg.admin), { scope: 'no_such_scope' }), 400, 'invalid_scope'));
    it('scope escalation on client_credentials → 400 invalid_scope', () =>
      rejected(() => cc(basicOf(reg.admin), { scope: 'cds_client_admin cds_grant_admin_1' }), 400, 'invalid_scope'));
    it('a Server-Provided Files scope asked for directly → 400 invalid_scope (§3.3.3)', () =>
      rejected(() => cc(basicOf(reg.grantAdmin), { scope: 'cds_server_provided_files_01' }), 400, 'invalid_scope'));
    it('malformed authorization_details → 400 invalid_authorization_details', () =>
      rejected(() => cc(basicOf(reg.grantAdmin), { authorization_details: '[{"type":' }), 400, 'invalid_authorization_details'));
    it('authorization_details that is JSON but not an array → 400 invalid_authorization_details', () =>
      rejected(() => cc(basicOf(reg.grantAdmin), { authorization_details: '{"type":"cds_grant_admin_1"}' }), 400, 'invalid_authorization_details'));
    it('authorization_details of a type the client may not use → 400 invalid_authorization_details', () =>
      rejected(() => cc(basicOf(reg.admin), { authorization_details: gaEntry(reg.files.client_id, reg.files.grant_id) }), 400, 'invalid_authorization_details'));
    it('Grant Admin with two entries → 400 invalid_authorization_details', () =>
      rejected(() => cc(basicOf(reg.grantAdmin), {
        authorization_details: JSON.stringify([...JSON.parse(gaEntry(reg.files.client_id, reg.files.grant_id)), ...JSON.parse(gaEntry(reg.files.client_id, reg.files.grant_id))]),
      }), 400, 'invalid_authorization_details'));
    it('Grant Admin without grant_id → 400 invalid_authorization_details', () =>
      rejected(() => cc(basicOf(reg.grantAdmin), { authorization_details: JSON.stringify([{ type: 'cds_grant_admin_1', client_id: reg.files.client_id }]) }), 400, 'invalid_authorization_details'));
    it('Grant Admin for another registration\'s Grant → 400 invalid_authorization_details', () =>
      rejected(() => cc(basicOf(reg.grantAdmin), { authorization_details: gaEntry(other.files.client_id, other.files.grant_id) }), 400, 'invalid_authorization_details'));
    it('Grant Admin with a client_id that does not own the Grant → 400 invalid_authorization_details', () =>
      rejected(() => cc(basicOf(reg.grantAdmin), { authorization_details: gaEntry(reg.admin.client_id, reg.files.grant_id) }), 400, 'invalid_authorization_details'));
    it('Grant Admin for a Grant whose scope has no Grant Admin access (cds_client_admin) → 400 invalid_authorization_details', async () => {
      const admin = await clientCredentials(as, reg.admin, { scope: 'cds_client_admin' });
      const [grantId] = admin.cds_grant_ids as string[];
      await rejected(() => cc(basicOf(reg.grantAdmin), { authorization_details: gaEntry(reg.admin.client_id, grantId) }), 400, 'invalid_authorization_details');
    });
    it('Grant Admin for a closed Grant → 400 invalid_authorization_details', async () => {
      const closed = await f.facade.context.repos.grants.create({
        registration_id: reg.registration_id, client_id: reg.files.client_id, origin: 'server', status: 'closed',
        scope: 'cds_server_provided_files_01', authorization_details: [{ type: 'cds_server_provided_files_01', file_id: 'f000000000000002' }],
      });
      await rejected(() => cc(basicOf(reg.grantAdmin), { authorization_details: gaEntry(reg.files.client_id, closed.grant_id) }), 400, 'invalid_authorization_details');
    });
    it('Grant Admin with a scope other than the entry type → 400 invalid_scope', () =>
      rejected(() => cc(basicOf(reg.grantAdmin), { scope: 'cds_grant_admin_1 cds_client_admin', authorization_details: gaEntry(reg.files.client_id, reg.files.grant_id) }), 400, 'invalid_scope'));
  });

  describe('token endpoint: authorization codes (RFC 6749 §4.1.3, RFC 7636)', () => {
    const fresh = (options = {}) => authorizeAndApprove(f, as, reg.usage, { scope: USAGE_SCOPE, ...options });
    const exchange = (code: string, extra: Record<string, string>, client: SeededClient = reg.usage) =>
      postForm(tokenUrl, { grant_type: 'authorization_code', code, redirect_uri: reg.usage.redirect_uri, ...extra },
        client.secret ? basicOf(client) : undefined);

    it('mismatched redirect_uri → invalid_grant, and the code still works afterwards', async () => {
      const { callback, verifier } = await fresh();
      await rejected(() => exchange(callback.get('code')!, { code_verifier: verifier, redirect_uri: 'https://client.example.com/other' }), 400, 'invalid_grant');
      expect((await redeem(as, reg.usage, callback, verifier)).access_token).toBeTruthy();
    });
    it('missing code_verifier → invalid_grant', async () => {
      const { callback } = await fresh();
      await rejected(() => exchange(callback.get('code')!, {}), 400, 'invalid_grant');
    });
    it('wrong code_verifier → invalid_grant', async () => {
      const { callback } = await fresh();
      await rejected(() => exchange(callback.get('code')!, { code_verifier: oauth.generateRandomCodeVerifier() }), 400, 'invalid_grant');
    });
    it('a code_verifier when no challenge was sent (PKCE downgrade) → invalid_grant', async () => {
      const { callback } = await fresh({ pkce: false });
      await rejected(() => exchange(callback.get('code')!, { code_verifier: oauth.generateRandomCodeVerifier() }), 400, 'invalid_grant');
    });
    it('a code issued to another client → invalid_grant', async () => {
      const { callback, verifier } = await fresh();
      await rejected(() => exchange(callback.get('code')!, { code_verifier: verifier, client_id: reg.publicUsage.client_id }, reg.publicUsage), 400, 'invalid_grant');
    });
    it('an expired code → invalid_grant', async () => {
      const { callback, verifier } = await fresh();
      offset = 61_000;
      await rejected(() => exchange(callback.get('code')!, { code_verifier: verifier }), 400, 'invalid_grant');
    });
    it('an unknown code → invalid_grant', () => rejected(() => exchange('not-a-code', { code_verifier: oauth.generateRandomCodeVerifier() }), 400, 'invalid_grant'));
    it('a replayed code → invalid_grant, and everything the first redemption issued is revoked', async () => {
      const { callback, verifier } = await fresh();
      const tokens = await redeem(as, reg.usage, callback, verifier);
      expect((await probe(f, 'granted', tokens.access_token)).status).toBe(200);
      const before = await snapshot(f.store);
      const replay = await exchange(callback.get('code')!, { code_verifier: verifier });
      expect(replay.status).toBe(400);
      expect(replay.json.error).toBe('invalid_grant');
      const changed = changedKeys(before, await snapshot(f.store));
      expect(changed).toHaveLength(1);
      expect(changed[0]).toMatch(/^oauth:family:/);
      expect((await probe(f, 'granted', tokens.access_token)).status).toBe(401);
      await expect(refresh(as, reg.usage, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    });
  });

  describe('token endpoint: refresh tokens', () => {
    async function session() {
      const { callback, verifier } = await authorizeAndApprove(f, as, reg.usage, { scope: USAGE_SCOPE });
      return redeem(as, reg.usage, callback, verifier);
    }
    const refreshForm = (token: string, extra: Record<string, string> = {}, client: SeededClient = reg.usage) =>
      postForm(tokenUrl, { grant_type: 'refresh_token', refresh_token: token, ...extra }, client.secret ? basicOf(client) : undefined);

    it('scope escalation on refresh → invalid_scope, and the refresh token still works', async () => {
      const tokens = await session();
      await rejected(() => refreshForm(tokens.refresh_token!, { scope: `${USAGE_SCOPE} cds_client_admin` }), 400, 'invalid_scope');
      expect((await refresh(as, reg.usage, tokens.refresh_token!)).access_token).toBeTruthy();
    });
    it('another client\'s refresh token → invalid_grant', async () => {
      const tokens = await session();
      await rejected(() => refreshForm(tokens.refresh_token!, { client_id: reg.publicUsage.client_id }, reg.publicUsage), 400, 'invalid_grant');
    });
    it('a revoked refresh token → invalid_grant', async () => {
      const tokens = await session();
      await oauth.processRevocationResponse(await oauth.revocationRequest(as, { client_id: reg.usage.client_id }, auth(reg.usage), tokens.refresh_token!, insecure));
      await rejected(() => refreshForm(tokens.refresh_token!), 400, 'invalid_grant');
    });
    it('a rotated refresh token presented again → invalid_grant, and the whole family dies', async () => {
      const tokens = await session();
      const rotated = await refresh(as, reg.usage, tokens.refresh_token!);
      const replay = await refreshForm(tokens.refresh_token!);
      expect(replay.status).toBe(400);
      expect(replay.json.error).toBe('invalid_grant');
      expect((await probe(f, 'granted', rotated.access_token)).status).toBe(401);
      await rejected(() => refreshForm(rotated.refresh_token!), 400, 'invalid_grant');
    });
    it('an unknown refresh token → invalid_grant', () => rejected(() => refreshForm('nope'), 400, 'invalid_grant'));
  });

  describe('authorization endpoint (RFC 6749 §4.1.2.1, cds-wg3-01 §9.1.1, cds-wg1-02 §8.3)', () => {
    const base = () => ({ response_type: 'code', client_id: reg.usage.client_id, redirect_uri: reg.usage.redirect_uri, state: 'st-1', scope: USAGE_SCOPE });
    const challenge = async () => ({ code_challenge: await oauth.calculatePKCECodeChallenge(oauth.generateRandomCodeVerifier()), code_challenge_method: 'S256' });
    const url = (params: Record<string, string | string[]>) => {
      const u = new URL(as.authorization_endpoint!);
      for (const [k, v] of Object.entries(params)) for (const x of [v].flat()) u.searchParams.append(k, x);
      return u.toString();
    };
    async function redirected(params: Record<string, string | string[]>, error: string) {
      const res = await unchanged(() => openAuthorize(url(params)));
      expect(res.status).toBe(303);
      const location = new URL(res.location!);
      expect(`${location.origin}${location.pathname}`).toBe(reg.usage.redirect_uri);
      expect(location.searchParams.get('error')).toBe(error);
      expect(location.searchParams.get('state')).toBe('st-1');
      expect(location.searchParams.get('iss')).toBe(f.url);
      expect(location.searchParams.get('code')).toBeNull();
    }
    async function errorPage(params: Record<string, string | string[]>) {
      const res = await unchanged(() => openAuthorize(url(params)));
      expect(res.status).toBe(400);
      expect(res.location).toBeNull();
      expect(res.text).toContain('This authorization link does not work');
    }

    it('plain PKCE → error redirect invalid_request', async () => redirected({ ...base(), code_challenge: 'x'.repeat(43), code_challenge_method: 'plain' }, 'invalid_request'));
    it('a public client without PKCE → error redirect invalid_request', async () =>
      redirected({ ...base(), client_id: reg.publicUsage.client_id }, 'invalid_request'));
    it('unknown client_id → Invalid Request Error page, no redirect', () => errorPage({ ...base(), client_id: 'ffffffffffffffff' }));
    it('unregistered redirect_uri → Invalid Request Error page', () => errorPage({ ...base(), redirect_uri: 'https://evil.example.com/cb' }));
    it('response_type=token → Invalid Request Error page', () => errorPage({ ...base(), response_type: 'token' }));
    it('a client without response types → Invalid Request Error page', () => errorPage({ ...base(), client_id: reg.admin.client_id }));
    it('unknown scope → error redirect invalid_scope', async () => redirected({ ...base(), ...(await challenge()), scope: 'no_such_scope' }, 'invalid_scope'));
    it('a scope the client is not registered for → error redirect invalid_scope', async () =>
      redirected({ ...base(), ...(await challenge()), scope: 'cds_client_admin' }, 'invalid_scope'));
    it('malformed authorization_details → error redirect invalid_authorization_details', async () =>
      redirected({ ...base(), ...(await challenge()), authorization_details: '{"type":"x"}' }, 'invalid_authorization_details'));
    it('a repeated state → error redirect invalid_request (without the ambiguous state)', async () => {
      const res = await unchanged(() => openAuthorize(url({ ...base(), state: ['a', 'b'] })));
      expect(new URL(res.location!).searchParams.get('error')).toBe('invalid_request');
    });
    it('cds_grant_id of another client\'s Grant → error redirect cds_grant_id_invalid_value (§8.3 d)', async () =>
      redirected({ ...base(), ...(await challenge()), cds_grant_id: reg.files.grant_id }, 'cds_grant_id_invalid_value'));
    it('an unknown cds_grant_id → error redirect cds_grant_id_invalid_value', async () =>
      redirected({ ...base(), ...(await challenge()), cds_grant_id: 'ffffffffffffffff' }, 'cds_grant_id_invalid_value'));
    it('two non-empty cds_grant_id → error redirect invalid_request (§8.3 g, A32)', async () =>
      redirected({ ...base(), ...(await challenge()), cds_grant_id: ['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb'] }, 'invalid_request'));
    it('other errors are reported before a cds_grant_id error (§8.3 e)', async () =>
      redirected({ ...base(), ...(await challenge()), scope: 'no_such_scope', cds_grant_id: 'ffffffffffffffff' }, 'invalid_scope'));
    it('an empty cds_grant_id is ignored (§8.3 f), and a needs_authorization Grant of the client is accepted', async () => {
      const empty = await openAuthorize(url({ ...base(), ...(await challenge()), cds_grant_id: '' }));
      expect(handoffId(empty.location)).toBeTruthy();
      const needs = await f.facade.context.repos.grants.create({
        registration_id: reg.registration_id, client_id: reg.usage.client_id, origin: 'server', status: 'needs_authorization',
        scope: USAGE_SCOPE, enabled_scope: '', enabled_authorization_details: [],
      });
      const opened = await openAuthorize(url({ ...base(), ...(await challenge()), cds_grant_id: needs.grant_id, prompt: 'login' }));
      const pending = await f.facade.context.oauth.getPendingAuthorization(handoffId(opened.location));
      expect(pending).toMatchObject({ cds_grant_id: needs.grant_id, prompt: 'login', state: 'st-1' });
    });
  });

  describe('pushed authorization requests (RFC 9126)', () => {
    async function push(client = reg.usage, extra: Record<string, string> = {}) {
      const params = {
        response_type: 'code', redirect_uri: client.redirect_uri, scope: USAGE_SCOPE, state: 'st-par',
        code_challenge: await oauth.calculatePKCECodeChallenge(oauth.generateRandomCodeVerifier()), code_challenge_method: 'S256', ...extra,
      };
      const response = await oauth.pushedAuthorizationRequest(as, { client_id: client.client_id }, auth(client), params, insecure);
      return oauth.processPushedAuthorizationResponse(as, { client_id: client.client_id }, response);
    }
    const open = (clientId: string, requestUri: string) =>
      openAuthorize(`${as.authorization_endpoint}?client_id=${clientId}&request_uri=${encodeURIComponent(requestUri)}`);

    it('a request_uri used twice → Invalid Request Error page the second time', async () => {
      const { request_uri } = await push();
      expect(handoffId((await open(reg.usage.client_id, request_uri)).location)).toBeTruthy();
      const again = await unchanged(() => open(reg.usage.client_id, request_uri));
      expect(again.status).toBe(400);
      expect(again.text).toContain('invalid_request_uri');
    });
    it('an expired request_uri → Invalid Request Error page', async () => {
      const { request_uri, expires_in } = await push();
      offset = (expires_in + 1) * 1000;
      const res = await unchanged(() => open(reg.usage.client_id, request_uri));
      expect(res.status).toBe(400);
    });
    it('a request_uri with another client_id → Invalid Request Error page, and it stays usable by its client', async () => {
      const { request_uri } = await push();
      const res = await unchanged(() => open(reg.publicUsage.client_id, request_uri));
      expect(res.status).toBe(400);
      expect(handoffId((await open(reg.usage.client_id, request_uri)).location)).toBeTruthy();
    });
    it('wrong secret → 401 invalid_client', () =>
      rejected(() => postForm(parUrl, { response_type: 'code', scope: USAGE_SCOPE }, { id: reg.usage.client_id, secret: 'nope' }), 401, 'invalid_client'));
    it('a request_uri inside a pushed request → 400 invalid_request', () =>
      rejected(() => postForm(parUrl, { response_type: 'code', scope: USAGE_SCOPE, request_uri: 'urn:x' }, basicOf(reg.usage)), 400, 'invalid_request'));
    it('an invalid cds_grant_id → 400 cds_grant_id_invalid_value as JSON', () =>
      rejected(() => postForm(parUrl, { response_type: 'code', scope: USAGE_SCOPE, redirect_uri: reg.usage.redirect_uri, cds_grant_id: reg.files.grant_id }, basicOf(reg.usage)), 400, 'cds_grant_id_invalid_value'));
    it('a field value outside its limits → 400 invalid_authorization_details (§3.8 maximum)', () =>
      rejected(() => postForm(parUrl, { response_type: 'code', redirect_uri: reg.usage.redirect_uri, authorization_details: JSON.stringify([{ type: USAGE_SCOPE, label: 'x'.repeat(21) }]) }, basicOf(reg.usage)), 400, 'invalid_authorization_details'));
    it('a field the scope does not define → 400 invalid_authorization_details (RFC 9396 §5)', () =>
      rejected(() => postForm(parUrl, { response_type: 'code', redirect_uri: reg.usage.redirect_uri, authorization_details: JSON.stringify([{ type: USAGE_SCOPE, colour: 'red' }]) }, basicOf(reg.usage)), 400, 'invalid_authorization_details'));
    it('an unregistered redirect_uri → 400 invalid_request as JSON', () =>
      rejected(() => postForm(parUrl, { response_type: 'code', scope: USAGE_SCOPE, redirect_uri: 'https://evil.example.com/' }, basicOf(reg.usage)), 400, 'invalid_request'));
  });

  describe('bearer tokens on the APIs (RFC 6750)', () => {
    let token: string;
    beforeAll(async () => { token = (await clientCredentials(as, reg.admin, { scope: 'cds_client_admin' })).access_token; });
    const call = (path: 'admin' | 'granted' | 'any', headers: Record<string, string>) => unchanged(async () => {
      const res = await fetch(`${f.url}/probe/${path}${headers.query ?? ''}`, { headers: headers.query ? {} : headers });
      return { status: res.status, json: await res.json() as Record<string, unknown>, challenge: res.headers.get('www-authenticate') };
    });

    it('no token → 401 with a bare Bearer challenge', async () => {
      const res = await call('admin', {});
      expect(res.status).toBe(401);
      expect(res.challenge).toBe('Bearer realm="cds"');
    });
    it('a token in the query string is not accepted (§11.2) → 401', async () => {
      expect((await call('admin', { query: `?access_token=${token}` })).status).toBe(401);
    });
    it('a garbage token → 401 invalid_token', async () => {
      const res = await call('admin', { Authorization: 'Bearer not.a.jwt' });
      expect(res.status).toBe(401);
      expect(res.challenge).toContain('error="invalid_token"');
    });
    it('a token signed by another key → 401 invalid_token', async () => {
      const { privateKey } = await generateKeyPair('ES256');
      const forged = await new SignJWT(decodeJwt(token)).setProtectedHeader(decodeProtectedHeader(token) as { alg: string }).sign(privateKey);
      expect((await call('admin', { Authorization: `Bearer ${forged}` })).status).toBe(401);
    });
    it('an expired token → 401 invalid_token', async () => {
      offset = 3601_000;
      const res = await call('admin', { Authorization: `Bearer ${token}` });
      expect(res.status).toBe(401);
      expect(res.json.error_description).toMatch(/expired/);
    });
    it('the Basic scheme → 400 invalid_request', async () => {
      expect((await call('admin', { Authorization: `Basic ${Buffer.from('a:b').toString('base64')}` })).status).toBe(400);
    });
    it('a token without the needed scope → 403 insufficient_scope', async () => {
      const ga = await clientCredentials(as, reg.grantAdmin, { authorization_details: gaEntry(reg.files.client_id, reg.files.grant_id) });
      const res = await call('admin', { Authorization: `Bearer ${ga.access_token}` });
      expect(res.status).toBe(403);
      expect(res.json.error).toBe('insufficient_scope');
      expect(res.challenge).toContain('scope="cds_client_admin"');
    });
  });

  describe('introspection and revocation across registrations', () => {
    it('introspecting another registration\'s token → active: false', async () => {
      const theirs = await clientCredentials(as, other.admin, { scope: 'cds_client_admin' });
      const res = await unchanged(() => postForm(as.introspection_endpoint!, { token: theirs.access_token }, basicOf(reg.admin)));
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ active: false });
    });
    it('revoking another registration\'s token → 400 invalid_grant, and the token keeps working', async () => {
      const theirs = await clientCredentials(as, other.admin, { scope: 'cds_client_admin' });
      await rejected(() => postForm(as.revocation_endpoint!, { token: theirs.access_token }, basicOf(reg.admin)), 400, 'invalid_grant');
      expect((await probe(f, 'admin', theirs.access_token)).status).toBe(200);
    });
    it('introspection by a public client → 401 invalid_client', () =>
      rejected(() => postForm(as.introspection_endpoint!, { token: 'x', client_id: reg.publicUsage.client_id }), 401, 'invalid_client'));
    it('revocation without a token → 400 invalid_request', () =>
      rejected(() => postForm(as.revocation_endpoint!, {}, basicOf(reg.admin)), 400, 'invalid_request'));
    it('revoking an unknown token → 200 and nothing changes (RFC 7009 §2.2)', async () => {
      const res = await unchanged(() => postForm(as.revocation_endpoint!, { token: 'unknown-token' }, basicOf(reg.admin)));
      expect(res.status).toBe(200);
    });
  });
});

import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  auth, authorizationServer, authorizeAndApprove, clientCredentials, insecure, probe, redeem, refresh,
} from './support/client';
import { makeStore, startFacade, type RunningFacade, type StoreKind } from './support/facade';
import { seedRegistration, USAGE_SCOPE, type SeededRegistration } from './support/registration';

/**
 * The OAuth flows of cds-wg1-02 driven by an independent client (oauth4webapi) over real HTTP,
 * against the embedded store and against Redis.
 */
describe.each<StoreKind>(['memory', 'redis'])('OAuth flows with oauth4webapi (%s store)', (kind) => {
  let f: RunningFacade;
  let as: oauth.AuthorizationServer;
  let reg: SeededRegistration;

  beforeAll(async () => {
    f = await startFacade({ store: makeStore(kind, inject('redisUrl')) });
    as = await authorizationServer(f);
    reg = await seedRegistration(f.facade);
  });
  afterAll(async () => {
    await f.close();
    await f.store.close();
  });

  it('publishes a JWKS whose key verifies the RFC 9068 access tokens', async () => {
    const jwks = await (await fetch(`${f.url}/oauth/jwks`)).json();
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwks.keys[0].d).toBeUndefined();
    const tokens = await clientCredentials(as, reg.admin, { scope: 'cds_client_admin' });
    const claims = await oauth.validateJwtAccessToken(as, new Request(`${f.url}/probe/admin`, {
      headers: { Authorization: `Bearer ${tokens.access_token}` },
    }), f.url, insecure);
    expect(claims).toMatchObject({ iss: f.url, aud: f.url, sub: reg.admin.client_id, client_id: reg.admin.client_id, scope: 'cds_client_admin' });
    expect(claims.cds_grant_ids).toEqual(tokens.cds_grant_ids);
  });

  it('issues a cds_client_admin token by client_credentials with the Grant it stands on (§12.4, §8.4)', async () => {
    const first = await clientCredentials(as, reg.admin, { scope: 'cds_client_admin' });
    expect(first).toMatchObject({ token_type: 'bearer', expires_in: 3600, scope: 'cds_client_admin' });
    expect(first.refresh_token).toBeUndefined();
    const grantIds = first.cds_grant_ids as string[];
    expect(grantIds).toHaveLength(1);
    const grant = await f.facade.context.repos.grants.get(grantIds[0]);
    expect(grant).toMatchObject({ client_id: reg.admin.client_id, scope: 'cds_client_admin', status: 'active', origin: 'client_credentials' });
    // A31: the same access reuses its Grant, whose `modified` advances.
    const second = await clientCredentials(as, reg.admin, {});
    expect(second.cds_grant_ids).toEqual(grantIds);
    expect((await f.facade.context.repos.grants.get(grantIds[0]))!.modified > grant!.modified).toBe(true);
    const seen = await probe(f, 'admin', second.access_token);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      clientId: reg.admin.client_id, registrationId: reg.registration_id, credentialId: reg.admin.credential_id,
      scope: 'cds_client_admin', grantIds, accessGrantIds: grantIds, grantAdminOf: null,
    });
  });

  it('issues a Grant Admin token for a Server-created Grant with authorization_details (§3.3.2, §12.19)', async () => {
    const entry = { type: 'cds_grant_admin_1', client_id: reg.files.client_id, grant_id: reg.files.grant_id };
    const tokens = await clientCredentials(as, reg.grantAdmin, { scope: 'cds_grant_admin_1', authorization_details: JSON.stringify([entry]) });
    expect(tokens.scope).toBe('cds_grant_admin_1');
    expect(tokens.authorization_details).toEqual([entry]);
    const [own] = tokens.cds_grant_ids as string[];
    expect(own).not.toBe(reg.files.grant_id);
    expect(await f.facade.context.repos.grants.get(own)).toMatchObject({ client_id: reg.grantAdmin.client_id, scope: 'cds_grant_admin_1', authorization_details: [entry] });
    const seen = await probe(f, 'granted', tokens.access_token);
    expect(seen.body).toMatchObject({ grantAdminOf: reg.files.grant_id, accessGrantIds: [reg.files.grant_id], grantIds: [own, reg.files.grant_id] });
    // Without `scope`, as the overview's example sends it (digest A21).
    const bare = await clientCredentials(as, reg.grantAdmin, { authorization_details: JSON.stringify([entry]) });
    expect(bare.scope).toBe('cds_grant_admin_1');
    // A Grant Admin token is not a management token.
    expect((await probe(f, 'admin', bare.access_token)).status).toBe(403);
  });

  it('runs PAR + authorization code + PKCE, and rotates refresh tokens (RFC 9126, 7636, 6749 §6)', async () => {
    const details = JSON.stringify([{ type: USAGE_SCOPE }]);
    const { callback, verifier, grant } = await authorizeAndApprove(f, as, reg.usage, { par: true, scope: USAGE_SCOPE, authorization_details: details });
    const tokens = await redeem(as, reg.usage, callback, verifier);
    expect(tokens).toMatchObject({ token_type: 'bearer', scope: USAGE_SCOPE, cds_grant_ids: [grant.grant_id] });
    // The engine filled in the field default (cds-wg1-02 §3.8), and the token response echoes it (RFC 9396 §7).
    expect(grant.authorization_details).toEqual([{ type: USAGE_SCOPE, label: 'all' }]);
    expect(tokens.authorization_details).toEqual([{ type: USAGE_SCOPE, label: 'all' }]);
    expect(typeof tokens.refresh_token).toBe('string');
    expect((await probe(f, 'granted', tokens.access_token)).body).toMatchObject({ accessGrantIds: [grant.grant_id], credentialId: reg.usage.credential_id });

    const rotated = await refresh(as, reg.usage, tokens.refresh_token!);
    expect(rotated.refresh_token).not.toBe(tokens.refresh_token);
    expect(rotated.cds_grant_ids).toBeUndefined(); // A31: no Grant changed
    expect((await probe(f, 'granted', rotated.access_token)).status).toBe(200);
    const again = await refresh(as, reg.usage, rotated.refresh_token!);
    expect((await probe(f, 'granted', again.access_token)).status).toBe(200);
  });

  it('runs the code flow for a public client (none) with PKCE and the Client defaults (§5.1)', async () => {
    const { callback, verifier, grant } = await authorizeAndApprove(f, as, reg.publicUsage, {});
    expect(grant.scope).toBe(USAGE_SCOPE);
    const tokens = await redeem(as, reg.publicUsage, callback, verifier);
    expect(tokens.scope).toBe(USAGE_SCOPE);
    expect((await probe(f, 'granted', tokens.access_token)).body).toMatchObject({ clientId: reg.publicUsage.client_id, credentialId: null });
  });

  it('sends the customer to the receipt, not a code, on the Server default redirect_uri (§4.2, wg3-01 §9.1.1)', async () => {
    const { location, grant } = await authorizeAndApprove(f, as, { ...reg.usage, redirect_uri: reg.usage.default_redirect_uri }, { scope: USAGE_SCOPE });
    const url = new URL(location);
    expect(`${url.origin}${url.pathname}`).toBe(reg.usage.default_redirect_uri);
    expect(url.searchParams.get('code')).toBeNull();
    expect(url.searchParams.get('grant_id')).toBe(grant.grant_id);
  });

  it('introspects and revokes tokens of its own registration (RFC 7662, RFC 7009)', async () => {
    const admin = { client_id: reg.admin.client_id };
    const { callback, verifier } = await authorizeAndApprove(f, as, reg.usage, { scope: USAGE_SCOPE });
    const tokens = await redeem(as, reg.usage, callback, verifier);

    const introspect = async (token: string) => oauth.processIntrospectionResponse(as, admin,
      await oauth.introspectionRequest(as, admin, auth(reg.admin), token, insecure));
    expect(await introspect(tokens.access_token)).toMatchObject({ active: true, client_id: reg.usage.client_id, scope: USAGE_SCOPE, token_type: 'Bearer' });
    expect(await introspect(tokens.refresh_token!)).toMatchObject({ active: true, client_id: reg.usage.client_id, token_type: 'refresh_token' });

    await oauth.processRevocationResponse(await oauth.revocationRequest(as, { client_id: reg.usage.client_id }, auth(reg.usage), tokens.access_token, insecure));
    expect((await introspect(tokens.access_token)).active).toBe(false);
    expect((await probe(f, 'granted', tokens.access_token)).status).toBe(401);
    expect((await introspect(tokens.refresh_token!)).active).toBe(true);

    // Revoking the refresh token ends its family (RFC 7009 §2.1), from another Client of the registration.
    await oauth.processRevocationResponse(await oauth.revocationRequest(as, admin, auth(reg.admin), tokens.refresh_token!, insecure));
    expect((await introspect(tokens.refresh_token!)).active).toBe(false);
    await expect(refresh(as, reg.usage, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });
});

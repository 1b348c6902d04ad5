import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  authorizationServer, authorizeAndApprove, basicOf, clientCredentials, postForm, probe, redeem,
} from './support/client';
import { makeStore, startFacade, type RunningFacade, type StoreKind } from './support/facade';
import { closeGrant, disableClient, expireCredential } from './support/mutations';
import { seedRegistration, USAGE_SCOPE, type SeededClient } from './support/registration';

/**
 * Revocation is immediate because every use re-reads the Client, Credential and Grants behind a
 * token (cds-wg1-02 §5.2, §7.6, §8.2): nothing waits for the token to expire.
 */
describe.each<StoreKind>(['memory', 'redis'])('status re-checks on every use (%s store)', (kind) => {
  let f: RunningFacade;
  let as: oauth.AuthorizationServer;

  beforeAll(async () => {
    f = await startFacade({ store: makeStore(kind, inject('redisUrl')) });
    as = await authorizationServer(f);
  });
  afterAll(async () => {
    await f.close();
    await f.store.close();
  });

  const introspect = async (by: SeededClient, token: string) =>
    (await postForm(as.introspection_endpoint!, { token }, basicOf(by))).json;

  it('an expired Credential (§7.6) stops its secret and every token issued through it', async () => {
    const reg = await seedRegistration(f.facade);
    const admin = await clientCredentials(as, reg.admin, { scope: 'cds_client_admin' });
    const { callback, verifier } = await authorizeAndApprove(f, as, reg.usage, { scope: USAGE_SCOPE });
    const user = await redeem(as, reg.usage, callback, verifier);

    await expireCredential(f.facade, reg.usage.credential_id!);
    expect((await probe(f, 'granted', user.access_token)).status).toBe(401);
    expect(await introspect(reg.admin, user.access_token)).toEqual({ active: false });
    expect(await introspect(reg.admin, user.refresh_token!)).toEqual({ active: false });
    const refreshed = await postForm(as.token_endpoint!, { grant_type: 'refresh_token', refresh_token: user.refresh_token! }, basicOf(reg.usage));
    expect(refreshed.status).toBe(401); // the secret itself no longer authenticates
    expect((await probe(f, 'admin', admin.access_token)).status).toBe(200); // other Credentials unaffected

    await expireCredential(f.facade, reg.admin.credential_id!);
    expect((await probe(f, 'admin', admin.access_token)).status).toBe(401);
    const again = await postForm(as.token_endpoint!, { grant_type: 'client_credentials', scope: 'cds_client_admin' }, basicOf(reg.admin));
    expect(again.status).toBe(401);
    expect(again.json.error).toBe('invalid_client');
  });

  it('a disabled Client (§5.2) loses its tokens and cannot get new ones', async () => {
    const reg = await seedRegistration(f.facade);
    const entry = JSON.stringify([{ type: 'cds_grant_admin_1', client_id: reg.files.client_id, grant_id: reg.files.grant_id }]);
    const ga = await clientCredentials(as, reg.grantAdmin, { authorization_details: entry });
    expect((await probe(f, 'granted', ga.access_token)).status).toBe(200);
    await disableClient(f.facade, reg.grantAdmin.client_id);
    expect((await probe(f, 'granted', ga.access_token)).status).toBe(401);
    const res = await postForm(as.token_endpoint!, { grant_type: 'client_credentials', authorization_details: entry }, basicOf(reg.grantAdmin));
    expect(res.status).toBe(401);
    expect(res.json.error).toBe('invalid_client');
  });

  it('a closed Grant (§8.2) ends the tokens drawn from it, including Grant Admin tokens that administer it', async () => {
    const reg = await seedRegistration(f.facade);
    const { callback, verifier, grant } = await authorizeAndApprove(f, as, reg.usage, { scope: USAGE_SCOPE });
    const user = await redeem(as, reg.usage, callback, verifier);
    const entry = JSON.stringify([{ type: 'cds_grant_admin_1', client_id: reg.usage.client_id, grant_id: grant.grant_id }]);
    const ga = await clientCredentials(as, reg.grantAdmin, { authorization_details: entry });
    expect((await probe(f, 'granted', ga.access_token)).body).toMatchObject({ grantAdminOf: grant.grant_id });

    await closeGrant(f.facade, grant.grant_id);
    expect((await probe(f, 'granted', user.access_token)).status).toBe(401);
    expect((await probe(f, 'granted', ga.access_token)).status).toBe(401);
    const refreshed = await postForm(as.token_endpoint!, { grant_type: 'refresh_token', refresh_token: user.refresh_token! }, basicOf(reg.usage));
    expect(refreshed.json.error).toBe('invalid_grant');
    const denied = await postForm(as.token_endpoint!, { grant_type: 'client_credentials', authorization_details: entry }, basicOf(reg.grantAdmin));
    expect(denied.json.error).toBe('invalid_authorization_details');
  });
});

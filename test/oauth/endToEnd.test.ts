import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { auth, clientCredentials, insecure } from './support/client';
import { makeStore, startFacade, type RunningFacade } from './support/facade';
import { seedRegistration, USAGE_SCOPE } from './support/registration';

/**
 * From nothing to managing a registration, as a third party would do it: discovery (RFC 8414 via
 * oauth4webapi), registration (§4), a client_credentials token (§12.4), and the management APIs
 * guarded by the bearer middleware — which keep each registration to its own objects.
 */
describe('discovery, registration, tokens and the management APIs', () => {
  let f: RunningFacade;
  let as: oauth.AuthorizationServer;

  beforeAll(async () => {
    f = await startFacade({ store: makeStore('redis', inject('redisUrl')) });
    as = await oauth.processDiscoveryResponse(new URL(f.url), await oauth.discoveryRequest(new URL(f.url), { algorithm: 'oauth2', ...insecure }));
  });
  afterAll(async () => {
    await f.close();
    await f.store.close();
  });

  it('discovers the OAuth endpoints this server implements', () => {
    expect(as).toMatchObject({
      issuer: f.url,
      token_endpoint: `${f.url}/oauth/token`,
      authorization_endpoint: `${f.url}/oauth/authorize`,
      pushed_authorization_request_endpoint: `${f.url}/oauth/par`,
      revocation_endpoint: `${f.url}/oauth/token/revoke`,
      introspection_endpoint: `${f.url}/oauth/token/info`,
    });
    expect(as.code_challenge_methods_supported).toContain('S256');
    expect(as.code_challenge_methods_supported).not.toContain('plain');
  });

  it('registers, gets a cds_client_admin token and reaches only its own registration\'s objects', async () => {
    const registered = await fetch(as.registration_endpoint!, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ scope: `cds_client_admin cds_grant_admin_1 ${USAGE_SCOPE}`, client_name: 'E2E App' }),
    });
    expect([200, 201]).toContain(registered.status);
    const client = await registered.json() as { client_id: string; client_secret: string };
    const tokens = await clientCredentials(as, { client_id: client.client_id, secret: client.client_secret, credential_id: null }, { scope: 'cds_client_admin' });
    expect(tokens.cds_grant_ids).toHaveLength(1);

    const api = (as as Record<string, unknown>).cds_grants_api as string;
    const call = (url: string, token = tokens.access_token) => fetch(url, { headers: { Authorization: `Bearer ${token}` } });
    const listing = await call(api);
    expect(listing.status).toBe(200);
    const { grants } = await listing.json() as { grants: { grant_id: string }[] };
    expect(grants.map((g) => g.grant_id)).toEqual(tokens.cds_grant_ids);

    // Another registration's Grant is out of reach with this token.
    const other = await seedRegistration(f.facade);
    expect([403, 404]).toContain((await call(`${api}/${other.files.grant_id}`)).status);
    // A Grant Admin token of the other registration is not a management token.
    const ga = await clientCredentials(as, other.grantAdmin, {
      authorization_details: JSON.stringify([{ type: 'cds_grant_admin_1', client_id: other.files.client_id, grant_id: other.files.grant_id }]),
    });
    expect((await call(api, ga.access_token)).status).toBe(403);

    // Revoked: the API refuses it at once.
    await oauth.processRevocationResponse(await oauth.revocationRequest(as, { client_id: client.client_id }, auth({ client_id: client.client_id, secret: client.client_secret, credential_id: null }), tokens.access_token, insecure));
    const refused = await call(api);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });
});

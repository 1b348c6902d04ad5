import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { authorizationServer, handoffId, openAuthorize } from './support/client';
import { makeStore, startFacade, type RunningFacade } from './support/facade';
import { seedRegistration, USAGE_SCOPE, type SeededRegistration } from './support/registration';

/** The completion API the consent pages call (cds-wg3-01 §9.1.1, cds-wg1-02 §8.3). */
describe('completing a pending authorization', () => {
  let f: RunningFacade;
  let as: oauth.AuthorizationServer;
  let reg: SeededRegistration;

  beforeAll(async () => {
    f = await startFacade({ store: makeStore('redis', inject('redisUrl')) });
    as = await authorizationServer(f);
    reg = await seedRegistration(f.facade);
  });
  afterAll(async () => {
    await f.close();
    await f.store.close();
  });

  async function pendingId(state = 'st-c') {
    const url = new URL(as.authorization_endpoint!);
    for (const [k, v] of Object.entries({ response_type: 'code', client_id: reg.usage.client_id, scope: USAGE_SCOPE, state })) url.searchParams.set(k, v);
    return handoffId((await openAuthorize(url.toString())).location);
  }
  const grantFor = (clientId: string, scope = USAGE_SCOPE) => f.facade.context.repos.grants.create({
    registration_id: reg.registration_id, client_id: clientId, origin: 'authorization_code', subject: 'customer-1', scope,
  });

  it('shows the consent pages the request with the Client defaults applied (§5.1)', async () => {
    const pending = await f.facade.context.oauth.getPendingAuthorization(await pendingId());
    expect(pending).toMatchObject({
      client_id: reg.usage.client_id, redirect_uri: reg.usage.redirect_uri, redirect_uri_is_server_default: false,
      state: 'st-c', scope: [USAGE_SCOPE], authorization_details: [{ type: USAGE_SCOPE, label: 'all' }], via_par: false,
    });
    expect(await f.facade.context.oauth.getPendingAuthorization('no-such-request')).toBeNull();
  });

  it('a decline goes back with access_denied and the state, once', async () => {
    const id = await pendingId();
    const location = new URL(await f.facade.context.oauth.completeAuthorization(id, { outcome: 'deny' }));
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('st-c');
    await expect(f.facade.context.oauth.completeAuthorization(id, { outcome: 'deny' })).rejects.toMatchObject({ status: 404 });
    expect(await f.facade.context.oauth.getPendingAuthorization(id)).toBeNull();
  });

  it('other endings carry their error code (e.g. cds_grant_id_invalid_user, §8.3 i)', async () => {
    const location = new URL(await f.facade.context.oauth.completeAuthorization(await pendingId(), {
      outcome: 'error', error: 'cds_grant_id_invalid_user', error_description: 'the Grant belongs to another customer',
    }));
    expect(location.searchParams.get('error')).toBe('cds_grant_id_invalid_user');
    expect(location.searchParams.get('code')).toBeNull();
  });

  it('refuses an approval wider than the request, or with another Client\'s Grant, and keeps the request pending', async () => {
    const id = await pendingId();
    const mine = await grantFor(reg.usage.client_id);
    await expect(f.facade.context.oauth.completeAuthorization(id, { outcome: 'approve', grant_id: mine.grant_id, scope: `${USAGE_SCOPE} cds_client_admin` }))
      .rejects.toMatchObject({ status: 400 });
    const theirs = await grantFor(reg.publicUsage.client_id);
    await expect(f.facade.context.oauth.completeAuthorization(id, { outcome: 'approve', grant_id: theirs.grant_id }))
      .rejects.toMatchObject({ status: 400 });
    expect(await f.facade.context.oauth.getPendingAuthorization(id)).not.toBeNull();
    const location = new URL(await f.facade.context.oauth.completeAuthorization(id, { outcome: 'approve', grant_id: mine.grant_id }));
    expect(location.searchParams.get('code')).toBeTruthy();
    expect(location.searchParams.get('iss')).toBe(f.url);
  });
});

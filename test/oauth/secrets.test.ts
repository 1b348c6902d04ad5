import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  authorizationServer, authorizeAndApprove, basicOf, clientCredentials, postForm, probe, redeem, refresh,
} from './support/client';
import { makeStore, startFacade, type RunningFacade, type StoreKind } from './support/facade';
import { seedRegistration, USAGE_SCOPE } from './support/registration';
import { snapshot } from './support/snapshot';

/**
 * Client secrets, authorization codes, refresh tokens, access tokens and passwords never reach the
 * store or the logs in clear: after a run that uses each of them (successfully and not), the whole
 * store (Redis: SCAN over the prefix) and every captured log line are searched for every one.
 */
describe.each<StoreKind>(['memory', 'redis'])('no secret in clear in the store or the logs (%s store)', (kind) => {
  let f: RunningFacade;
  const secrets = new Map<string, string>();

  beforeAll(async () => {
    f = await startFacade({ store: makeStore(kind, inject('redisUrl')) });
    const as = await authorizationServer(f);
    const reg = await seedRegistration(f.facade);
    for (const [name, client] of Object.entries({ admin: reg.admin, grantAdmin: reg.grantAdmin, usage: reg.usage })) {
      secrets.set(`client_secret of ${name}`, client.secret!);
    }

    const admin = await clientCredentials(as, reg.admin, { scope: 'cds_client_admin' });
    secrets.set('access token (client_credentials)', admin.access_token);
    await probe(f, 'admin', admin.access_token);

    const { callback, verifier } = await authorizeAndApprove(f, as, reg.usage, { par: true, scope: USAGE_SCOPE });
    secrets.set('authorization code', callback.get('code')!);
    secrets.set('code_verifier', verifier);
    const user = await redeem(as, reg.usage, callback, verifier);
    secrets.set('access token (code)', user.access_token);
    secrets.set('refresh token', user.refresh_token!);
    const rotated = await refresh(as, reg.usage, user.refresh_token!);
    secrets.set('rotated refresh token', rotated.refresh_token!);
    // A replayed code and a replayed refresh token are logged as warnings: without the values.
    await postForm(as.token_endpoint!, { grant_type: 'authorization_code', code: callback.get('code')!, code_verifier: verifier, redirect_uri: reg.usage.redirect_uri }, basicOf(reg.usage));
    await postForm(as.token_endpoint!, { grant_type: 'refresh_token', refresh_token: user.refresh_token! }, basicOf(reg.usage));

    const password = `pw-${oauth.generateRandomState()}`;
    secrets.set('password', password);
    await postForm(as.token_endpoint!, { grant_type: 'password', username: 'someone', password }, basicOf(reg.admin));
    const wrongSecret = `wrong-${oauth.generateRandomState()}`;
    secrets.set('a wrong client secret', wrongSecret);
    await postForm(as.token_endpoint!, { grant_type: 'client_credentials' }, { id: reg.admin.client_id, secret: wrongSecret });
    await fetch(`${f.url}/oauth/authorize?code=${callback.get('code')}&client_secret=${reg.usage.secret}`);
    await postForm(as.introspection_endpoint!, { token: rotated.access_token }, basicOf(reg.admin));
    await postForm(as.revocation_endpoint!, { token: rotated.refresh_token! }, basicOf(reg.admin));
  });
  afterAll(async () => {
    await f.close();
    await f.store.close();
  });

  it('the run produced secrets, a store and logs to search', async () => {
    expect(secrets.size).toBe(11);
    expect((await snapshot(f.store)).size).toBeGreaterThan(10);
    expect(f.log.lines.length).toBeGreaterThan(10);
  });

  it('the store holds none of them', async () => {
    const dump = [...(await snapshot(f.store))].map(([k, v]) => `${k}\n${v}`).join('\n');
    for (const [name, value] of secrets) expect(dump.includes(value), name).toBe(false);
  });

  it('the logs hold none of them', () => {
    for (const [name, value] of secrets) expect(f.log.text.includes(value), name).toBe(false);
    expect(f.log.text).toContain('[redacted]');
  });
});

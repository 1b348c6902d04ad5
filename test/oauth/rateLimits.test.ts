import { afterEach, describe, expect, inject, it } from 'vitest';
import { authorizationServer, basicOf, clientCredentials, postForm } from './support/client';
import { makeStore, startFacade, type RunningFacade } from './support/facade';
import { seedRegistration } from './support/registration';

/** cds-wg1-02 §11.3 with the budgets shared through Redis; never a captcha (§11.4), always a 429 JSON with Retry-After. */
describe('rate limits on the OAuth and API endpoints', () => {
  const running: RunningFacade[] = [];
  afterEach(async () => {
    for (const f of running.splice(0)) await f.close();
  });
  const start = async (config: Record<string, string>) => {
    const f = await startFacade({ store: makeStore('redis', inject('redisUrl')), config });
    running.push(f);
    return f;
  };

  it('repeated failed client authentication blocks the IP, even with the right secret afterwards', async () => {
    const f = await start({ RATE_LIMIT_AUTH_FAILURES: '3' });
    const as = await authorizationServer(f);
    const reg = await seedRegistration(f.facade);
    const wrong = { id: reg.admin.client_id, secret: 'wrong' };
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await postForm(as.token_endpoint!, { grant_type: 'client_credentials' }, wrong)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const right = await postForm(as.token_endpoint!, { grant_type: 'client_credentials' }, basicOf(reg.admin));
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(right.json.error).toBe('too_many_requests');
    // Bad bearer tokens count too (brute force against the APIs).
    const bearer = await fetch(`${f.url}/probe/admin`, { headers: { Authorization: 'Bearer x.y.z' } });
    expect(bearer.status).toBe(429);
  });

  it('each Client and each Credential has its own budget', async () => {
    const f = await start({ RATE_LIMIT_CLIENT: '3' });
    const as = await authorizationServer(f);
    const reg = await seedRegistration(f.facade);
    const token = (await clientCredentials(as, reg.admin, { scope: 'cds_client_admin' })).access_token;
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await fetch(`${f.url}/probe/admin`, { headers: { Authorization: `Bearer ${token}` } })).status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    // Another Client of the same registration is unaffected.
    const other = await postForm(as.token_endpoint!, { grant_type: 'client_credentials', authorization_details: JSON.stringify([{ type: 'cds_grant_admin_1', client_id: reg.files.client_id, grant_id: reg.files.grant_id }]) }, basicOf(reg.grantAdmin));
    expect(other.status).toBe(200);
  });
});

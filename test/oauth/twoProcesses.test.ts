import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createFacade, type Facade } from '../../rest-facade/app';
import { oauthEndpoints } from '../../rest-facade/oauth';
import { RedisStore } from '../../rest-facade/store';
import {
  auth, authorizeAndApprove, basicOf, clientCredentials, insecure, postForm, probe, redeem, refresh,
} from './support/client';
import { CapturedLog, testConfig, type RunningFacade } from './support/facade';
import { expireCredential } from './support/mutations';
import { seedRegistration, testScopeSettings, USAGE_SCOPE, type SeededRegistration } from './support/registration';

interface Child {
  process: ChildProcess;
  /** Enough of a RunningFacade for the client helpers (url). */
  running: RunningFacade;
}

/** What every process calls itself: the address of the load balancer in front of them. */
const PUBLIC_URL = 'http://cds-gateway.test';

async function spawnFacade(redisUrl: string, keyPrefix: string): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/oauth/support/facadeProcess.ts'], {
    env: { ...process.env, REDIS_URL: redisUrl, KEY_PREFIX: keyPrefix, PUBLIC_URL },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const [line] = await once(lines, 'line') as [string];
  const { url } = JSON.parse(line) as { url: string };
  return { process: child, running: { url } as RunningFacade };
}

/**
 * Two facade processes over one Redis (cds-wg1-02 deployments scale horizontally): tokens,
 * codes, refresh tokens and revocations made through one are honoured by the other at once.
 */
describe('two facade processes sharing one Redis', () => {
  const keyPrefix = `oauth-2p:${randomUUID()}:`;
  let a: Child;
  let b: Child;
  let store: RedisStore;
  let local: Facade;
  let as: oauth.AuthorizationServer;
  let asB: oauth.AuthorizationServer;
  let reg: SeededRegistration;

  beforeAll(async () => {
    [a, b] = await Promise.all([spawnFacade(inject('redisUrl'), keyPrefix), spawnFacade(inject('redisUrl'), keyPrefix)]);
    store = new RedisStore(inject('redisUrl'), { keyPrefix });
    // An in-process view of the same store plays the consent pages and the management APIs.
    local = createFacade({ config: testConfig({ PUBLIC_URL }), store, log: new CapturedLog().logger, scopeSettings: testScopeSettings(PUBLIC_URL) });
    // The client talks to each process directly, as if the load balancer had picked it.
    as = { issuer: PUBLIC_URL, ...oauthEndpoints(a.running.url) };
    asB = { issuer: PUBLIC_URL, ...oauthEndpoints(b.running.url) };
    reg = await seedRegistration(local);
  });
  afterAll(async () => {
    for (const child of [a, b]) {
      if (!child) continue;
      child.process.kill('SIGTERM');
      await once(child.process, 'exit');
    }
    await store.close();
  });

  it('both processes sign with the one key created in the store', async () => {
    const [ka, kb] = await Promise.all([a, b].map(async (c) => (await fetch(`${c.running.url}/oauth/jwks`)).json()));
    expect(ka).toEqual(kb);
  });

  it('a token issued by one process works on the other; its revocation on one takes effect on the other at once', async () => {
    const tokens = await clientCredentials(as, reg.admin, { scope: 'cds_client_admin' });
    expect((await probe(b.running, 'admin', tokens.access_token)).status).toBe(200);
    await oauth.processRevocationResponse(await oauth.revocationRequest(as, { client_id: reg.admin.client_id }, auth(reg.admin), tokens.access_token, insecure));
    expect((await probe(b.running, 'admin', tokens.access_token)).status).toBe(401);
  });

  it('a code flow can hop between processes, and a refresh replay on one kills the family on the other', async () => {
    const { callback, verifier } = await authorizeAndApprove({ url: b.running.url, facade: local } as RunningFacade, asB, reg.usage, { par: true, scope: USAGE_SCOPE });
    const tokens = await redeem(as, reg.usage, callback, verifier);
    const rotated = await refresh(asB, reg.usage, tokens.refresh_token!);
    expect((await probe(a.running, 'granted', rotated.access_token)).status).toBe(200);
    const replay = await postForm(as.token_endpoint!, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token! }, basicOf(reg.usage));
    expect(replay.json.error).toBe('invalid_grant');
    expect((await probe(b.running, 'granted', rotated.access_token)).status).toBe(401);
  });

  it('a Credential expired through one process is refused by the other at once (§7.6)', async () => {
    const tokens = await clientCredentials(asB, reg.grantAdmin, {
      authorization_details: JSON.stringify([{ type: 'cds_grant_admin_1', client_id: reg.files.client_id, grant_id: reg.files.grant_id }]),
    });
    expect((await probe(a.running, 'granted', tokens.access_token)).status).toBe(200);
    await expireCredential(local, reg.grantAdmin.credential_id!);
    expect((await probe(a.running, 'granted', tokens.access_token)).status).toBe(401);
    expect((await probe(b.running, 'granted', tokens.access_token)).status).toBe(401);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legacyOptionsFromConfig, startLegacySystems } from '../../legacy';
import { statementDetails, testCustomers, type Utility } from '../../legacy/generator';
import { loadConfig } from '../../lib/config';
import { OAUTH_PATHS } from '../../rest-facade/oauth';
import { freePort, startRedis, type RedisServer } from '../support/redis';
import { loadCompose } from './compose';
import { assignAddresses, localEnvironment, runHealthcheck, startPart, stopPart, waitHealthy, type PartProcess } from './processes';

/**
 * The compose topology run without Docker: every part of docker-compose.yml as its own process,
 * started as the image starts it, with the environment the compose file gives it (service names
 * rewritten to loopback ports), a throwaway redis-server, two facade replicas. Checked end to end:
 * health, a federated query through the gateway process over the four subgraph and four simulator
 * processes, a Client registered and tokened on one facade and served on the other, a Customer Data
 * API call answered through the gateway, and a clean SIGTERM shutdown of every process.
 */

const INTERNAL_API_TOKEN = 'deploy-test-internal-token-0123456789';
const ADMIN_API_TOKEN = 'deploy-test-admin-token-0123456789';
/** What the operator sets (compose's `${…}` variables): a small utility keeps the run short. */
const VARS = { INTERNAL_API_TOKEN, ADMIN_API_TOKEN, DEMO_ACCOUNTS: '60', LOG_LEVEL: 'warn', PUBLIC_URL: 'http://cds-gateway.test' };

const compose = loadCompose();
let redis: RedisServer;
const parts = new Map<string, PartProcess>();
/** The utility the simulator processes serve, generated here as they generate it. */
let utility: Utility;

const part = (name: string) => parts.get(name)!;

async function json(url: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(url, init);
  return { status: res.status, body: await res.json() };
}

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

async function token(facade: PartProcess, client: { id: string; secret: string }, form: Record<string, string>) {
  return json(`${facade.url}/oauth/token`, {
    method: 'POST', headers: { authorization: basic(client.id, client.secret), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', ...form }),
  });
}

async function graphql(query: string, variables: Record<string, unknown> = {}, bearer = INTERNAL_API_TOKEN) {
  return json(`${part('gateway').url}/graphql`, {
    method: 'POST', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
}

beforeAll(async () => {
  redis = await startRedis();
  const addresses = await assignAddresses(compose, redis.url);
  for (const [name, svc] of Object.entries(compose.services)) {
    if (svc.build === undefined) continue;
    parts.set(name, startPart(name, localEnvironment(compose, name, VARS, addresses)));
  }
  // Ground truth: the utility the four simulators generate from their (identical) DEMO_* settings.
  const truth = await startLegacySystems({
    ...legacyOptionsFromConfig(loadConfig(part('cis').env).config),
    external: { cis: true, mdm: true, billing: true, eac: true },
  });
  utility = truth.utility;
  await Promise.all([...parts.values()].map((p) => waitHealthy(p)));
}, 600_000);

afterAll(async () => {
  await Promise.all([...parts.values()].map((p) => stopPart(p, 'SIGKILL')));
  await redis?.stop();
});

describe('one part per process, as docker-compose.yml describes them', () => {
  it('runs every part as its own process, each answering /healthz and passing the compose health check', async () => {
    expect([...parts.values()].map((p) => p.env.SERVICE).sort()).toEqual([
      'billing', 'cis', 'eac', 'facade', 'facade', 'gateway', 'mdm', 'subgraph-accounts', 'subgraph-billing', 'subgraph-eacs', 'subgraph-metering',
    ]);
    for (const p of parts.values()) {
      const health = await json(`${p.url}/healthz`);
      expect(health.status, p.name).toBe(200);
      expect(health.body.status, p.name).toBe('ok');
      expect(await runHealthcheck(compose.services[p.name].healthcheck!.test, { PORT: String(p.port) }), p.name).toBe(0);
    }
    // The facades keep their state in the shared Redis, never in memory.
    for (const name of ['facade-a', 'facade-b']) expect((await json(`${part(name).url}/healthz`)).body.store).toBe('redis');
    // …and fails where nothing answers.
    expect(await runHealthcheck(compose.services.cis.healthcheck!.test, { PORT: String(await freePort()) })).not.toBe(0);
  });

  it('answers a federated query through the gateway process, joined across the subgraph and simulator processes', async () => {
    const { status, body } = await graphql(`{
      accounts(first: 15) {
        nodes { id accountNumber serviceContracts { id contractNumber servicePoints { id currentMeterDevices { id meterNumber } } } }
      }
      eacs(first: 5) { nodes { id } }
    }`);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const { index } = utility;
    let meters = 0;
    expect(body.data.accounts.nodes).toHaveLength(15);
    for (const account of body.data.accounts.nodes) {
      expect(account.accountNumber).toBe(index.account.get(account.id)!.ACCT_NO);
      expect(account.serviceContracts.map((c: { id: string }) => c.id).sort()).toEqual(index.agreementsByAccount.get(account.id).map((a) => a.SA_ID).sort());
      for (const contract of account.serviceContracts) {
        expect(contract.contractNumber).toBe(index.agreement.get(contract.id)!.SA_NO);
        for (const sp of contract.servicePoints) {
          // Service points come from the CIS process, meters from the MDM process: the join holds.
          const current = utility.mdm.meters.filter((m) => m.installs.some((i) => i.servicePointId === sp.id && i.removedAt === null));
          expect(sp.currentMeterDevices.map((m: { id: string }) => m.id).sort()).toEqual(current.map((m) => m.meterId).sort());
          for (const meter of sp.currentMeterDevices) expect(meter.meterNumber).toBe(index.meter.get(meter.id)!.serialNumber);
          meters += sp.currentMeterDevices.length;
        }
      }
    }
    expect(meters).toBeGreaterThan(0);
    const certificates = new Set(utility.eac.certificates.map((c) => c.certificate_id));
    expect(body.data.eacs.nodes).toHaveLength(Math.min(5, certificates.size));
    for (const eac of body.data.eacs.nodes) expect(certificates.has(eac.id)).toBe(true);

    const billed = utility.cis.accounts.find((a) => a.ACCT_ROLE_CD === 'STD' && !a.ACCT_ID.includes('-') && statementDetails(utility, a).length >= 2)!;
    const bills = await graphql('query($id: ID!) { account(id: $id) { billStatements { id } } }', { id: billed.ACCT_ID });
    expect(bills.body.errors).toBeUndefined();
    expect(bills.body.data.account.billStatements.map((s: { id: string }) => s.id))
      .toEqual(statementDetails(utility, billed).slice().reverse().map((d) => d.header.STMT_ID));
  });

  it('refuses the gateway without the internal token, as a JSON error', async () => {
    const { status, body } = await graphql('{ accounts(first: 1) { nodes { id } } }', {}, 'not-the-token');
    expect(status).toBe(401);
    expect(body.error).toBe('invalid_token');
  });

  it('registers a Client on facade A, tokens it there, and serves it on facade B from the shared Redis, through the gateway', async () => {
    const [a, b] = [part('facade-a'), part('facade-b')];
    expect((await json(`${a.url}/oauth/jwks`)).body).toEqual((await json(`${b.url}/oauth/jwks`)).body);

    const registered = await json(`${a.url}/oauth/register`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scope: 'cds_client_admin cds_query_accounts', client_name: 'Deployment test' }),
    });
    expect(registered.status).toBe(201);
    const admin = { id: registered.body.client_id, secret: registered.body.client_secret };
    const adminToken = await token(a, admin, { scope: 'cds_client_admin' });
    expect(adminToken.status).toBe(200);

    // Facade B knows the registration A made: its Clients and their Credentials (each secret shown once).
    const bearer = (t: string) => ({ headers: { authorization: `Bearer ${t}` } });
    const clients = await json(`${b.url}/cds-api/v1/clients`, bearer(adminToken.body.access_token));
    expect(clients.status).toBe(200);
    const direct = clients.body.clients.find((c: { scope: string }) => c.scope === 'cds_query_accounts');
    expect(direct).toBeDefined();
    const credentials = await json(`${b.url}/cds-api/v1/credentials`, bearer(adminToken.body.access_token));
    const secret = credentials.body.credentials.find((c: { client_id: string }) => c.client_id === direct.client_id).client_secret;

    const access = await token(a, { id: direct.client_id, secret }, {
      scope: 'cds_query_accounts', authorization_details: JSON.stringify([{ type: 'cds_query_accounts' }]),
    });
    expect(access.status).toBe(200);

    // The Customer Data API on B: the facade has no data of its own, the CIS process counts the reads.
    const cis = part('cis');
    await fetch(`${cis.url}/_sim/counters/reset`, { method: 'POST' });
    const accounts = await json(`${b.url}/cds-customerdata-api/v1/accounts?limit=10`, bearer(access.body.access_token));
    expect(accounts.status).toBe(200);
    expect(accounts.body.accounts).toHaveLength(10);
    for (const account of accounts.body.accounts) expect(account.account_number).toBe(utility.index.account.get(account.cds_account_id)!.ACCT_NO);
    expect((await json(`${cis.url}/_sim/counters`)).body.total).toBeGreaterThan(0);

    // Revoked on B, refused on A at once.
    const revoked = await fetch(`${b.url}${OAUTH_PATHS.revocation_endpoint}`, {
      method: 'POST', headers: { authorization: basic(direct.client_id, secret), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: access.body.access_token }),
    });
    expect(revoked.status).toBe(200);
    expect((await json(`${a.url}/cds-customerdata-api/v1/accounts?limit=10`, bearer(access.body.access_token))).status).toBe(401);
  });

  it('lists on a facade the demo test customers the CIS process signs in (each generated its own utility)', async () => {
    const listed = await json(`${part('facade-b').url}/test-accounts`, { headers: { accept: 'application/json' } });
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual(testCustomers(utility).map((t) => ({ username: t.USER_NAME, password: t.PASSWORD, description: t.description })));
    const [first] = listed.body;
    const signIn = await json(`${part('cis').url}/cis/v1/web-profiles/authenticate`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ USER_NAME: first.username, PASSWORD: first.password }),
    });
    expect(signIn.status).toBe(200);
  });

  it('stops every process cleanly on SIGTERM', async () => {
    const codes = await Promise.all([...parts.values()].map(async (p) => [p.name, await stopPart(p, 'SIGTERM')] as const));
    expect(Object.fromEntries(codes)).toEqual(Object.fromEntries([...parts.keys()].map((name) => [name, 0])));
  });
});

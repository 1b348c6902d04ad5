import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { configSchema, type Config } from '../../../lib/config';
import { createFacade, type Facade } from '../../app';
import type { ClientRecord } from '../../clients';
import type { GrantRecord } from '../../grants';
import { createWg1Repositories, isoAt, newId } from '../../registration';
import { MemoryStore, RedisStore, type Store } from '../../store';
import { ResolvedAddresses } from './addressResolution';
import { admitGrant } from './admission';
import type { AggregationFacts } from './consentPlan';
import { GrantWorkSchedule } from './schedule';
import { createPendingGrantWorker, type PendingGrantWorker } from './worker';
import type { AggregationFactsSource } from './wholeBuilding';

/**
 * The asynchronous Grant machinery over the real Grant/Client repositories and a real store (memory
 * and Redis): admission to `pending`, the §4.11 evaluation, sub-Grants, the parent following them,
 * and two workers sharing one store. The aggregation facts are given as data here; the end-to-end
 * suite (test/access/wholeBuilding.test.ts) reads them through the graph.
 */

const log = pino({ level: 'silent' });

function config(): Config {
  return { ...configSchema.parse({ PORT: '0' }), INTERNAL_API_TOKEN: 'i'.repeat(24), ADMIN_API_TOKEN: 'a'.repeat(24), PUBLIC_URL: 'http://127.0.0.1' };
}

const BUILDING: AggregationFacts = {
  id: 'G1', aggregation_number: 'BLDG-1', consent: 'always',
  tenants: [
    { customer_id: 'C1', premise_numbers: ['P1'], addresses: ['1 Main St\nUnit 1'] },
    { customer_id: 'C2', premise_numbers: ['P1'], addresses: ['1 Main St\nUnit 2', '1 Main St\nUnit 3'] },
  ],
};
const REGION: AggregationFacts = { id: 'G2', aggregation_number: '94000', consent: 'never', tenants: [{ customer_id: 'C9', premise_numbers: ['P9'], addresses: [] }] };

class Facts implements AggregationFactsSource {
  calls = 0;
  failing = false;
  constructor(private readonly all: AggregationFacts[]) {}
  async byNumbers(numbers: string[]) {
    this.calls += 1;
    if (this.failing) throw new Error('graph down');
    return this.all.filter((f) => numbers.includes(f.aggregation_number));
  }
}

describe.each(['memory', 'redis'] as const)('asynchronous Grants (%s store)', (kind) => {
  let store: Store;
  let facade: Facade;
  let now: number;
  let facts: Facts;
  let registrationId: string;
  let directClient: string;
  let consentClient: string | null;
  let prefix: string;
  const stores: Store[] = [];

  /** Memory: the one store; Redis: a new connection to the same keyspace (as another process would open). */
  const connect = (fresh: boolean) => {
    if (kind === 'memory') return fresh ? new MemoryStore() : store;
    if (fresh) prefix = `access-pending:${randomUUID()}:`;
    const s = new RedisStore(inject('redisUrl'), { keyPrefix: prefix });
    stores.push(s);
    return s;
  };

  afterAll(async () => { await Promise.all(stores.map((s) => s.close())); });

  async function addClient(scope: string, responseTypes: string[]): Promise<string> {
    const at = isoAt(now);
    const record: ClientRecord = {
      client_id: newId(), registration_id: registrationId, client_id_issued_at: Math.floor(now / 1000), scope,
      redirect_uris: [], token_endpoint_auth_method: 'client_secret_basic',
      grant_types: responseTypes.length ? ['authorization_code', 'refresh_token'] : ['client_credentials'], response_types: responseTypes,
      client_name: null, contacts: [], authorization_details_types: [scope], cds_created: at, cds_modified: at, cds_status: 'sandbox',
      cds_status_options: ['sandbox', 'disabled'], default_redirect_uri: null, registration_fields: {}, production_of: null,
    };
    await facade.context.repos.clients.collection.put(record);
    return record.client_id;
  }

  function worker(source: AggregationFactsSource, over = store): PendingGrantWorker {
    const repos = createWg1Repositories(over, () => now);
    return createPendingGrantWorker({
      grants: repos.grants, clients: repos.clients, scopes: facade.context.scopes, facts: source, minCustomers: 15,
      clock: () => now, timezone: 'America/Los_Angeles', schedule: new GrantWorkSchedule(over), log, recheckMs: 1000, retryMs: 5000,
      resolvedAddresses: new ResolvedAddresses(over),
      lookupAddresses: async (addresses) => (addresses.includes('1 Main St, Anytown CA 94000') ? ['BLDG-1'] : []),
    });
  }

  /** What the token endpoint does: the Grant behind the issuance, then admission. */
  async function tokenGrant(numbers: string[], segmentStart = '2025-01-01T00:00:00Z'): Promise<GrantRecord> {
    const { repos, scopes } = facade.context;
    const grant = await repos.grants.upsertClientCredentialsGrant({
      registration_id: registrationId, client_id: directClient, scope: 'cds_query_aggregated_usage',
      authorization_details: [{ type: 'cds_query_aggregated_usage', aggregation_numbers: numbers, segment_start: segmentStart, segment_end: 'infinite' }],
    });
    return admitGrant({ grants: repos.grants, scopes, schedule: new GrantWorkSchedule(store), clock: () => now, etaMs: 10_000 }, grant);
  }

  const reload = (id: string) => facade.context.repos.grants.get(id) as Promise<GrantRecord>;

  beforeEach(async () => {
    now = Date.parse('2026-08-01T12:00:00Z');
    store = connect(true);
    facade = createFacade({ config: config(), store, log, clock: () => now });
    facts = new Facts([BUILDING, REGION]);
    registrationId = newId();
    directClient = await addClient('cds_query_aggregated_usage', []);
    consentClient = await addClient('cds_aggregation_consent', ['code']);
  });

  it('starts a usage Grant over aggregations as pending, with nothing enabled and an eta', async () => {
    const grant = await tokenGrant(['BLDG-1']);
    expect(grant).toMatchObject({ status: 'pending', enabled_scope: '', enabled_authorization_details: [], eta: new Date(now + 10_000).toISOString() });
  });

  it('activates it when no aggregation needs consent', async () => {
    const grant = await tokenGrant(['94000']);
    expect(await worker(facts).runOnce()).toBe(1);
    expect(await reload(grant.grant_id)).toMatchObject({ status: 'active', enabled_scope: grant.scope, eta: null, children: [] });
    expect(await worker(facts).runOnce()).toBe(0);
  });

  it('creates one cds_aggregation_consent sub-Grant per tenant and follows them to active', async () => {
    const grant = await tokenGrant(['BLDG-1', '94000']);
    await worker(facts).runOnce();
    const parent = await reload(grant.grant_id);
    expect(parent).toMatchObject({ status: 'needs_sub_grants', enabled_scope: '', enabled_authorization_details: [] });
    expect(parent.children).toHaveLength(2);
    const children = await Promise.all(parent.children.map(reload));
    for (const child of children) {
      expect(child).toMatchObject({
        parent: grant.grant_id, status: 'needs_authorization', client_id: consentClient, scope: 'cds_aggregation_consent',
        enabled_scope: '', origin: 'server',
      });
      expect(child.authorization_details).toHaveLength(1);
      expect(child.authorization_details[0]).toMatchObject({
        type: 'cds_aggregation_consent', aggregation_numbers: ['BLDG-1'], error_if_no_preselections: true,
        allow_scope_modifications: false, authorization_form_selection_type: 'aggregation_selection',
      });
    }
    // Units of one building share its premise: the addresses tell the Client whom to ask (§4.11 MAY).
    expect(children.map((c) => [c.subject, c.authorization_details[0].premise_numbers, c.authorization_details[0].addresses]).sort())
      .toEqual([['C1', ['P1'], ['1 Main St\nUnit 1']], ['C2', ['P1'], ['1 Main St\nUnit 2', '1 Main St\nUnit 3']]]);

    // One tenant authorizes: not yet enough.
    now += 1000;
    await facade.context.repos.grants.update(children[0], { status: 'active', enabled_scope: 'cds_aggregation_consent' });
    await worker(facts).runOnce();
    expect((await reload(grant.grant_id)).status).toBe('needs_sub_grants');
    // Both have: the parent is active with its full scope.
    now += 1000;
    await facade.context.repos.grants.update(children[1], { status: 'active', enabled_scope: 'cds_aggregation_consent' });
    await worker(facts).runOnce();
    expect(await reload(grant.grant_id)).toMatchObject({ status: 'active', enabled_scope: grant.scope, enabled_authorization_details: grant.authorization_details });
    // A tenant revokes: the aggregated data stops again.
    now += 1000;
    await facade.context.repos.grants.update(await reload(children[0].grant_id), { status: 'revoked', enabled_scope: '' });
    await worker(facts).runOnce();
    expect(await reload(grant.grant_id)).toMatchObject({ status: 'needs_sub_grants', enabled_scope: '' });
    expect(facts.calls).toBe(1);
  });

  it('disables the Grant when the registration has no Client to ask the tenants', async () => {
    const { repos } = facade.context;
    await repos.clients.collection.put({ ...(await repos.clients.get(consentClient!))!, cds_status: 'disabled' });
    const grant = await tokenGrant(['BLDG-1']);
    await worker(facts).runOnce();
    expect(await reload(grant.grant_id)).toMatchObject({ status: 'disabled', enabled_scope: '', children: [] });
  });

  it('keeps a Grant pending and moves its eta when the graph cannot answer, then evaluates it', async () => {
    const grant = await tokenGrant(['94000']);
    facts.failing = true;
    await worker(facts).runOnce();
    expect(await reload(grant.grant_id)).toMatchObject({ status: 'pending', eta: new Date(now + 5000).toISOString() });
    facts.failing = false;
    expect(await worker(facts).runOnce()).toBe(0); // not due before the retry
    now += 5000;
    await worker(facts).runOnce();
    expect((await reload(grant.grant_id)).status).toBe('active');
  });

  it('reuses an evaluated Grant for the same token request without re-evaluating it', async () => {
    const grant = await tokenGrant(['94000']);
    await worker(facts).runOnce();
    now += 1000;
    const again = await tokenGrant(['94000']);
    expect(again.grant_id).toBe(grant.grant_id);
    expect(again.status).toBe('active');
  });

  it('reuses a Grant still being prepared, and its sub-Grants, for a repeated token request', async () => {
    const grant = await tokenGrant(['BLDG-1']);
    now += 1000;
    expect((await tokenGrant(['BLDG-1'])).grant_id).toBe(grant.grant_id);
    await worker(facts).runOnce();
    const parent = await reload(grant.grant_id);
    expect(parent).toMatchObject({ status: 'needs_sub_grants' });
    now += 1000;
    const again = await tokenGrant(['BLDG-1']);
    expect(again).toMatchObject({ grant_id: grant.grant_id, status: 'needs_sub_grants', children: parent.children });
    await worker(facts).runOnce();
    expect((await reload(grant.grant_id)).children).toEqual(parent.children);
    expect(facts.calls).toBe(1);
    // Another window is another request: a Grant of its own.
    expect((await tokenGrant(['BLDG-1'], '2025-06-01T00:00:00Z')).grant_id).not.toBe(grant.grant_id);
  });

  it('closes the open sub-Grants once their parent is closed', async () => {
    const grant = await tokenGrant(['BLDG-1']);
    await worker(facts).runOnce();
    const parent = await reload(grant.grant_id);
    const [authorized, waiting] = await Promise.all(parent.children.map(reload));
    now += 1000;
    await facade.context.repos.grants.update(authorized, { status: 'active', enabled_scope: 'cds_aggregation_consent' });
    await facade.context.repos.grants.update(await reload(grant.grant_id), { status: 'closed', enabled_scope: '', enabled_authorization_details: [] });
    now += 1000;
    expect(await worker(facts).runOnce()).toBe(1);
    for (const child of [authorized, waiting]) {
      expect(await reload(child.grant_id)).toMatchObject({ status: 'closed', enabled_scope: '', enabled_authorization_details: [] });
    }
    // Nothing is left to watch.
    now += 10_000;
    expect(await worker(facts).runOnce()).toBe(0);
  });

  it('never evaluates one Grant twice when two processes share the store', async () => {
    const grants = await Promise.all(['2025-01', '2025-02', '2025-03', '2025-04', '2025-05'].map((m) => tokenGrant(['BLDG-1'], `${m}-01T00:00:00Z`)));
    const [x, y] = await Promise.all([worker(facts).runOnce(), worker(facts, connect(false)).runOnce()]);
    expect(x + y).toBe(grants.length);
    expect(facts.calls).toBe(grants.length);
    for (const g of grants) expect((await reload(g.grant_id)).children).toHaveLength(2);
  });

  it('looks up an aggregations query\'s addresses while pending, then activates it', async () => {
    const { repos, scopes } = facade.context;
    const queryClient = await addClient('cds_query_aggregations', []);
    const grant = await admitGrant({ grants: repos.grants, scopes, schedule: new GrantWorkSchedule(store), clock: () => now, etaMs: 10_000 },
      await repos.grants.upsertClientCredentialsGrant({
        registration_id: registrationId, client_id: queryClient, scope: 'cds_query_aggregations',
        authorization_details: [{ type: 'cds_query_aggregations', addresses: ['1 Main St, Anytown CA 94000', 'nowhere'] }],
      }));
    expect(grant).toMatchObject({ status: 'pending', enabled_scope: '' });
    expect(await new ResolvedAddresses(store).get(grant.grant_id)).toBeNull();
    await worker(facts).runOnce();
    expect(await reload(grant.grant_id)).toMatchObject({ status: 'active', enabled_scope: 'cds_query_aggregations', children: [] });
    expect(await new ResolvedAddresses(store).get(grant.grant_id)).toEqual(['BLDG-1']);
    expect(facts.calls).toBe(0);
  });
});

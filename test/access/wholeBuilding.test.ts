import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CisGroup } from '../../legacy/cis/records';
import { passwordFor } from '../../legacy/generator/profiles';
import type { Access } from '../../rest-facade/access';
import { normalizeServerAddress } from '../../rest-facade/authorization-details';
import { call } from '../consent/support/http';
import { launchBrowser, signIn } from '../support/browser';
import { startSystem, type System } from '../support/system';
import { registerThirdParty, type ClientCredentials, type ThirdParty } from './support/thirdParty';

/**
 * Whole-building data (cds-wg3-01 §4.11, §10.7.7) end to end: a building owner's usage token over
 * a building aggregation that needs its tenants' consent goes pending → needs_sub_grants (one
 * `cds_aggregation_consent` sub-Grant per tenant) → active once every tenant consented — online,
 * through a Grant Authorization Request (cds-wg1-02 §8.3) on the consent pages, or on paper,
 * recorded by the operator — and loses its data again when a tenant withdraws.
 */

let system: System;
let browser: Browser;
let party: ThirdParty;
let direct: ClientCredentials;
let consent: ClientCredentials;
let building: CisGroup;

beforeAll(async () => {
  // wb-1: a small building whose aggregation always needs its tenants' consent.
  system = await startSystem({ seed: 'wb-1', accounts: 150 });
  building = system.utility.cis.groups.find((g) => g.CONSENT_CD === 'ALWAYS' && g.GRP_TYPE_CD === 'BLDG')!;
  party = await registerThirdParty(system.url, system.adminApiToken, 'cds_query_aggregated_usage cds_query_aggregations cds_aggregation_consent');
  await party.approveProduction('cds_aggregation_consent');
  direct = await party.client('cds_query_aggregated_usage');
  consent = await party.client('cds_aggregation_consent');
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await system?.close();
});

function tenants(): string[] {
  const u = system.utility;
  return [...new Set(building.MEMBER_SP_IDS.flatMap((sp) => u.index.servicePoint.get(sp)!.CUR_SA_IDS
    .map((sa) => u.index.account.get(u.index.agreement.get(sa)!.ACCT_ID)!.CUST_ID)))].sort();
}

const usageDetails = (numbers?: string[]) => JSON.stringify([{
  type: 'cds_query_aggregated_usage', ...(numbers ? { aggregation_numbers: numbers } : {}),
  segment_start: 'P1Y', segment_end: 'infinite',
}]);

/** The tenant signs in and approves the Grant Authorization Request for their sub-Grant. */
async function authorizeOnline(child: any, customerId: string) {
  const u = system.utility;
  const profile = u.index.profilesByCustomer.get(customerId).find((p) => p.STATUS_CD === 'ACTV')!;
  const detail = child.authorization_details[0];
  const par = await call('POST', party.discovery.pushed_authorization_request_endpoint, {
    basic: [consent.client_id, consent.secret],
    form: {
      response_type: 'code', state: `tenant-${customerId}`, scope: 'cds_aggregation_consent', cds_grant_id: child.grant_id,
      authorization_details: JSON.stringify([{ type: 'cds_aggregation_consent', aggregation_numbers: detail.aggregation_numbers, premise_numbers: detail.premise_numbers }]),
    },
  });
  expect(par.status, par.text).toBe(201);
  const url = new URL(party.discovery.authorization_endpoint);
  url.searchParams.set('client_id', consent.client_id);
  url.searchParams.set('request_uri', par.json.request_uri);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url.toString());
    await signIn(page, { username: profile.USER_NAME, password: passwordFor(u, profile.USER_NAME) });
    await page.getByRole('button', { name: 'Approve' }).click();
    // The Server's default redirect_uri ends on the receipt (cds-wg3-01 §9.1.1).
    await page.waitForURL(/\/receipts\/[0-9a-f]{32}$/);
  } finally {
    await context.close();
  }
}

/** The meters and aggregations whose usage the access shows. */
function usageVisible(access: Access): string[] {
  return access.usage_segments.flatMap((p) => [...p.meters.all.map(() => '*'), ...p.meters.items, ...p.aggregations.all.map(() => '*'), ...p.aggregations.items].map((i) => (typeof i === 'string' ? i : i.id)));
}

function usageSegments(token: string) {
  return call('GET', `${system.url}/cds-customerdata-api/v1/usage-segments`, { bearer: token }).then((r) => ({ status: r.status, json: r.json }));
}

describe('whole-building usage (§4.11)', () => {
  it('rejects a usage token request that names no aggregation', async () => {
    const reply = await party.token(direct, { scope: 'cds_query_aggregated_usage', authorization_details: usageDetails() });
    expect(reply.status).toBe(400);
    expect(reply.json.error).toBe('invalid_authorization_details');
  });

  it('goes pending → needs_sub_grants → active with the tenants\' consents, and back when one withdraws', async () => {
    const { access } = system.facade.context;
    const reply = await party.token(direct, { scope: 'cds_query_aggregated_usage', authorization_details: usageDetails([building.GRP_NO]) });
    expect(reply.status, JSON.stringify(reply.json)).toBe(200);
    const [grantId] = reply.json.cds_grant_ids as string[];

    // Created pending, with nothing enabled and an estimate (§6, §4.11).
    const pending = await party.grant(grantId);
    expect(pending).toMatchObject({ status: 'pending', enabled_scope: '', enabled_authorization_details: [], children: [] });
    expect(Date.parse(pending.eta)).toBeGreaterThan(Date.parse(pending.created));
    expect(usageVisible(await access!.resolver.resolve({ grantIds: [grantId] }))).toEqual([]);
    // The token works meanwhile (cds-wg1-02 §8.2): the usage listing is empty, not an error.
    const token = reply.json.access_token as string;
    expect(await usageSegments(token)).toEqual({ status: 200, json: { usage_segments: [], next: null, previous: null } });
    // The same request repeated (its relative window counted from the Grant's creation) stands on the same Grant.
    const ask = () => party.token(direct, { scope: 'cds_query_aggregated_usage', authorization_details: usageDetails([building.GRP_NO]) });
    expect((await ask()).json.cds_grant_ids).toEqual([grantId]);

    // The evaluation: one sub-Grant per tenant customer, for the registration's consent Client.
    expect(await access!.worker.runOnce()).toBeGreaterThanOrEqual(1);
    const parent = await party.grant(grantId);
    expect(parent).toMatchObject({ status: 'needs_sub_grants', enabled_scope: '', enabled_authorization_details: [], eta: null });
    const children = await party.grants({ parents: grantId });
    expect(children).toHaveLength(tenants().length);
    expect(children.map((c) => c.grant_id).sort()).toEqual([...parent.children].sort());
    const u = system.utility;
    const unitsOf = (customer: string) => building.MEMBER_SP_IDS.map((sp) => u.index.servicePoint.get(sp)!)
      .filter((sp) => sp.CUR_SA_IDS.some((sa) => u.index.account.get(u.index.agreement.get(sa)!.ACCT_ID)!.CUST_ID === customer));
    const childOf = new Map<string, any>();
    for (const child of children) {
      expect(child).toMatchObject({ parent: grantId, status: 'needs_authorization', client_id: consent.client_id, scope: 'cds_aggregation_consent', enabled_scope: '' });
      expect(child.authorization_details).toHaveLength(1);
      const detail = child.authorization_details[0];
      expect(detail).toMatchObject({ type: 'cds_aggregation_consent', aggregation_numbers: [building.GRP_NO] });
      // The Client tells the tenants apart by the unit addresses (every unit shares the building's premise).
      const owner = tenants().find((t) => unitsOf(t).every((sp) => detail.addresses.some((a: string) => a.startsWith(`${sp.ADDR_LINE1}\n${sp.ADDR_LINE2}`))));
      expect(owner, JSON.stringify(detail)).toBeDefined();
      expect(detail.premise_numbers).toEqual([...new Set(unitsOf(owner!).flatMap((sp) => sp.PREMISES.map((p) => p.PREM_NO)))].sort());
      childOf.set(owner!, child);
    }
    expect(childOf.size).toBe(tenants().length);
    await access!.worker.runOnce();
    expect((await party.grant(grantId)).status).toBe('needs_sub_grants');
    expect(await usageSegments(token)).toEqual({ status: 200, json: { usage_segments: [], next: null, previous: null } });
    // Asking again while the tenants are asked starts nothing new: no second Grant, no second round of sub-Grants.
    expect((await ask()).json.cds_grant_ids).toEqual([grantId]);
    await access!.worker.runOnce();
    expect((await party.grants({ parents: grantId })).map((c: any) => c.grant_id).sort()).toEqual([...parent.children].sort());

    // Tenants with an online profile authorize on the consent pages; the others on paper (operator).
    const online = tenants().filter((t) => system.utility.index.profilesByCustomer.get(t).some((p) => p.STATUS_CD === 'ACTV'));
    expect(online.length).toBeGreaterThan(0);
    for (const [customer, child] of childOf) {
      if (online.includes(customer)) {
        await authorizeOnline(child, customer);
        // §8.3 j: the sub-Grant is updated at approval, before any token request.
        expect((await party.grant(child.grant_id)).status).toBe('active');
      } else {
        const set = await call('POST', `${system.url}/admin/grants/${child.grant_id}/status`, {
          bearer: system.adminApiToken, json: { status: 'active', reason: 'Signed paper consent form received.' },
        });
        expect(set.status, set.text).toBe(200);
      }
    }
    await access!.worker.runOnce();
    const active = await party.grant(grantId);
    expect(active).toMatchObject({ status: 'active', enabled_scope: 'cds_query_aggregated_usage' });

    // The same token now lists the building's usage.
    const served = await usageSegments(token);
    expect(served.status).toBe(200);
    expect(served.json.usage_segments.length).toBeGreaterThan(0);
    // Aggregated segments: no member's meter, account or contract (the aggregation itself is not an object this token lists).
    for (const segment of served.json.usage_segments) {
      expect(segment).toMatchObject({ related_meterdevices: [], related_accounts: [], related_servicecontracts: [], related_servicepoints: [] });
    }

    // Only the building's aggregated usage, never its tenants' meters.
    const granted = await access!.resolver.resolve({ grantIds: [grantId] });
    expect(granted.usage_segments).toHaveLength(1);
    expect(granted.usage_segments[0].aggregations.items.map((i) => i.id)).toEqual([building.GRP_ID]);
    expect(granted.usage_segments[0].meters).toEqual({ all: [], items: [] });

    // One tenant withdraws: the data stops at once, and the parent goes back to needs_sub_grants.
    const [first] = childOf.values();
    const revoked = await call('POST', `${system.url}/admin/grants/${first.grant_id}/status`, {
      bearer: system.adminApiToken, json: { status: 'revoked', reason: 'The tenant withdrew their consent.' },
    });
    expect(revoked.status).toBe(200);
    expect(usageVisible(await access!.resolver.resolve({ grantIds: [grantId] }))).toEqual([]);
    expect((await usageSegments(token)).json.usage_segments).toEqual([]);
    await access!.worker.runOnce();
    expect(await party.grant(grantId)).toMatchObject({ status: 'needs_sub_grants', enabled_scope: '' });

    // The Client closes the Grant (cds-wg1-02 §8.7): the sub-Grants still open are closed with it.
    const closed = await call('PATCH', `${party.discovery.cds_grants_api}/${grantId}`, { bearer: await party.adminToken(), json: { status: 'closed' } });
    expect(closed.status, closed.text).toBe(200);
    await access!.worker.runOnce();
    const after = await party.grants({ parents: grantId });
    expect(after.map((c: any) => c.status)).toEqual(after.map(() => expect.stringMatching(/^(closed|revoked)$/)));
    expect(after.filter((c: any) => c.status === 'closed')).toHaveLength(after.length - 1);
    expect((await usageSegments(token)).status).toBe(401);
  }, 180_000);

  it('finds the building by its address while the aggregations query is pending (§4.11, §7.1.13.1)', async () => {
    const finder = await party.client('cds_query_aggregations');
    // Written the way the `addresses` documentation asks (abbreviations expanded; case does not matter).
    const address = normalizeServerAddress(building.ADDRS[0]).toUpperCase();
    const reply = await party.token(finder, {
      scope: 'cds_query_aggregations',
      authorization_details: JSON.stringify([{ type: 'cds_query_aggregations', addresses: [address, '1 Nowhere Lane, Atlantis, CA, 00000'] }]),
    });
    expect(reply.status, JSON.stringify(reply.json)).toBe(200);
    const [grantId] = reply.json.cds_grant_ids as string[];
    expect(await party.grant(grantId)).toMatchObject({ status: 'pending', enabled_scope: '' });
    const { access } = system.facade.context;
    expect((await access!.resolver.resolve({ grantIds: [grantId] })).aggregations.flatMap((p) => (p.ids.all ? ['*'] : p.ids.ids))).toEqual([]);
    const listed = await call('GET', `${system.url}/cds-customerdata-api/v1/aggregations`, { bearer: reply.json.access_token });
    expect(listed.status, listed.text).toBe(200);
    expect(listed.json.aggregations).toEqual([]);
    await access!.worker.runOnce();
    expect(await party.grant(grantId)).toMatchObject({ status: 'active', enabled_scope: 'cds_query_aggregations' });
    const found = await access!.resolver.resolve({ grantIds: [grantId] });
    expect(found.aggregations.flatMap((p) => (p.ids.all ? ['*'] : p.ids.ids))).toEqual([building.GRP_ID]);
  });
});

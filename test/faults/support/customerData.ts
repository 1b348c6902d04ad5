import { expect } from 'vitest';
import { allIncludes, directToken, seedClients } from '../../customer-data/support/tokens';
import { exchange, expectHandled } from '../../fuzz/support/expectations';
import { bearer, send, type RawRequest, type RawResponse } from '../../fuzz/support/http';
import { expectValidResponse } from '../../openapi/expectValidResponse';
import type { System } from '../../support/system';

/**
 * One request per Customer Data API, each with a direct-access token of its own scope, the way a
 * third party calls them; the answers are checked against the published document.
 */

export type Api = 'accounts' | 'service-contracts' | 'service-points' | 'meter-devices' | 'aggregations'
  | 'bill-statements' | 'bill-sections' | 'usage-segments' | 'eacs';

export const APIS: readonly Api[] = [
  'accounts', 'service-contracts', 'service-points', 'meter-devices', 'aggregations', 'bill-statements', 'bill-sections', 'usage-segments', 'eacs',
];

export interface ApiCall {
  api: Api;
  /** Path and query below the Customer Data base path; `limit` varies per call so no call repeats an earlier page. */
  path: (limit: number) => string;
  token: string;
}

export async function customerDataCalls(system: System): Promise<Record<Api, ApiCall>> {
  const clients = await seedClients(system);
  const token = async (scope: string, entry: Record<string, unknown> = {}) => (await directToken(system, clients, scope, entry)).access_token;
  const u = system.utility;
  const account = u.cis.accounts[0].ACCT_ID;
  const meter = u.mdm.meters.find((m) => m.installs.some((i) => i.removedAt === null) && u.loads.has(m.meterId))!.meterId;
  const usage = await token('cds_query_usage', { ...allIncludes(system, 'cds_query_usage'), include_eacs: true, segment_start: 'infinite', segment_end: 'infinite' });
  const calls: [Api, string, (limit: number) => string][] = [
    ['accounts', await token('cds_query_accounts'), (n) => `accounts?limit=${n}`],
    ['service-contracts', await token('cds_query_service_contracts'), (n) => `service-contracts?limit=${n}`],
    ['service-points', await token('cds_query_service_points'), (n) => `service-points?limit=${n}`],
    ['meter-devices', await token('cds_query_meter_devices'), (n) => `meter-devices?limit=${n}`],
    ['aggregations', await token('cds_query_aggregations'), (n) => `aggregations?limit=${n}`],
    ['bill-statements', await token('cds_query_bill_statements', { statement_date_start: 'infinite' }), (n) => `bill-statements?cds_account_ids=${account}&limit=${n}`],
    ['bill-sections', await token('cds_query_bill_sections'), (n) => `bill-sections?cds_account_ids=${account}&after=2026-05-01&limit=${n}`],
    ['usage-segments', usage, (n) => `usage-segments?cds_meterdevice_ids=${meter}&before=2026-07-10T00:00:00Z&limit=${n}`],
    ['eacs', usage, (n) => `eacs?limit=${n}`],
  ];
  return Object.fromEntries(calls.map(([api, t, path]) => [api, { api, token: t, path }])) as Record<Api, ApiCall>;
}

let limit = 0;

/** Calls the API (a page size never used before, so no cached page answers) and checks the answer against the document. */
export async function callApi(system: System, call: ApiCall, fresh = true): Promise<{ req: RawRequest; res: RawResponse }> {
  limit = limit % 100 + 1;
  const req: RawRequest = { method: 'GET', path: `/cds-customerdata-api/v1/${call.path(fresh ? limit : 100)}`, headers: bearer(call.token) };
  const res = await send(system.url, req);
  expectHandled(req, res, [502, 503]);
  expectValidResponse('GET', req.path, res.status, res.text);
  return { req, res };
}

/** A dead or failing system behind the API: 503 `temporarily_unavailable` with Retry-After, or 502 `bad_gateway`. */
export function expectUnavailable(req: RawRequest, res: RawResponse, statuses: readonly number[] = [502, 503]): void {
  const what = exchange(req, res);
  expect(statuses, what).toContain(res.status);
  const error = (res.json as { error: string }).error;
  expect(error, what).toBe(res.status === 503 ? 'temporarily_unavailable' : 'bad_gateway');
  if (res.status === 503) expect(res.headers['retry-after'], what).toBeTruthy();
}

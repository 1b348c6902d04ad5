import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStore, startFacade, type RunningFacade } from './support/facade';
import { call } from './support/http';
import { register, walkPages, type Registered } from './support/wg1';

/**
 * Relative bounds in the registry's single-entry checks (cds-wg1-02 §3.8, §3.9: relative values
 * count from "now" in `cds_timezone`), through a Clients API PUT of
 * `cds_default_authorization_details`. At 03:00 UTC on 10 March 2026 it is still 9 March in
 * Los Angeles: `cds_bill_statements` bounds `statement_date_end` below by "P0D" (today).
 */
const NOW = Date.parse('2026-03-10T03:00:00Z');

describe.each([
  ['America/Los_Angeles', { '2026-03-09': 200, '2026-03-08': 400, '2026-03-10': 200 }],
  ['UTC', { '2026-03-09': 400, '2026-03-08': 400, '2026-03-10': 200 }],
])('a relative bound across the day boundary (cds_timezone %s)', (timezone, expected) => {
  let f: RunningFacade;
  let r: Registered;
  let code: any;
  beforeAll(async () => {
    let tick = 0;
    f = await startFacade({ store: makeStore('memory', ''), config: { CDS_TIMEZONE: timezone }, clock: () => NOW + tick++ });
    r = await register(f, { scope: 'cds_client_admin cds_bill_statements' });
    code = (await walkPages(`${f.url}/cds-api/v1/clients`, 'clients', r.token)).pages.flat().find((c: any) => c.scope === 'cds_bill_statements');
  });
  afterAll(() => f.close());

  it.each(Object.entries(expected))('statement_date_end %s is answered %i', async (date, status) => {
    const current = (await call('GET', code.cds_client_uri, { bearer: r.token })).json;
    const details = [{ type: 'cds_bill_statements', statement_date_end: date }];
    const reply = await call('PUT', code.cds_client_uri, { bearer: r.token, json: { ...current, cds_default_authorization_details: details } });
    expect(reply.status, reply.text).toBe(status);
    if (status === 200) expect(reply.json.cds_default_authorization_details).toEqual(details);
    else expect(reply.json).toMatchObject({ error: 'invalid_client_metadata', error_description: expect.stringMatching(/statement_date_end .*outside the allowed range/) });
  });
});

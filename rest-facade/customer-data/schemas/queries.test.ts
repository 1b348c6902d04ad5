import { describe, expect, it } from 'vitest';
import { listingParameters, readSpec, sections } from '../../../test/openapi/cdsSpec';
import { HttpError } from '../../errors';
import { PAGE_PARAM_NAMES } from '../../pagination';
import { AccountsQuery, BillSectionsQuery, customerDataListings, MeterDevicesQuery, parseQuery, ServiceContractsQuery, UsageSegmentsQuery } from '.';

const spec = sections(readSpec());

/** The listing section of each endpoint (by permalink anchor). */
const LISTING_SECTION: Record<string, string> = {
  listAccounts: 'accounts-list',
  listServiceContracts: 'service-contract-list',
  listServicePoints: 'service-point-list',
  listMeterDevices: 'meter-device-list',
  listBillStatements: 'bill-statement-list',
  listBillSections: 'bill-section-list',
  listAggregations: 'aggregations-list',
  listUsageSegments: 'usage-segment-list',
  listEnergyAttributeCertificates: 'eac-list',
};

function rejection(run: () => unknown): HttpError {
  try {
    run();
  } catch (err) {
    if (err instanceof HttpError) return err;
    throw err;
  }
  throw new Error('expected a 400');
}

describe('listing query parameters', () => {
  it.each(customerDataListings.map((l) => [l.operationId, l] as const))('%s accepts exactly the spec\'s filters, plus cursor and limit', (operationId, listing) => {
    const fromSpec = listingParameters(spec.get(LISTING_SECTION[operationId])!);
    expect(fromSpec.length).toBeGreaterThan(2);
    const ours = Object.keys(listing.query.shape);
    // meter_numbers: the plural spelling every other listing uses, accepted beside the spec's meter_number.
    const extensions = [...PAGE_PARAM_NAMES, ...(operationId === 'listMeterDevices' ? ['meter_numbers'] : [])];
    expect(ours.sort()).toEqual([...fromSpec, ...extensions].sort());
  });

  it('parses space-separated lists, dates and the page size', () => {
    expect(parseQuery(AccountsQuery, { account_numbers: 'AAA-1  BBB-2', account_statuses: 'active closed', q: 'Main St', limit: '50' })).toEqual({
      account_numbers: ['AAA-1', 'BBB-2'],
      account_statuses: ['active', 'closed'],
      q: 'Main St',
      limit: 50,
    });
    expect(parseQuery(BillSectionsQuery, { before: '2025-01-31', after: '2025-01-01' })).toEqual({ before: '2025-01-31', after: '2025-01-01' });
    expect(parseQuery(UsageSegmentsQuery, { after: '2025-01-01T00:00:00-08:00' })).toEqual({ after: '2025-01-01T00:00:00-08:00' });
    expect(parseQuery(MeterDevicesQuery, { meter_number: 'M1', meter_numbers: 'M2' })).toEqual({ meter_number: ['M1'], meter_numbers: ['M2'] });
    expect(parseQuery(AccountsQuery, {})).toEqual({});
  });

  it.each([
    ['an unknown parameter', AccountsQuery, { account_number: 'AAA-1' }, /unknown parameter account_number/],
    ['a repeated parameter', AccountsQuery, { account_numbers: ['A', 'B'] }, /account_numbers must be given once/],
    ['a value outside the enumeration', AccountsQuery, { account_statuses: 'active activ' }, /account_statuses: .*active.*suspended/],
    ['an empty list', AccountsQuery, { cds_account_ids: ' ' }, /cds_account_ids: lists no values/],
    ['an id that is only a byte-order mark', BillSectionsQuery, { cds_billsection_ids: '\uFEFF' }, /whitespace or control characters/],
    ['an id with a tab or line break', AccountsQuery, { cds_account_ids: 'A1\tA2 B\n' }, /whitespace or control characters/],
    ['an id with a zero-width space', ServiceContractsQuery, { contract_numbers: 'SA\u200B1' }, /whitespace or control characters/],
    ['a date that is not RFC 3339', BillSectionsQuery, { before: '01/31/2025' }, /before:/],
    ['a date where a datetime is needed', UsageSegmentsQuery, { before: '2025-01-31' }, /before:/],
    ['a limit of 0', AccountsQuery, { limit: '0' }, /limit/],
    ['a limit over 100', AccountsQuery, { limit: '101' }, /limit/],
    ['a fractional limit', AccountsQuery, { limit: '1.5' }, /limit/],
    ['a very long search', AccountsQuery, { q: 'x'.repeat(257) }, /q:/],
  ])('rejects %s with a 400 invalid_request', (_name, schema, query, message) => {
    const err = rejection(() => parseQuery(schema, query));
    expect(err.status).toBe(400);
    expect(err.error).toBe('invalid_request');
    expect(err.description).toMatch(message);
  });
});

import { describe, expect, it } from 'vitest';
import { accountListing, aggregationListing, contractListing, MATCHES_NOTHING, servicePointListing } from './filters';

describe('CIS listing translation of the §10 filters', () => {
  it('maps filters to CIS columns and statuses to CIS codes', () => {
    expect(accountListing({ ids: ['1'], accountStatuses: ['active', 'closed'], q: 'oak', qFields: ['accountAddress', 'contactValue'] })).toEqual({
      filters: { ACCT_ID: ['1'], CUST_NO: undefined, ACCT_NO: undefined, ACCT_STAT_CD: ['A', 'C'] },
      anyOf: [],
      q: 'oak',
      qFields: ['MAIL_ADDR', 'CONTACT_VAL'],
    });
  });

  it('searches every listed field when no qFields are given', () => {
    const listing = servicePointListing({ q: '94108' });
    expect(listing !== MATCHES_NOTHING && listing.qFields).toEqual(['SP_ID', 'ADDR', 'SP_NO', 'PREM_NO']);
  });

  it('turns any-match type filters into ORs across CIS columns', () => {
    const listing = contractListing({ serviceTypes: ['natural_gas', 'residential', 'unmetered', 'supply'], contractTypes: ['project', 'billed_quarterly'] });
    expect(listing !== MATCHES_NOTHING && listing.anyOf).toEqual([
      [['SA_TYPE_CD', 'E-PRJ'], ['BILL_CYC_CD', 'Q']],
      [['SVC_TYPE_CD', 'G'], ['CUST_CLASS_CD', 'RES'], ['SVC_ROLE_CDS', 'SUPP'], ['METERED_FLG', 'N']],
    ]);
  });

  it('knows when no row can match, so no CIS call is made', () => {
    expect(accountListing({ ids: [] })).toBe(MATCHES_NOTHING);
    expect(contractListing({ serviceTypes: ['fuel_oil'] })).toBe(MATCHES_NOTHING);
    expect(aggregationListing({ aggregationTypes: ['country'] })).toBe(MATCHES_NOTHING);
    expect(aggregationListing({ aggregationTypes: ['building', 'public'] })).not.toBe(MATCHES_NOTHING);
  });
});

import { describe, expect, it } from 'vitest';
import type { BillChargeRecord, BillStatementHeader } from '../../../legacy/billing/records';
import { toBillStatement } from './translate';

const header = (overrides: Partial<BillStatementHeader>): BillStatementHeader => ({
  RT: 'H', STMT_ID: 'S1', ACCT_ID: 'A1', ACCT_NO: '100', STMT_DT: '20260105', PER_FROM: '20251201', PER_TO: '20251231',
  DUE_DT: '20260125', CURR: 'USD', PREV_BAL: '50.00', PMT_RCVD: '50.00', BAL_FWD: '0.00', CUR_CHG: '30.30', NEW_BAL: '30.30',
  AMT_DUE: '30.30', SHUTOFF_MIN: null, SHUTOFF_DT: null, PROG_CDS: [], PDF_FLG: 'N', CRE_TS: '20260105120000', UPD_TS: '20260105120000',
  ...overrides,
});
const charge = (seq: number, amount: string, inDue = true): BillChargeRecord => ({
  RT: 'C', STMT_ID: 'S1', SEQ: seq, CHG_CD: 'ELEC', DESCR: `charge ${seq}`, AMT: amount, IN_DUE: inDue ? 'Y' : 'N', SECT_IDS: [],
});
const pdf = (id: string) => `http://billing/${id}/pdf`;

describe('bill statement translation (cds-wg3-01 §10.5.1 sum rule)', () => {
  it('adds nothing when the unpaid balance and the included charges make the amount due exactly', () => {
    const s = toBillStatement(header({}), [charge(1, '0.10'), charge(2, '0.20'), charge(3, '30.00'), charge(4, '99.99', false)], pdf, new Date());
    expect(s.newCharges.map((c) => c.types[0])).toEqual(['electric_total', 'electric_total', 'electric_total', 'electric_total']);
    expect(s.newCharges.some((c) => c.types.includes('amount_due_sum_difference'))).toBe(false);
  });

  it('adds an amount_due_sum_difference charge with the exact difference when the bill does not add up', () => {
    const s = toBillStatement(header({ BAL_FWD: '12.345678901234567890123', AMT_DUE: '42.35' }), [charge(1, '30.00')], pdf, new Date());
    const diff = s.newCharges.find((c) => c.types.includes('amount_due_sum_difference'))!;
    expect(diff).toMatchObject({ amount: '0.004321098765432109877', includedInAmountDue: true, relatedBillSectionIds: [] });
  });

  it('maps dates, the file link and the shutoff notice', () => {
    const s = toBillStatement(header({ PDF_FLG: 'Y', SHUTOFF_MIN: '10.00', SHUTOFF_DT: '20260201' }), [], pdf, new Date('2026-01-06T00:00:00Z'));
    expect(s).toMatchObject({
      statementDate: '2026-01-05', amountDueDate: '2026-01-25', fileUri: 'http://billing/S1/pdf', fileMimetype: 'application/pdf',
      shutoffPreventionMinimumDue: '10.00', shutoffPreventionDate: '2026-02-01', created: '2026-01-05T12:00:00Z', synced: '2026-01-06T00:00:00Z',
    });
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { MemoryStore, RedisStore, type Store } from '../../store';
import type { Receipt } from './receipt';
import { Receipts } from './receipts';

const stores: [string, () => Store][] = [
  ['memory', () => new MemoryStore()],
  ['redis', () => new RedisStore(inject('redisUrl'), { keyPrefix: `receipts:${randomUUID()}:` })],
];

function receipt(ids: { receiptId: string; confirmationNumber: string }, grantId: string, created: string, customer = 'cust-1'): Receipt {
  return {
    receipt_id: ids.receiptId, confirmation_number: ids.confirmationNumber, grant_id: grantId, customer_id: customer, created,
    client: { client_id: 'c1', name: 'Acme' }, scope: 'cds_accounts_1', authorization_details: [], sections: [], selections: [],
    terms_url: 'https://example.com/terms',
  };
}

describe.each(stores)('receipts repository (%s store)', (_name, make) => {
  const store = make();
  const receipts = new Receipts(store);
  afterAll(() => store.close());

  it('reserves unique confirmation numbers and random ids unrelated to them', async () => {
    const reserved = await Promise.all(Array.from({ length: 200 }, () => receipts.reserve()));
    expect(new Set(reserved.map((r) => r.confirmationNumber)).size).toBe(200);
    expect(new Set(reserved.map((r) => r.receiptId)).size).toBe(200);
    for (const r of reserved) {
      expect(r.receiptId).toMatch(/^[0-9a-f]{32}$/);
      expect(r.confirmationNumber).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
      expect(r.receiptId.toUpperCase()).not.toContain(r.confirmationNumber.replace('-', ''));
    }
  });

  it('finds receipts by id and number, orders them per grant and customer, and marks superseded ones', async () => {
    const first = receipt(await receipts.reserve(), 'g1', '2026-05-01T10:00:00.000Z');
    const second = receipt(await receipts.reserve(), 'g1', '2026-05-02T10:00:00.000Z');
    const other = receipt(await receipts.reserve(), 'g2', '2026-05-03T10:00:00.000Z');
    for (const r of [first, second, other]) await receipts.save(r);
    expect(await receipts.get(first.receipt_id)).toEqual(first);
    expect((await receipts.byConfirmationNumber(second.confirmation_number.toLowerCase()))?.receipt_id).toBe(second.receipt_id);
    expect((await receipts.supersededBy(first))?.receipt_id).toBe(second.receipt_id);
    expect(await receipts.supersededBy(second)).toBeNull();
    expect((await receipts.latestForGrant('g1'))?.receipt_id).toBe(second.receipt_id);
    expect(await receipts.latestForGrant('nope')).toBeNull();
    expect((await receipts.forCustomer('cust-1')).map((r) => r.receipt_id)).toEqual([other.receipt_id, second.receipt_id, first.receipt_id]);
    expect(await receipts.forCustomer('nobody')).toEqual([]);
  });

  it('treats malformed or unknown ids as absent', async () => {
    expect(await receipts.get('../../etc/passwd')).toBeNull();
    expect(await receipts.get('0'.repeat(32))).toBeNull();
    expect(await receipts.byConfirmationNumber('NOPE-NOPE')).toBeNull();
  });
});

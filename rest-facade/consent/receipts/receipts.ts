import { randomBytes, randomInt } from 'node:crypto';
import { getJson, type Store } from '../../store';
import type { Receipt } from './receipt';

/** Crockford base32 without I, L, O, U: readable over the phone. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function confirmationNumber(): string {
  const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

const k = {
  receipt: (id: string) => `consent:receipt:${id}`,
  number: (n: string) => `consent:receipt-number:${n}`,
  byGrant: (grantId: string) => `consent:grant-receipts:${grantId}`,
  byCustomer: (customerId: string) => `consent:customer-receipts:${customerId}`,
};

/**
 * Authorization Receipts in the store: by random id (the URL), by confirmation number, and per
 * Grant and per customer in creation order (a Grant can have several; the newest supersedes).
 */
export class Receipts {
  constructor(private readonly store: Store) {}

  /** Reserves a unique confirmation number and a random receipt id before the Grant is written. */
  async reserve(): Promise<{ receiptId: string; confirmationNumber: string }> {
    const receiptId = randomBytes(16).toString('hex');
    for (;;) {
      const number = confirmationNumber();
      if (await this.store.set(k.number(number), receiptId, { onlyIfAbsent: true })) {
        return { receiptId, confirmationNumber: number };
      }
    }
  }

  async save(receipt: Receipt): Promise<void> {
    const at = Date.parse(receipt.created);
    await this.store.atomically([
      { op: 'set', key: k.receipt(receipt.receipt_id), value: JSON.stringify(receipt) },
      { op: 'zadd', key: k.byGrant(receipt.grant_id), score: at, member: receipt.receipt_id },
      { op: 'zadd', key: k.byCustomer(receipt.customer_id), score: at, member: receipt.receipt_id },
    ]);
  }

  get(receiptId: string): Promise<Receipt | null> {
    if (!/^[0-9a-f]{32}$/.test(receiptId)) return Promise.resolve(null);
    return getJson<Receipt>(this.store, k.receipt(receiptId));
  }

  async byConfirmationNumber(number: string): Promise<Receipt | null> {
    const id = await this.store.get(k.number(number.toUpperCase()));
    return id ? this.get(id) : null;
  }

  /** The receipt created next for the same Grant, if any (§9.4 superseded receipts). */
  async supersededBy(receipt: Receipt): Promise<Receipt | null> {
    const ids = await this.store.zrangeByScore(k.byGrant(receipt.grant_id), { min: Date.parse(receipt.created), max: Number.MAX_SAFE_INTEGER });
    const next = ids.filter((id) => id !== receipt.receipt_id)[0];
    return next ? this.get(next) : null;
  }

  /** The newest receipt of a Grant. */
  async latestForGrant(grantId: string): Promise<Receipt | null> {
    const [id] = await this.store.zrangeByScore(k.byGrant(grantId), { min: 0, max: Number.MAX_SAFE_INTEGER, reverse: true, limit: 1 });
    return id ? this.get(id) : null;
  }

  /** The customer's receipts, newest first (their "authorizations" page). */
  async forCustomer(customerId: string, limit = 100): Promise<Receipt[]> {
    const ids = await this.store.zrangeByScore(k.byCustomer(customerId), { min: 0, max: Number.MAX_SAFE_INTEGER, reverse: true, limit });
    return (await Promise.all(ids.map((id) => this.get(id)))).filter((r): r is Receipt => r !== null);
  }
}

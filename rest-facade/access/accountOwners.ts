import { z } from 'zod';
import { HttpError } from '../errors';
import type { AccountOwners } from './aggregationFacts';

const rows = z.object({ ROWS: z.array(z.looseObject({ ACCT_ID: z.string(), CUST_ID: z.string() })) });
const MAX_KEYS = 1000;

/**
 * Account → customer through the CIS, the same directory the consent pages sign customers in
 * against (legacy/README.md `POST /cis/v1/accounts/lookup`): the graph speaks of accounts, a
 * consent is given by the customer who holds them.
 */
export function cisAccountOwners(cisUrl: string, timeoutMs = 5_000): AccountOwners {
  const endpoint = new URL('/cis/v1/accounts/lookup', cisUrl).href;
  return async (accountIds) => {
    const owners = new Map<string, string>();
    for (let i = 0; i < accountIds.length; i += MAX_KEYS) {
      let res: Response;
      try {
        res = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ BY: 'ACCT_ID', KEYS: accountIds.slice(i, i + MAX_KEYS) }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch {
        throw new HttpError(503, 'temporarily_unavailable', 'the customer directory is unreachable', { 'Retry-After': '5' });
      }
      const parsed = res.ok ? rows.safeParse(await res.json().catch(() => null)) : null;
      if (!parsed?.success) throw new HttpError(502, 'bad_gateway', `the customer directory could not list account holders (HTTP ${res.status})`);
      for (const row of parsed.data.ROWS) owners.set(row.ACCT_ID, row.CUST_ID);
    }
    return owners;
  };
}

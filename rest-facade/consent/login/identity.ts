import { z } from 'zod';
import { HttpError } from '../../errors';

/** Who signed in, as the identity provider reports it. */
export interface AuthenticatedCustomer {
  customerId: string;
  username: string;
  email?: string;
}

/**
 * The identity provider stand-in (§9.1.2 leaves the method open): the CIS online-profile check.
 * The facade never stores or logs passwords; it forwards them once to the CIS and keeps the answer.
 */
export interface IdentityProvider {
  /** The customer, or null for a wrong username/password or a locked profile. */
  authenticate(username: string, password: string): Promise<AuthenticatedCustomer | null>;
  /** The accounts the customer's online profile covers (`cds_account_id`s), read fresh each time. */
  accountIds(customerId: string): Promise<string[]>;
}

const webProfile = z.object({
  LOGIN_ID: z.string(),
  USER_NAME: z.string(),
  CUST_ID: z.string().min(1),
  EMAIL: z.string().nullable().optional(),
  STATUS_CD: z.string(),
});

const accountRows = z.object({ ROWS: z.array(z.looseObject({ ACCT_ID: z.string(), CUST_ID: z.string() })) });

/**
 * The CIS as identity provider (legacy/README.md): `POST /cis/v1/web-profiles/authenticate` checks
 * the online-profile login; `POST /cis/v1/accounts/lookup` by `CUST_ID` lists the profile's accounts.
 */
export function cisIdentityProvider(cisUrl: string, timeoutMs = 5_000): IdentityProvider {
  const post = async (path: string, body: unknown): Promise<Response> => {
    try {
      return await fetch(new URL(path, cisUrl).href, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw new HttpError(503, 'temporarily_unavailable', 'the customer directory is unreachable', { 'Retry-After': '5' });
    }
  };
  const failed = (res: Response) => new HttpError(res.status === 503 ? 503 : 502, res.status === 503 ? 'temporarily_unavailable' : 'bad_gateway',
    `the customer directory answered HTTP ${res.status}`);
  return {
    async accountIds(customerId) {
      const res = await post('/cis/v1/accounts/lookup', { BY: 'CUST_ID', KEYS: [customerId] });
      if (!res.ok) throw failed(res);
      const parsed = accountRows.safeParse(await res.json().catch(() => null));
      if (!parsed.success) throw new HttpError(502, 'bad_gateway', 'the customer directory sent an unreadable account list');
      return parsed.data.ROWS.filter((r) => r.CUST_ID === customerId).map((r) => r.ACCT_ID);
    },
    async authenticate(username, password) {
      const res = await post('/cis/v1/web-profiles/authenticate', { USER_NAME: username, PASSWORD: password });
      // 400: the directory refuses credentials of that shape (e.g. longer than it keeps) — they cannot be right.
      if (res.status === 400 || res.status === 401 || res.status === 403) return null;
      if (!res.ok) throw failed(res);
      const parsed = webProfile.safeParse(await res.json().catch(() => null));
      if (!parsed.success) throw new HttpError(502, 'bad_gateway', 'the sign-in service sent an unreadable answer');
      if (parsed.data.STATUS_CD !== 'ACTV') return null;
      return { customerId: parsed.data.CUST_ID, username: parsed.data.USER_NAME, email: parsed.data.EMAIL ?? undefined };
    },
  };
}

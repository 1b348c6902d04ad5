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
}

const webProfile = z.object({
  LOGIN_ID: z.string(),
  USER_NAME: z.string(),
  CUST_ID: z.string().min(1),
  EMAIL: z.string().nullable().optional(),
  STATUS_CD: z.string(),
});

/** `POST {cisUrl}/cis/v1/web-profiles/authenticate` (legacy/README.md). */
export function cisIdentityProvider(cisUrl: string, timeoutMs = 5_000): IdentityProvider {
  const endpoint = new URL('/cis/v1/web-profiles/authenticate', cisUrl).href;
  return {
    async authenticate(username, password) {
      let res: Response;
      try {
        res = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ USER_NAME: username, PASSWORD: password }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch {
        throw new HttpError(503, 'temporarily_unavailable', 'the sign-in service is unreachable', { 'Retry-After': '5' });
      }
      if (res.status === 401 || res.status === 403) return null;
      if (!res.ok) {
        throw new HttpError(res.status === 503 ? 503 : 502, res.status === 503 ? 'temporarily_unavailable' : 'bad_gateway',
          `the sign-in service answered HTTP ${res.status}`);
      }
      const parsed = webProfile.safeParse(await res.json().catch(() => null));
      if (!parsed.success) throw new HttpError(502, 'bad_gateway', 'the sign-in service sent an unreadable answer');
      if (parsed.data.STATUS_CD !== 'ACTV') return null;
      return { customerId: parsed.data.CUST_ID, username: parsed.data.USER_NAME, email: parsed.data.EMAIL ?? undefined };
    },
  };
}

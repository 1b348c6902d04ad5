import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateUtility } from './generate';
import { passwordHash, testCustomers, verifyLogin } from './profiles';

const options = { seed: 'profiles-test', accounts: 60, asOf: '2026-01-05', timezone: 'America/Los_Angeles' };
const u = generateUtility(options);

describe('online profiles', () => {
  it('store scrypt hashes that an independent scrypt reproduces from the demo password', async () => {
    const demo = testCustomers(u)[0];
    const profile = u.index.profileByUser.get(demo.USER_NAME)!;
    const [alg, n, r, p, salt, hash] = (await passwordHash(u, profile)).split('$');
    expect([alg, n, r, p]).toEqual(['scrypt', '16384', '8', '1']);
    const key = scryptSync(demo.PASSWORD, Buffer.from(salt, 'base64url'), 32, { N: 16384, r: 8, p: 1 });
    expect(key.toString('base64url')).toBe(hash);
    expect(await verifyLogin(u, demo.USER_NAME, demo.PASSWORD)).toBe(profile);
    expect(await verifyLogin(u, demo.USER_NAME, demo.PASSWORD.toUpperCase())).toBeNull();
  });

  it('keep the demo credentials of a seed stable across dates and utility sizes', () => {
    const creds = (x: typeof u) => testCustomers(x).map((t) => [t.key, t.USER_NAME, t.PASSWORD]);
    expect(creds(generateUtility({ ...options, asOf: '2026-09-30', accounts: 140 }))).toEqual(creds(u));
    expect(creds(generateUtility({ ...options, seed: 'another' }))).not.toEqual(creds(u));
  });

  it('give roughly half the customers a login, with unique user names', () => {
    const share = u.cis.webProfiles.length / u.cis.customers.length;
    expect(share).toBeGreaterThan(0.3);
    expect(share).toBeLessThan(0.8);
    expect(u.cis.webProfiles.every((p) => u.index.customer.has(p.CUST_ID))).toBe(true);
  });
});

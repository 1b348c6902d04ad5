import { createHmac, scrypt, timingSafeEqual } from 'node:crypto';
import type { CisWebProfile } from '../cis/records';
import { isoInstant } from './calendar';
import type { Rng } from './random';
import type { Utility } from './utility';

/**
 * Online-profile logins (the "My Account" users the consent pages authenticate against the CIS).
 *
 * Every password is derived from the seed, so the utility stays deterministic and the sandbox test
 * customers' demo passwords can be printed. The CIS stores scrypt hashes; hashing 100k passwords
 * up front would take minutes, so a profile's hash is computed on first use and memoised — the
 * same bytes either way.
 */

const WORDS = [
  'maple', 'harbor', 'cedar', 'river', 'sunset', 'meadow', 'pebble', 'lantern', 'orchard', 'willow', 'summit', 'breeze',
  'copper', 'garnet', 'juniper', 'falcon', 'canyon', 'prairie', 'tulip', 'comet', 'ember', 'glacier', 'harvest', 'island',
  'jasmine', 'kettle', 'lagoon', 'marble', 'nectar', 'opal', 'quartz', 'raven',
];

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 } as const;

/** The password of a user name: depends only on the seed, so demo credentials stay stable across days and sizes. */
export function passwordFor(u: Utility, userName: string): string {
  const mac = createHmac('sha256', `cds-demo-password/${u.seed}`).update(userName.toLowerCase()).digest();
  return `${WORDS[mac[0] % 32]}-${WORDS[mac[1] % 32]}-${WORDS[mac[2] % 32]}-${String(mac.readUInt16BE(3) % 100).padStart(2, '0')}`;
}

function saltFor(u: Utility, userName: string): Buffer {
  return createHmac('sha256', `cds-demo-salt/${u.seed}`).update(userName.toLowerCase()).digest().subarray(0, 16);
}

function derive(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p, maxmem: 64 * 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key))));
}

const stored = new WeakMap<CisWebProfile, Promise<Buffer>>();

/** The profile's stored hash in PHC-like form `scrypt$N$r$p$salt$hash` (base64url). */
export async function passwordHash(u: Utility, profile: CisWebProfile): Promise<string> {
  const salt = saltFor(u, profile.USER_NAME);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64url')}$${(await storedKey(u, profile)).toString('base64url')}`;
}

function storedKey(u: Utility, profile: CisWebProfile): Promise<Buffer> {
  let key = stored.get(profile);
  if (!key) {
    key = derive(passwordFor(u, profile.USER_NAME), saltFor(u, profile.USER_NAME));
    stored.set(profile, key);
  }
  return key;
}

/** The profile for a user name and password, or null (unknown user, wrong password, locked). */
export async function verifyLogin(u: Utility, userName: string, password: string): Promise<CisWebProfile | null> {
  const profile = u.index.profileByUser.get(userName.trim().toLowerCase());
  // Unknown users cost one derivation too, so timing does not reveal which user names exist.
  const candidate = await derive(password, profile ? saltFor(u, profile.USER_NAME) : Buffer.alloc(16));
  if (!profile) return null;
  const ok = timingSafeEqual(candidate, await storedKey(u, profile));
  return ok && profile.STATUS_CD === 'ACTV' ? profile : null;
}

/** Creates profiles for about 45% of customers and for every test customer. */
export function buildProfiles(u: Utility, rng: Rng): void {
  const testKeys = new Map(u.testCustomers.map((t) => [t.CUST_ID, t.key]));
  let seq = 0;
  for (const customer of u.cis.customers) {
    const key = testKeys.get(customer.CUST_ID);
    const accounts = u.index.accountsByCustomer.get(customer.CUST_ID);
    if (!key && (!accounts.length || !rng.chance(0.45))) continue;
    const loginId = u.ids.loginId(seq++);
    const ascii = customer.CUST_NAME.normalize('NFD').replace(/[^A-Za-z ]/g, '').toLowerCase().split(' ').filter(Boolean);
    const userName = key ? `demo.${key.replace(/_/g, '-')}` : `${ascii[0]?.[0] ?? 'x'}${ascii.slice(1).join('') || 'user'}${seq}`;
    const mail = accounts.flatMap((a) => a.CONTACTS).find((c) => c.CONTACT_TYPE_CD === 'EMAL')?.CONTACT_VAL ?? `${userName}@mail.example`;
    const created = Math.max(Date.parse(customer.CRE_DTTM) / 1000, u.horizon - rng.int(1, 3000) * 86400);
    const profile: CisWebProfile = {
      LOGIN_ID: loginId,
      USER_NAME: userName,
      CUST_ID: customer.CUST_ID,
      EMAIL: mail,
      STATUS_CD: !key && rng.chance(0.02) ? 'LOCK' : 'ACTV',
      CRE_DTTM: isoInstant(Math.min(created, u.horizon - 3600)),
    };
    u.cis.webProfiles.push(profile);
    u.index.addProfile(profile);
  }
}

export interface TestCustomer {
  key: string;
  description: string;
  CUST_ID: string;
  CUST_NO: string | null;
  CUST_NAME: string;
  USER_NAME: string;
  /** Demo credential, derived from the seed: sandbox data only. */
  PASSWORD: string;
  accounts: { ACCT_ID: string; ACCT_NO: string; ACCT_STAT_CD: string; ACCT_ROLE_CD: string }[];
}

/** The sandbox test customers and their demo passwords (deterministic per seed). */
export function testCustomers(u: Utility): TestCustomer[] {
  return u.testCustomers.map((t) => {
    const customer = u.index.customer.get(t.CUST_ID)!;
    const profile = u.index.profilesByCustomer.get(t.CUST_ID)[0];
    const accounts = u.index.accountsByCustomer.get(t.CUST_ID);
    return {
      key: t.key, description: t.description,
      CUST_ID: customer.CUST_ID, CUST_NO: customer.CUST_NO, CUST_NAME: customer.CUST_NAME,
      USER_NAME: profile.USER_NAME, PASSWORD: passwordFor(u, profile.USER_NAME),
      accounts: accounts.map((a) => ({ ACCT_ID: a.ACCT_ID, ACCT_NO: a.ACCT_NO, ACCT_STAT_CD: a.ACCT_STAT_CD, ACCT_ROLE_CD: a.ACCT_ROLE_CD })),
    };
  });
}

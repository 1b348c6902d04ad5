import { z } from 'zod';
import { verifyLogin } from '../generator/profiles';
import type { Utility } from '../generator/utility';
import { Table, type ListingParams } from '../sim/listing';
import { badRequest, HttpError, list, parseParams } from '../sim/params';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../sim/server';
import type { CisError, CisLookup, CisPage, CisWebProfile } from './records';
import { accountTable, agreementTable, customerTable, groupTable, servicePointTable } from './tables';

/** The CIS simulator: legacy column names, comma lists, keyset cursors (see legacy/README.md). */

const BASE = '/cis/v1';
const LISTING: ListingParams = { limit: 'limit', cursor: 'cursor', q: 'q', qFields: 'q_fields', or: 'or', maxLimit: 100 };

export function cisError(status: number, message: string): CisError {
  return { ERROR: { MSG_CAT: 11000, MSG_NBR: status, MSG_TEXT: message } };
}

const lookupBody = z.object({ BY: z.string().min(1), KEYS: z.array(z.string().max(200)).min(1).max(1000) }).strict();
const loginBody = z.object({ USER_NAME: z.string().min(1).max(200), PASSWORD: z.string().min(1).max(200) }).strict();

export async function startCisSimulator(utility: Utility, options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const tables = {
    customers: new Table(customerTable(utility), utility, LISTING),
    accounts: new Table(accountTable(utility), utility, LISTING),
    'service-agreements': new Table(agreementTable(utility), utility, LISTING),
    'service-points': new Table(servicePointTable(utility), utility, LISTING),
    groups: new Table(groupTable(utility), utility, LISTING),
  };
  for (const t of Object.values(tables)) t.warm();
  const profiles = {
    CUST_ID: (k: string) => utility.index.profilesByCustomer.get(k),
    USER_NAME: (k: string) => { const p = utility.index.profileByUser.get(k.toLowerCase()); return p ? [p] : []; },
    LOGIN_ID: (k: string) => { const p = utility.index.profile.get(k); return p ? [p] : []; },
  };
  const catalog = <T>(rows: () => T[], column: keyof T & string) => (query: Record<string, unknown>) => {
    const { [column]: wanted } = parseParams(z.object({ [column]: list.optional() }).strict(), query) as Record<string, string[] | undefined>;
    const set = wanted && new Set(wanted);
    return { ROWS: rows().filter((r) => !set || set.has(String(r[column]))) };
  };

  return startSimulator({
    name: 'cis',
    utility,
    errorBody: cisError,
    routes: (r) => {
      for (const [path, table] of Object.entries(tables)) {
        r.get(`${BASE}/${path}`, (req): CisPage<unknown> => {
          const page = table.list(req.query as Record<string, unknown>);
          return { ROWS: page.rows, NEXT_CURSOR: page.next, PREV_CURSOR: page.prev };
        });
        r.post(`${BASE}/${path}/lookup`, (req): CisLookup<unknown> => {
          const { BY, KEYS } = parseParams(lookupBody, req.body);
          return { ROWS: table.lookup(BY, KEYS) };
        });
      }
      r.get(`${BASE}/rates`, (req) => catalog(() => utility.cis.rates, 'RATE_CD')(req.query as Record<string, unknown>));
      r.get(`${BASE}/programs`, (req) => catalog(() => utility.cis.programs, 'PROG_CD')(req.query as Record<string, unknown>));
      r.get(`${BASE}/entities`, (req) => catalog(() => utility.cis.entities, 'ENTITY_ID')(req.query as Record<string, unknown>));
      r.post(`${BASE}/web-profiles/authenticate`, async (req): Promise<CisWebProfile> => {
        const { USER_NAME, PASSWORD } = parseParams(loginBody, req.body);
        const profile = await verifyLogin(utility, USER_NAME, PASSWORD);
        if (!profile) throw new HttpError(401, 'user name or password not valid, or profile locked');
        return profile;
      });
      r.post(`${BASE}/web-profiles/lookup`, (req): CisLookup<CisWebProfile> => {
        const { BY, KEYS } = parseParams(lookupBody, req.body);
        const index = profiles[BY as keyof typeof profiles];
        if (!index) throw badRequest(`cannot look up web-profiles by ${BY} (by: ${Object.keys(profiles).join(', ')})`);
        return { ROWS: [...new Set(KEYS.flatMap((k) => index(k)))] };
      });
    },
  }, options);
}

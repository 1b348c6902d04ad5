import { z } from 'zod';
import { buildGroups } from './aggregations';
import { buildArchetypes, buildRandomSite, MIN_ACCOUNTS } from './archetypes';
import { addMonths, Calendar } from './calendar';
import { ENTITIES, PROGRAMS, RATES } from './catalog';
import { buildCertificates } from './eacs';
import { IdFactory } from './ids';
import { PopulationBuilder } from './population';
import { buildProfiles } from './profiles';
import { hashString, Rng } from './random';
import { UtilityIndex, type Utility } from './utility';

export const generateOptionsSchema = z.object({
  seed: z.string().min(1),
  accounts: z.number().int().min(MIN_ACCOUNTS).max(1_000_000),
  asOf: z.iso.date(),
  timezone: z.string().min(1),
});

export type GenerateOptions = z.infer<typeof generateOptionsSchema>;

/** Months of history before `asOf` (so two-year look-backs have data). */
export const HISTORY_MONTHS = 25;

/**
 * Builds the synthetic utility, deterministically from the options: the same options give the
 * same utility byte for byte. Interval data and bill amounts are not stored; they are computed on
 * demand from the tables (see usage.ts and bills.ts).
 */
export function generateUtility(options: GenerateOptions): Utility {
  const { seed, accounts, asOf, timezone } = generateOptionsSchema.parse(options);
  const calendar = new Calendar(timezone);
  const rng = new Rng(seed);
  const u: Utility = {
    seed, asOf, timezone,
    historyStart: addMonths(asOf, -HISTORY_MONTHS),
    horizon: calendar.startOf(asOf),
    calendar,
    ids: new IdFactory(hashString(seed)),
    cis: {
      customers: [], accounts: [], serviceAgreements: [], servicePoints: [], groups: [], webProfiles: [],
      rates: structuredClone(RATES), programs: structuredClone(PROGRAMS), entities: structuredClone(ENTITIES),
    },
    mdm: { meters: [] },
    eac: { generators: [], certificates: [] },
    loads: new Map(),
    greenButton: new Map(),
    billing: new Map(),
    testCustomers: [],
    index: new UtilityIndex(),
    clock: 0,
    version: 0,
    counters: { customer: 0, account: 0, agreement: 0, servicePoint: 0, premise: 0, meter: 0, install: 0, enrollment: 0, contact: 0, group: 0 },
  };
  u.clock = u.horizon + 3600;
  for (const r of u.cis.rates) u.index.rate.set(r.RATE_CD, r);
  for (const p of u.cis.programs) u.index.program.set(p.PROG_CD, p);
  for (const e of u.cis.entities) u.index.entity.set(e.ENTITY_ID, e);

  const builder = new PopulationBuilder(u, rng, accounts);
  buildArchetypes(builder);
  while (builder.remaining > 0) buildRandomSite(builder);
  buildGroups(builder);
  buildCertificates(u);
  buildProfiles(u, rng);
  return u;
}

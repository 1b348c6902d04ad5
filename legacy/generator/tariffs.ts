import type { CisAccount, CisRate, CisServiceAgreement, CisTouPeriod, SeasonCd, TouPeriodCd } from '../cis/records';
import { addDays, addMonths } from './calendar';
import { SUMMER_MONTHS } from './catalog';
import type { Utility } from './utility';

/**
 * What the tariffs say about one interval: its time-of-use period (season and day type
 * dependent), the MDM's TOU bucket code for it, and the billing section (cycle ∩ agreement) it
 * belongs to, which tiered rates need for their allowances. The billing simulator cuts its
 * sections with the same cycles (bills.ts).
 */

export function seasonOf(date: string): 'SUM' | 'WIN' {
  return SUMMER_MONTHS.has(Number(date.slice(5, 7))) ? 'SUM' : 'WIN';
}

/** The TOU period of a local clock hour; the first matching row wins, as in billing. */
export function touPeriodAt(rate: CisRate, date: string, weekday: number, hour: number): CisTouPeriod {
  const season = seasonOf(date);
  const dayType = weekday >= 6 ? 'WKND' : 'WKDY';
  const period = rate.TOU_PERIODS.find((t) => (t.SEASON_CD === 'ALL' || t.SEASON_CD === season)
    && (t.DAY_TYPE_CD === 'ALL' || t.DAY_TYPE_CD === dayType) && hour >= t.FROM_HR && hour < t.TO_HR);
  if (!period) throw new Error(`rate ${rate.RATE_CD} has no TOU period for ${season}/${dayType}/${hour}h`);
  return period;
}

/** A TOU bucket of the MDM: a period, in one season or (`null`) all year. Code 0 is "no TOU period". */
export interface TouBucket {
  code: number;
  period: TouPeriodCd;
  season: Exclude<SeasonCd, 'ALL'> | null;
}

const PERIOD_ORDER: TouPeriodCd[] = ['SPK', 'PK', 'PPK', 'OPK', 'SOP'];
const SEASON_ORDER: SeasonCd[] = ['SUM', 'WIN', 'ALL'];
const bucketMemo = new WeakMap<readonly CisRate[], TouBucket[]>();

/** The buckets the rates use, numbered from 1 in period then season order (stable for a catalogue). */
export function touBuckets(rates: readonly CisRate[]): TouBucket[] {
  let buckets = bucketMemo.get(rates);
  if (buckets) return buckets;
  const used = new Set(rates.flatMap((r) => r.TOU_PERIODS.map((t) => `${t.PERIOD_CD}/${t.SEASON_CD}`)));
  buckets = PERIOD_ORDER.flatMap((period) => SEASON_ORDER.filter((s) => used.has(`${period}/${s}`))
    .map((season) => ({ period, season: season === 'ALL' ? null : season })))
    .map((b, i) => ({ code: i + 1, ...b }));
  bucketMemo.set(rates, buckets);
  return buckets;
}

export function touBucketCode(rates: readonly CisRate[], period: CisTouPeriod): number {
  const season = period.SEASON_CD === 'ALL' ? null : period.SEASON_CD;
  return touBuckets(rates).find((b) => b.period === period.PERIOD_CD && b.season === season)!.code;
}

/** The account whose statements bill an agreement (an enterprise child is billed on its parent's). */
export function billedAccount(u: Utility, sa: CisServiceAgreement): CisAccount {
  const owner = u.index.account.get(sa.ACCT_ID)!;
  return owner.ACCT_ROLE_CD === 'CHLD' && owner.PARENT_ACCT_ID ? u.index.account.get(owner.PARENT_ACCT_ID)! : owner;
}

/** The bill cycle [first, last] holding a date: monthly from `BILL_CYC_DAY`, quarterly from January, April, July, October. */
export function billCycle(account: CisAccount, date: string): [string, string] {
  const step = account.BILL_CYC_CD === 'Q' ? 3 : 1;
  const month = Number(date.slice(5, 7)) - 1;
  const first = step === 3 ? addMonths(`${date.slice(0, 7)}-01`, -(month % 3)) : `${date.slice(0, 7)}-01`;
  let start = `${first.slice(0, 7)}-${String(account.BILL_CYC_DAY).padStart(2, '0')}`;
  while (start > date) start = addMonths(start, -step);
  return [start, addDays(addMonths(start, step), -1)];
}

/** The billing section of an agreement holding a date: its account's cycle within the agreement and history. */
export function sectionPeriod(u: Utility, sa: CisServiceAgreement, date: string): [string, string] {
  const [first, last] = billCycle(billedAccount(u, sa), date);
  const from = [first, sa.START_DT, u.historyStart].reduce((a, b) => (a > b ? a : b));
  const to = sa.END_DT !== null && sa.END_DT < last ? sa.END_DT : last;
  return [from, to];
}

import type {
  CisAccount, CisProgramEnrollment, CisRateHistory, CisServiceAgreement, CisServicePoint, SaStatCd, SaTypeCd, SvcRoleCd, SvcTypeCd,
} from '../cis/records';
import { dateOf, dayNumber, isoInstant } from './calendar';
import { ENTITY } from './catalog';
import type { PopulationBuilder, Site } from './population';

/**
 * Service agreements: the rates, rate changes and programs an account's service at a site runs
 * on over time (CIS `service-agreements`), and what they change on the service point.
 */

export interface ServeOptions {
  rate?: string;
  cca?: boolean;
  /** Force the first rate of a rate change in history. */
  previousRate?: string;
  status?: SaStatCd;
  programs?: string[];
}

const RES_RATES = { 'E-1': 38, 'E-TOU-C': 45, 'EV2-A': 5, 'E-GREEN': 6 } as const;

function rateFor(b: PopulationBuilder, svc: SvcTypeCd, site: Site, opts: ServeOptions): string {
  if (svc === 'G') return site.cls === 'RES' ? 'G-1' : 'G-NR1';
  if (svc === 'W') return site.cls === 'RES' ? 'W-RES' : 'W-COM';
  if (opts.rate) return opts.rate;
  if (site.solarDate) return 'E-NEM2';
  switch (site.cls) {
    case 'RES':
      return site.technology === 'AMI' ? b.rng.weighted(RES_RATES) : b.rng.chance(0.85) ? 'E-1' : 'E-GREEN';
    case 'COM':
      return site.technology === 'AMI' && b.rng.chance(0.3) ? 'B-19' : 'A-1';
    case 'IND':
      return 'E-20';
    case 'AGR':
      return 'AG-C';
    case 'MUN':
      return 'LS-1';
  }
}

/** One agreement, recorded in the CIS and on its service point's current or previous agreements. */
export function agreement(b: PopulationBuilder, account: CisAccount, sp: CisServicePoint, o: {
  type: SaTypeCd; roles: SvcRoleCd[]; entity: string | null; rates: CisRateHistory[]; start: string; end: string | null;
  status?: SaStatCd; metered?: boolean; programs?: CisProgramEnrollment[];
}): CisServiceAgreement {
  const seq = b.u.counters.agreement++;
  const created = b.stamp(o.start);
  const status: SaStatCd = o.status ?? (o.end
    ? (dayNumber(o.end) >= b.horizon - 21 ? '40' : '60')
    : account.ACCT_STAT_CD === 'S' ? '30' : account.ACCT_STAT_CD === 'U' ? '99' : '20');
  const lastChange = o.rates.length > 1 ? b.stamp(o.rates[o.rates.length - 1].EFF_DT) : 0;
  const sa: CisServiceAgreement = {
    SA_ID: b.u.ids.agreementId(seq),
    SA_NO: b.u.ids.agreementNo(seq),
    ACCT_ID: account.ACCT_ID,
    ACCT_NO: account.ACCT_NO,
    SP_ID: sp.SP_ID,
    SA_TYPE_CD: o.type,
    SVC_TYPE_CD: sp.SP_TYPE_CD,
    SVC_ROLE_CDS: o.roles,
    CUST_CLASS_CD: account.ACCT_CLASS_CD,
    METERED_FLG: o.metered === false ? 'N' : 'Y',
    SA_STAT_CD: status,
    BILL_CYC_CD: account.BILL_CYC_CD,
    START_DT: o.start,
    END_DT: o.end,
    ENTITY_ID: o.entity,
    RATE_CD: o.rates[o.rates.length - 1].RATE_CD,
    RATE_HIST: o.rates,
    PROGRAMS: o.programs ?? [],
    CRE_DTTM: isoInstant(created),
    UPD_DTTM: isoInstant(Math.max(b.modifiedAfter(created), lastChange, o.end ? b.stamp(o.end) : 0)),
  };
  b.u.cis.serviceAgreements.push(sa);
  b.u.index.addAgreement(sa);
  (status === '40' || status === '60' ? sp.PREV_SA_IDS : sp.CUR_SA_IDS).push(sa.SA_ID);
  if (sa.UPD_DTTM > sp.UPD_DTTM) sp.UPD_DTTM = sa.UPD_DTTM;
  return sa;
}

function servicePrograms(b: PopulationBuilder, svc: SvcTypeCd, site: Site, rate: string, start: string): CisProgramEnrollment[] {
  if (svc !== 'E' || site.cls !== 'RES') return [];
  const list: CisProgramEnrollment[] = [];
  if (b.rng.chance(0.06)) list.push(b.enrollment('SMARTDAYS', b.rng.chance(0.8) ? 'ENRL' : 'ENDED', start));
  else if (b.rng.chance(0.03)) list.push(b.enrollment('BYOT', 'ENRL', start));
  if (rate === 'EV2-A') list.push(b.enrollment('EVCHARGE', 'ENRL', start));
  if (b.rng.chance(0.02)) {
    list.push(b.enrollment('CSOL', 'ENRL', start, { CB_BAL: `${b.rng.int(0, 250000) / 10}`, CB_UNITS: 'KWH', CB_CURR: null }));
  }
  return list;
}

/** Agreements of an account for every service point of a site over [start, end]. */
export function serve(b: PopulationBuilder, account: CisAccount, site: Site, start: string, end: string | null, opts: ServeOptions = {}): CisServiceAgreement[] {
  const out: CisServiceAgreement[] = [];
  const cls = site.cls;
  for (const svc of ['E', 'G', 'W'] as const) {
    const sp = site.sps[svc];
    if (!sp) continue;
    const rate = rateFor(b, svc, site, opts);
    const programs = [...servicePrograms(b, svc, site, rate, start), ...(opts.programs ?? []).map((p) => b.enrollment(p, 'ENRL', start))];
    const base = { start, end, status: opts.status };
    if (svc === 'E' && cls === 'MUN') {
      out.push(agreement(b, account, sp, { ...base, type: 'E-LTG', roles: ['DIST', 'SUPP'], entity: ENTITY.utility, rates: [{ RATE_CD: rate, EFF_DT: start }], metered: false }));
      continue;
    }
    if (svc === 'E' && cls === 'RES' && !site.solarDate && (opts.cca ?? (site.zip.cca && b.rng.chance(0.45)))) {
      out.push(agreement(b, account, sp, { ...base, type: 'E-DST', roles: ['DIST'], entity: ENTITY.utility, rates: [{ RATE_CD: 'E-DST', EFF_DT: start }], programs }));
      out.push(agreement(b, account, sp, { ...base, type: 'E-CCA', roles: ['SUPP'], entity: ENTITY.cca, rates: [{ RATE_CD: 'BCP-1', EFF_DT: start }] }));
      continue;
    }
    const rates = rateHistory(b, svc, site, rate, start, end, opts);
    const type: SaTypeCd = svc === 'G' ? (cls === 'RES' ? 'G-RES' : 'G-COM')
      : svc === 'W' ? (cls === 'RES' ? 'W-RES' : 'W-COM')
      : site.solarDate ? 'E-NEM' : ({ RES: 'E-RES', COM: 'E-COM', IND: 'E-IND', AGR: 'E-AGR', MUN: 'E-COM' } as const)[cls];
    const entity = svc === 'W' ? ENTITY.water : ENTITY.utility;
    out.push(agreement(b, account, sp, { ...base, type, roles: ['DIST', 'SUPP'], entity, rates, programs }));
  }
  return out;
}

function rateHistory(b: PopulationBuilder, svc: SvcTypeCd, site: Site, rate: string, start: string, end: string | null, opts: ServeOptions): CisRateHistory[] {
  const last = end ? dayNumber(end) : b.horizon - 1;
  // A solar customer moved to net metering when the bidirectional meter went in.
  if (svc === 'E' && site.solarDate && dayNumber(site.solarDate) > dayNumber(start) && dayNumber(site.solarDate) <= last) {
    return [{ RATE_CD: opts.previousRate ?? 'E-TOU-C', EFF_DT: start }, { RATE_CD: rate, EFF_DT: site.solarDate }];
  }
  const switchable = svc === 'E' && site.cls === 'RES' && rate === 'E-TOU-C' && site.technology === 'AMI';
  const span = last - Math.max(dayNumber(start), b.history);
  if ((opts.previousRate || (switchable && b.rng.chance(0.15))) && span > 90) {
    const from = Math.max(dayNumber(start), b.history) + 30;
    return [{ RATE_CD: opts.previousRate ?? 'E-1', EFF_DT: start }, { RATE_CD: rate, EFF_DT: dateOf(b.rng.int(from, last - 30)) }];
  }
  return [{ RATE_CD: rate, EFF_DT: start }];
}

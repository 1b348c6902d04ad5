import type {
  AcctRoleCd, AcctStatCd, AcctUseCd, BillCycCd, CisAccount, CisContact, CisCustomer, CisPremise, CisProgramEnrollment,
  CisServicePoint, CustClassCd, EnrlStatCd, PremTypeCd, SvcTypeCd,
} from '../cis/records';
import type { MdmTechnology } from '../mdm/records';
import { serve } from './agreements';
import { addDays, dateOf, dayNumber, isoInstant } from './calendar';
import { ENTITY } from './catalog';
import {
  businessName, chainName, email, farmName, makeZips, microDegrees, personName, phone, streetAddress, unitLine, type Zip,
} from './geography';
import { loadProfileFor, newLoad, newMeter, slotSecondsFor } from './meters';
import type { Rng } from './random';
import type { Utility } from './utility';

/**
 * Builds customers, accounts, premises, service points and meters; service agreements are ./agreements.ts.
 * Sites (a premise and its service points) are occupied by accounts over time: move-outs end one
 * occupant's agreements the day before the next occupant's start on the same service points.
 */

export interface Site {
  cls: CustClassCd;
  zip: Zip;
  premise: CisPremise;
  sps: Partial<Record<SvcTypeCd, CisServicePoint>>;
  /** Electric meter technology (fixed for the site: swaps keep it). */
  technology: MdmTechnology;
  /** Date the bidirectional meter went in; null without solar. */
  solarDate: string | null;
  apartment: boolean;
}

export interface Building {
  grpSeq: number;
  premise: CisPremise;
  zip: Zip;
  line1: string;
  units: Site[];
}

const FIRST_DATE = '2004-01-01';

export class PopulationBuilder {
  readonly zips: Zip[];
  readonly buildings: Building[] = [];
  private readonly horizonDay: number;
  private readonly historyDay: number;
  /** Residential customers with a single account, candidates for a second one. */
  private readonly singleAccountCustomers: CisCustomer[] = [];

  constructor(readonly u: Utility, readonly rng: Rng, readonly target: number) {
    this.horizonDay = dayNumber(u.asOf);
    this.historyDay = dayNumber(u.historyStart);
    this.zips = makeZips(rng, Math.min(250, Math.max(3, Math.round(target / 400))));
  }

  get accountCount() {
    return this.u.cis.accounts.length;
  }
  get remaining() {
    return this.target - this.accountCount;
  }

  // ---- time -------------------------------------------------------------------------------

  dateBetween(from: string | number, to: string | number): string {
    const a = typeof from === 'number' ? from : dayNumber(from);
    const b = typeof to === 'number' ? to : dayNumber(to);
    return dateOf(this.rng.int(a, Math.max(a, b)));
  }

  /** A business-hours instant on a date (epoch seconds), never after the horizon. */
  stamp(date: string): number {
    const t = this.u.calendar.startOf(date) + this.rng.int(8 * 3600, 18 * 3600);
    return Math.min(t, this.u.horizon - 3600);
  }

  /** A modification instant after `created`, skewed towards recent, before the horizon. */
  modifiedAfter(created: number): number {
    const span = this.u.horizon - 600 - created;
    if (span <= 0) return created;
    const x = this.rng.float();
    return created + Math.floor(span * (1 - x * x));
  }

  historyDate(marginStart = 20, marginEnd = 5): string {
    return dateOf(this.rng.int(this.historyDay + marginStart, this.horizonDay - marginEnd));
  }

  // ---- parties ----------------------------------------------------------------------------

  customer(cls: CustClassCd, name: string, since: string): CisCustomer {
    const seq = this.u.counters.customer++;
    const created = this.stamp(since);
    const c: CisCustomer = {
      CUST_ID: this.u.ids.customerId(seq),
      // Customers converted from the old system never got a customer number.
      CUST_NO: this.rng.chance(0.03) ? null : this.u.ids.customerNo(seq),
      CUST_NAME: name,
      CUST_CLASS_CD: cls,
      CRE_DTTM: isoInstant(created),
      UPD_DTTM: isoInstant(this.modifiedAfter(created)),
    };
    this.u.cis.customers.push(c);
    this.u.index.addCustomer(c);
    return c;
  }

  person(cls: CustClassCd = 'RES', since = this.dateBetween(FIRST_DATE, this.horizonDay - 400)) {
    const { first, last } = personName(this.rng);
    return { customer: this.customer(cls, `${first} ${last}`, since), first, last };
  }

  /** A residential customer: usually new, sometimes one who already has an account elsewhere. */
  residentialCustomer(since: string): { customer: CisCustomer; first: string; last: string } {
    if (this.singleAccountCustomers.length > 20 && this.rng.chance(0.05)) {
      const i = this.rng.int(0, this.singleAccountCustomers.length - 1);
      const customer = this.singleAccountCustomers[i];
      this.singleAccountCustomers.splice(i, 1);
      const [first, ...rest] = customer.CUST_NAME.split(' ');
      return { customer, first, last: rest.join(' ') };
    }
    const p = this.person('RES', since);
    this.singleAccountCustomers.push(p.customer);
    return p;
  }

  contacts(first: string, last: string, cls: CustClassCd): CisContact[] {
    const out: CisContact[] = [];
    const add = (type: CisContact['CONTACT_TYPE_CD'], use: CisContact['CONTACT_USE_CD'], prio: CisContact['PRIORITY_CD'], pref: boolean, value: string) =>
      out.push({
        CONTACT_ID: this.u.ids.contactId(this.u.counters.contact++), CONTACT_TYPE_CD: type, CONTACT_USE_CD: use,
        PRIORITY_CD: prio, PREF_FLG: pref ? 'Y' : 'N', CONTACT_VAL: value,
      });
    const prefersEmail = this.rng.chance(0.6);
    if (this.rng.chance(0.93)) add('EMAL', cls === 'RES' ? 'HOME' : 'WORK', 'PRI', prefersEmail, email(first, last, this.u.counters.contact));
    add('PHON', cls === 'RES' ? (this.rng.chance(0.7) ? 'CELL' : 'HOME') : 'WORK', out.length ? 'SEC' : 'PRI', !prefersEmail || !out.length, phone(this.rng));
    if (this.rng.chance(0.2)) add('PHON', this.rng.chance(0.5) ? 'WORK' : null, null, false, phone(this.rng));
    return out;
  }

  enrollment(prog: string, status: EnrlStatCd, from: string, extra: Partial<CisProgramEnrollment> = {}): CisProgramEnrollment {
    const seq = this.u.counters.enrollment++;
    const participated = status === 'ENRL' || status === 'ENDED';
    const start = participated ? this.dateBetween(from, this.horizonDay - 2) : null;
    return {
      ENRL_ID: this.u.ids.enrollmentId(seq),
      PROG_CD: prog,
      ENRL_STAT_CD: status,
      PARTICIPATION_NO: participated ? this.u.ids.participationNo(seq) : null,
      START_DT: start,
      END_DT: status === 'ENDED' && start ? this.dateBetween(start, this.horizonDay - 1) : null,
      CB_BAL: null, CB_UNITS: null, CB_CURR: null,
      ...extra,
    };
  }

  accountPrograms(cls: CustClassCd, open: string, flags: { solar: boolean; care?: boolean; payplan?: boolean }): CisProgramEnrollment[] {
    const list: CisProgramEnrollment[] = [];
    if (cls === 'RES') {
      const care = flags.care ?? this.rng.chance(0.12);
      if (care) list.push(this.enrollment('CARE', 'ENRL', open));
      else if (this.rng.chance(0.07)) list.push(this.enrollment('CARE', 'ELIG', open));
      else if (this.rng.chance(0.03)) list.push(this.enrollment('CARE', 'INELIG', open));
      if (this.rng.chance(0.02)) list.push(this.enrollment('MEDBL', 'ENRL', open));
      if (this.rng.chance(0.04)) list.push(this.enrollment('BUDGET', 'ENRL', open));
      if (this.rng.chance(0.05)) list.push(this.enrollment('HOMESURVEY', 'ENDED', open));
      if (this.rng.chance(0.01)) list.push(this.enrollment('TOUPILOT', 'ENRL', open));
      if (this.rng.chance(0.01)) list.push(this.enrollment('HEATPUMP', 'ENDED', open));
    }
    if (flags.payplan) list.push(this.enrollment('PAYPLAN', 'ENRL', open));
    if (flags.solar) {
      const cents = this.rng.int(0, 60000);
      list.push(this.enrollment('NEMCB', 'ENRL', open, { CB_BAL: (cents / 100).toFixed(2), CB_UNITS: 'USD', CB_CURR: 'USD' }));
    }
    return list;
  }

  account(opts: {
    customer: CisCustomer; first: string; last: string; cls: CustClassCd; open: string; close?: string | null;
    status?: AcctStatCd; role?: AcctRoleCd; parent?: CisAccount; use?: AcctUseCd; cycle?: BillCycCd;
    mailTo: string; programs?: CisProgramEnrollment[]; behaviour?: 'FULL' | 'PARTIAL' | 'LATE';
  }): CisAccount {
    const seq = this.u.counters.account++;
    const created = this.stamp(opts.open);
    const close = opts.close ?? null;
    const status: AcctStatCd = opts.status ?? (close ? 'C' : this.rng.chance(0.003) ? 'U' : 'A');
    const name = opts.cls === 'RES' ? `${opts.last}, ${opts.first}`.toUpperCase() : opts.customer.CUST_NAME.toUpperCase();
    const a: CisAccount = {
      ACCT_ID: this.u.ids.accountId(seq),
      ACCT_NO: this.u.ids.accountNo(seq),
      CUST_ID: opts.customer.CUST_ID,
      CUST_NO: opts.customer.CUST_NO,
      PARENT_ACCT_ID: opts.parent?.ACCT_ID ?? null,
      ACCT_ROLE_CD: opts.role ?? 'STD',
      ACCT_USE_CD: opts.use ?? 'CUST',
      ACCT_CLASS_CD: opts.cls,
      ACCT_NAME: name,
      MAIL_ADDR: `${name}\n${opts.mailTo.toUpperCase()}`,
      ACCT_STAT_CD: status,
      BILL_CYC_CD: opts.cycle ?? opts.parent?.BILL_CYC_CD ?? 'M',
      BILL_CYC_DAY: opts.parent?.BILL_CYC_DAY ?? this.rng.int(1, 28),
      ENTITY_ID: ENTITY.utility,
      OPEN_DT: opts.open,
      CLOSE_DT: close,
      CONTACTS: this.contacts(opts.first, opts.last, opts.cls),
      PROGRAMS: opts.programs ?? [],
      CRE_DTTM: isoInstant(created),
      UPD_DTTM: isoInstant(Math.max(this.modifiedAfter(created), close ? this.stamp(close) : 0)),
    };
    this.u.cis.accounts.push(a);
    this.u.index.addAccount(a);
    if (a.ACCT_ROLE_CD !== 'CHLD') {
      const behaviour = opts.behaviour ?? (status === 'S' ? 'LATE' : this.rng.weighted({ FULL: 80, PARTIAL: 15, LATE: 5 }));
      this.u.billing.set(a.ACCT_ID, { behaviour, held: !close && this.rng.chance(0.02), releasedAt: null });
    }
    return a;
  }

  // ---- places -----------------------------------------------------------------------------

  premise(zip: Zip, type: PremTypeCd, addr: string, bldgGroupId: string | null): CisPremise {
    const seq = this.u.counters.premise++;
    return { PREM_ID: this.u.ids.premiseId(seq), PREM_NO: this.u.ids.premiseNo(seq), PREM_TYPE_CD: type, PREM_ADDR: addr, POSTAL: zip.postal, BLDG_GRP_ID: bldgGroupId };
  }

  servicePoint(premise: CisPremise, zip: Zip, svc: SvcTypeCd, line1: string, line2: string | null, format: 'STD' | 'NONSTD', opts: { virtual?: boolean } = {}): CisServicePoint {
    const seq = this.u.counters.servicePoint++;
    const created = this.stamp(this.dateBetween(FIRST_DATE, this.historyDay - 30));
    const geocoded = format === 'STD' || this.rng.chance(0.5);
    const sp: CisServicePoint = {
      SP_ID: this.u.ids.servicePointId(seq),
      SP_NO: this.u.ids.servicePointNo(seq),
      SP_TYPE_CD: svc,
      SP_KIND_CD: opts.virtual ? 'VIRT' : 'PHYS',
      SP_LOC_CD: opts.virtual ? 'INTL' : 'EDGE',
      ADDR_FMT_CD: format,
      ADDR_LINE1: line1,
      ADDR_LINE2: line2,
      CITY: zip.city,
      STATE: 'CA',
      POSTAL: zip.postal,
      GEO_LAT: geocoded ? microDegrees(zip.lat + this.rng.int(-20000, 20000)) : null,
      GEO_LONG: geocoded ? microDegrees(zip.lon + this.rng.int(-20000, 20000)) : null,
      PREMISES: [premise],
      CUR_SA_IDS: [],
      PREV_SA_IDS: [],
      CRE_DTTM: isoInstant(created),
      UPD_DTTM: isoInstant(this.modifiedAfter(created)),
    };
    this.u.cis.servicePoints.push(sp);
    this.u.index.addServicePoint(sp);
    return sp;
  }

  /** Meters of one service point: one, or two after a swap or a solar upgrade during or before history. */
  meters(site: Site, svc: SvcTypeCd, sp: CisServicePoint, opts: { swap?: boolean } = {}) {
    const technology: MdmTechnology = svc === 'E' ? site.technology : svc === 'G' ? (this.rng.chance(0.7) ? 'AMR' : 'AMI') : this.rng.chance(0.6) ? 'AMI' : 'AMR';
    const slot = slotSecondsFor(svc, technology);
    const solar = svc === 'E' ? site.solarDate : null;
    const swap = !solar && (opts.swap ?? this.rng.chance(0.12)) ? this.historyDate(15, 15) : null;
    const change = solar ?? swap;
    const firstInstall = this.dateBetween('2009-01-01', Math.min(this.historyDay - 40, change ? dayNumber(change) - 30 : Infinity));
    const demand = svc === 'E' && technology === 'AMI' && site.cls !== 'RES';
    const baseLoad = newLoad(this.rng, loadProfileFor(svc, site.cls, false), slot, site.apartment);
    const spec = { sp, svc, technology, bidirectional: false, physical: true, demand, reason: 'NEW_SERVICE' as const };
    const created = this.stamp(addDays(firstInstall, -this.rng.int(5, 60)));
    newMeter(this.u, this.rng, {
      ...spec, installDate: firstInstall, removeDate: change, load: baseLoad, created,
      modified: change ? this.stamp(change) : this.modifiedAfter(created),
    });
    if (!change) return;
    const load = solar
      ? { ...newLoad(this.rng, 'RES_SOLAR', slot, site.apartment), daily: baseLoad.daily }
      : { ...baseLoad, seed: this.rng.u32() };
    const created2 = this.stamp(addDays(change, -this.rng.int(3, 20)));
    newMeter(this.u, this.rng, {
      ...spec, bidirectional: !!solar, installDate: change, removeDate: null, load,
      reason: solar ? 'SOLAR_UPGRADE' : 'SWAP', created: created2, modified: this.modifiedAfter(this.stamp(change)),
    });
  }

  site(opts: {
    cls: CustClassCd; services: SvcTypeCd[]; zip?: Zip; building?: Building; unit?: number;
    solar?: 'history' | 'before' | null; technology?: MdmTechnology; swap?: boolean; premType?: PremTypeCd;
  }): Site {
    const zip = opts.building?.zip ?? opts.zip ?? this.rng.pick(this.zips);
    const commercial = opts.cls !== 'RES';
    let line1: string;
    let format: 'STD' | 'NONSTD';
    let line2: string | null = null;
    let premise: CisPremise;
    if (opts.building) {
      line1 = opts.building.line1;
      format = 'STD';
      line2 = unitLine(this.rng, opts.unit ?? 1, commercial);
      premise = opts.building.premise;
    } else {
      const addr = streetAddress(this.rng, true);
      line1 = addr.line1;
      format = addr.format;
      if (commercial && this.rng.chance(0.3)) line2 = unitLine(this.rng, this.rng.int(1, 9), true);
      premise = this.premise(zip, opts.premType ?? (opts.cls === 'AGR' ? 'LAND' : 'BLDG'), line1, null);
    }
    const solarDate = opts.solar === 'history' ? this.historyDate(60, 60)
      : opts.solar === 'before' ? this.dateBetween('2014-01-01', this.historyDay - 20) : null;
    const technology: MdmTechnology = opts.technology ?? (opts.cls !== 'RES' && opts.cls !== 'AGR' ? 'AMI'
      : solarDate ? 'AMI' : this.rng.weighted({ AMI: 96, AMR: 3, ANALOG: 1 }));
    const site: Site = { cls: opts.cls, zip, premise, sps: {}, technology, solarDate, apartment: !!opts.building && !commercial };
    for (const svc of opts.services) {
      const sp = this.servicePoint(premise, zip, svc, line1, line2, format);
      site.sps[svc] = sp;
      this.meters(site, svc, sp, { swap: svc === 'E' ? opts.swap : undefined });
    }
    opts.building?.units.push(site);
    return site;
  }

  building(zip: Zip, units: number, commercial = false): Building {
    const line1 = streetAddress(this.rng, false).line1;
    const grpSeq = this.u.counters.group++;
    const b: Building = {
      grpSeq, zip, line1, units: [],
      premise: this.premise(zip, 'BLDG', line1, this.u.ids.groupId(grpSeq)),
    };
    this.buildings.push(b);
    for (let i = 1; i <= units; i++) {
      this.site({ cls: commercial ? 'COM' : 'RES', services: this.rng.chance(0.3) ? ['E', 'G'] : ['E'], building: b, unit: i });
    }
    return b;
  }

  nextGroupSeq() {
    return this.u.counters.group++;
  }

  address(site: Site): string {
    const sp = Object.values(site.sps)[0] as CisServicePoint;
    return [sp.ADDR_LINE1, sp.ADDR_LINE2, `${sp.CITY} ${sp.STATE} ${sp.POSTAL}`].filter(Boolean).join('\n');
  }

  /**
   * Occupies a site: one long-time occupant, or (when budget allows) a move-out during history with
   * a new occupant from the next day, or a move-out leaving the site vacant.
   */
  occupy(site: Site, opts: { moveOut?: boolean; vacant?: boolean } = {}): CisAccount[] {
    const moveOut = opts.moveOut ?? (this.remaining >= 2 && this.rng.chance(0.08));
    const vacant = !moveOut && (opts.vacant ?? (this.remaining >= 1 && this.rng.chance(0.012)));
    const accounts: CisAccount[] = [];
    let start = this.dateBetween(FIRST_DATE, this.horizonDay - 120);
    if (site.solarDate && dayNumber(start) >= dayNumber(site.solarDate)) start = addDays(site.solarDate, -this.rng.int(60, 2000));
    if (moveOut || vacant) {
      const out = this.historyDate(30, 5);
      if (dayNumber(start) >= dayNumber(out) - 60) start = addDays(out, -this.rng.int(90, 3000));
      accounts.push(this.occupant(site, start, addDays(out, -1)));
      if (vacant) return accounts;
      start = out;
    }
    accounts.push(this.occupant(site, start, null));
    return accounts;
  }

  occupant(site: Site, start: string, end: string | null): CisAccount {
    const cls = site.cls;
    const party = cls === 'RES' ? this.residentialCustomer(start)
      : { customer: this.customer(cls, cls === 'AGR' ? farmName(this.rng) : businessName(this.rng), start), first: 'Accounts', last: 'Payable' };
    const account = this.account({
      ...party, cls, open: start, close: end, mailTo: this.address(site),
      cycle: cls === 'AGR' ? 'Q' : 'M',
      status: end ? 'C' : cls === 'RES' && this.rng.chance(0.02) ? 'S' : undefined,
      programs: this.accountPrograms(cls, start, { solar: !!site.solarDate && !end }),
    });
    if (account.ACCT_STAT_CD === 'S') account.PROGRAMS.push(this.enrollment('PAYPLAN', 'ENRL', start));
    serve(this, account, site, start, end);
    return account;
  }

  /** Chain stores: a parent account billed for its children's service. */
  enterprise(children: number, name = chainName(this.buildings.length + this.accountCount)): CisAccount[] {
    const open = this.dateBetween(FIRST_DATE, this.historyDay - 200);
    const customer = this.customer('COM', name, open);
    const hq = streetAddress(this.rng, false).line1;
    const zip = this.rng.pick(this.zips);
    const mailTo = `${hq}\n${zip.city} CA ${zip.postal}`;
    const parent = this.account({ customer, first: 'Accounts', last: 'Payable', cls: 'COM', open, role: 'PRNT', mailTo, programs: [] });
    const out = [parent];
    for (let i = 0; i < children; i++) {
      const site = this.site({ cls: 'COM', services: this.rng.chance(0.5) ? ['E', 'G'] : ['E'] });
      const start = this.dateBetween(open, this.historyDay - 30);
      const child = this.account({ customer, first: 'Store', last: String(i + 1), cls: 'COM', open: start, role: 'CHLD', parent, mailTo, programs: [] });
      serve(this, child, site, start, null, i === 0 ? { rate: 'B-19' } : {});
      out.push(child);
    }
    return out;
  }

  get horizon() {
    return this.horizonDay;
  }
  get history() {
    return this.historyDay;
  }
}

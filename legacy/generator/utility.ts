import type {
  CisAccount, CisCustomer, CisEntity, CisGroup, CisProgram, CisRate, CisServiceAgreement, CisServicePoint, CisWebProfile,
} from '../cis/records';
import type { EacCertificate, EacGenerator } from '../eac/records';
import type { MdmMeter } from '../mdm/records';
import type { Calendar } from './calendar';
import type { IdFactory } from './ids';
import type { Channel, MeterLoad } from './usage';

/** How an account pays its bills (billing-system internal, drives balances and shutoff notices). */
export type PaymentBehaviour = 'FULL' | 'PARTIAL' | 'LATE';

export interface BillingProfile {
  behaviour: PaymentBehaviour;
  /** The latest statement is cut but held for review (released by a `new_bill` change). */
  held: boolean;
  /** When a held statement was released (epoch seconds). */
  releasedAt: number | null;
}

/** One real Green Button reading, kept exactly as the file had it. */
export interface GreenButtonReading {
  start: string;
  duration: string;
  value: string;
  cost: string | null;
  quality: string | null;
}

export interface GreenButtonBlock {
  start: string;
  duration: string;
  readings: GreenButtonReading[];
}

/** A real ESPI file attached as a meter: its reading type and blocks served unchanged. */
export interface GreenButtonSeries {
  file: string;
  title: string;
  serviceKind: string;
  /** ReadingType child elements in file order (name → text), e.g. uom, flowDirection, intervalLength. */
  readingType: [string, string][];
  localTime: [string, string][];
  blocks: GreenButtonBlock[];
}

export interface CisTables {
  customers: CisCustomer[];
  accounts: CisAccount[];
  serviceAgreements: CisServiceAgreement[];
  servicePoints: CisServicePoint[];
  groups: CisGroup[];
  webProfiles: CisWebProfile[];
  rates: CisRate[];
  programs: CisProgram[];
  entities: CisEntity[];
}

export interface TestCustomerRole {
  key: string;
  description: string;
  CUST_ID: string;
}

class MultiMap<V> {
  private readonly map = new Map<string, V[]>();
  add(key: string, value: V) {
    const list = this.map.get(key);
    if (list) list.push(value);
    else this.map.set(key, [value]);
  }
  remove(key: string, value: V) {
    const list = this.map.get(key);
    if (!list) return;
    const i = list.indexOf(value);
    if (i >= 0) list.splice(i, 1);
  }
  get(key: string): readonly V[] {
    return this.map.get(key) ?? [];
  }
}

/** Lookup maps over the tables, kept current by the generator, the Green Button attachment and changes. */
export class UtilityIndex {
  readonly customer = new Map<string, CisCustomer>();
  readonly customerByNo = new Map<string, CisCustomer>();
  readonly account = new Map<string, CisAccount>();
  readonly accountByNo = new Map<string, CisAccount>();
  readonly accountsByCustomer = new MultiMap<CisAccount>();
  readonly accountsByParent = new MultiMap<CisAccount>();
  readonly agreement = new Map<string, CisServiceAgreement>();
  readonly agreementByNo = new Map<string, CisServiceAgreement>();
  readonly agreementsByAccount = new MultiMap<CisServiceAgreement>();
  readonly agreementsBySp = new MultiMap<CisServiceAgreement>();
  readonly servicePoint = new Map<string, CisServicePoint>();
  readonly servicePointByNo = new Map<string, CisServicePoint>();
  readonly servicePointsByPremise = new MultiMap<CisServicePoint>();
  readonly servicePointsByPremiseNo = new MultiMap<CisServicePoint>();
  readonly meter = new Map<string, MdmMeter>();
  readonly meterBySerial = new Map<string, MdmMeter>();
  readonly meterByUsagePoint = new Map<string, MdmMeter>();
  readonly metersBySp = new MultiMap<MdmMeter>();
  readonly group = new Map<string, CisGroup>();
  readonly groupByNo = new Map<string, CisGroup>();
  readonly groupsByMemberSp = new MultiMap<CisGroup>();
  readonly profile = new Map<string, CisWebProfile>();
  readonly profileByUser = new Map<string, CisWebProfile>();
  readonly profilesByCustomer = new MultiMap<CisWebProfile>();
  readonly rate = new Map<string, CisRate>();
  readonly program = new Map<string, CisProgram>();
  readonly entity = new Map<string, CisEntity>();
  readonly certificate = new Map<string, EacCertificate>();

  addCustomer(c: CisCustomer) {
    this.customer.set(c.CUST_ID, c);
    if (c.CUST_NO) this.customerByNo.set(c.CUST_NO, c);
  }
  addAccount(a: CisAccount) {
    this.account.set(a.ACCT_ID, a);
    this.accountByNo.set(a.ACCT_NO, a);
    this.accountsByCustomer.add(a.CUST_ID, a);
    if (a.PARENT_ACCT_ID) this.accountsByParent.add(a.PARENT_ACCT_ID, a);
  }
  addAgreement(sa: CisServiceAgreement) {
    this.agreement.set(sa.SA_ID, sa);
    this.agreementByNo.set(sa.SA_NO, sa);
    this.agreementsByAccount.add(sa.ACCT_ID, sa);
    this.agreementsBySp.add(sa.SP_ID, sa);
  }
  addServicePoint(sp: CisServicePoint) {
    this.servicePoint.set(sp.SP_ID, sp);
    this.servicePointByNo.set(sp.SP_NO, sp);
    for (const p of sp.PREMISES) {
      this.servicePointsByPremise.add(p.PREM_ID, sp);
      this.servicePointsByPremiseNo.add(p.PREM_NO, sp);
    }
  }
  addMeter(m: MdmMeter) {
    this.meter.set(m.meterId, m);
    this.meterBySerial.set(m.serialNumber, m);
    this.meterByUsagePoint.set(m.usagePointId, m);
    for (const sp of new Set(m.installs.map((i) => i.servicePointId))) this.metersBySp.add(sp, m);
  }
  addInstallSp(m: MdmMeter, spId: string) {
    if (!this.metersBySp.get(spId).includes(m)) this.metersBySp.add(spId, m);
  }
  addGroup(g: CisGroup) {
    this.group.set(g.GRP_ID, g);
    this.groupByNo.set(g.GRP_NO, g);
    for (const sp of g.MEMBER_SP_IDS) this.groupsByMemberSp.add(sp, g);
  }
  addProfile(p: CisWebProfile) {
    this.profile.set(p.LOGIN_ID, p);
    this.profileByUser.set(p.USER_NAME.toLowerCase(), p);
    this.profilesByCustomer.add(p.CUST_ID, p);
  }
}

export interface Utility {
  seed: string;
  /** The date history runs up to: data and bills cover local days before it. */
  asOf: string;
  timezone: string;
  /** First local day with interval data and bills (25 months before asOf). */
  historyStart: string;
  /** UTC epoch seconds of local midnight starting asOf: the end of the interval data. */
  horizon: number;
  calendar: Calendar;
  ids: IdFactory;
  cis: CisTables;
  mdm: { meters: MdmMeter[] };
  eac: { generators: EacGenerator[]; certificates: EacCertificate[] };
  /** Consumption model per meterId (synthetic meters only). */
  loads: Map<string, MeterLoad>;
  /** Real ESPI series per meterId (Green Button meters only). */
  greenButton: Map<string, GreenButtonSeries>;
  /** Billing behaviour per billed ACCT_ID. */
  billing: Map<string, BillingProfile>;
  testCustomers: TestCustomerRole[];
  index: UtilityIndex;
  /** Simulated clock for changes (epoch seconds); starts one hour after the horizon. */
  clock: number;
  /** Incremented by every change, so derived indexes know to rebuild. */
  version: number;
  /** Sequence numbers for records created after generation (changes, attachments). */
  counters: {
    customer: number; account: number; agreement: number; servicePoint: number; premise: number; meter: number; install: number;
    enrollment: number; contact: number; group: number;
  };
}

export type { Channel, MeterLoad };

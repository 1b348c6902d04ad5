import { DateTime } from 'luxon';
import type { CisGroup, CisServiceAgreement } from '../../../legacy/cis/records';
import type { Utility } from '../../../legacy/generator/utility';

/**
 * The generated utility read straight from its tables (no graph, no facade code), in the terms
 * cds-wg3-01 relates objects by: account ↔ contract by `ACCT_ID`, contract ↔ service point by
 * `CUR_SA_IDS`/`PREV_SA_IDS`, service point ↔ meter by the install history, aggregations by member
 * service points. Ids are the CIS/MDM keys, which are the Customer Data API ids.
 */

/** Half-open [from, until) in epoch ms; ±Infinity when unbounded. */
export interface Span {
  from: number;
  until: number;
}

export const ALWAYS: Span = { from: -Infinity, until: Infinity };

export function overlap(a: Span, b: Span): Span | null {
  const from = Math.max(a.from, b.from);
  const until = Math.min(a.until, b.until);
  return from < until ? { from, until } : null;
}

export function mergeSpans(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const s of [...spans].sort((a, b) => a.from - b.from)) {
    const last = out.at(-1);
    if (last && s.from <= last.until) last.until = Math.max(last.until, s.until);
    else out.push({ ...s });
  }
  return out;
}

export class UtilityView {
  constructor(readonly u: Utility) {}

  /** A contract's service days in the utility's time zone: first day 00:00 to the day after the last. */
  contractSpan(sa: CisServiceAgreement): Span {
    const midnight = (date: string) => DateTime.fromISO(date, { zone: this.u.timezone }).startOf('day').toMillis();
    return {
      from: midnight(sa.START_DT),
      until: sa.END_DT ? DateTime.fromISO(sa.END_DT, { zone: this.u.timezone }).plus({ days: 1 }).startOf('day').toMillis() : Infinity,
    };
  }

  installs(meterId: string) {
    return (this.u.index.meter.get(meterId)?.installs ?? []).map((i) => ({
      sp: i.servicePointId,
      span: { from: Date.parse(i.installedAt), until: i.removedAt ? Date.parse(i.removedAt) : Infinity },
      current: i.removedAt === null,
    }));
  }

  /** `current_servicepoints` of a meter (open installs). */
  currentPoints(meterId: string): string[] {
    return this.installs(meterId).filter((i) => i.current).map((i) => i.sp);
  }

  /** Meters with an open install at the service point. */
  currentMeters(spId: string): string[] {
    return this.u.index.metersBySp.get(spId).filter((m) => m.installs.some((i) => i.servicePointId === spId && i.removedAt === null)).map((m) => m.meterId);
  }

  /** Meters ever installed at the service point. */
  metersEver(spId: string): string[] {
    return this.u.index.metersBySp.get(spId).map((m) => m.meterId);
  }

  accountOf(saId: string): string | undefined {
    return this.u.index.agreement.get(saId)?.ACCT_ID;
  }

  contractsOfAccount(acctId: string): string[] {
    return this.u.index.agreementsByAccount.get(acctId).map((sa) => sa.SA_ID);
  }

  /** `current_servicecontracts` of a service point. */
  currentContracts(spId: string): string[] {
    return this.u.index.servicePoint.get(spId)?.CUR_SA_IDS ?? [];
  }

  allContracts(spId: string): string[] {
    const sp = this.u.index.servicePoint.get(spId);
    return sp ? [...sp.CUR_SA_IDS, ...sp.PREV_SA_IDS] : [];
  }

  /** Service points listing the contract as current. */
  currentPointsOfContract(saId: string): string[] {
    const sa = this.u.index.agreement.get(saId);
    return sa && this.currentContracts(sa.SP_ID).includes(saId) ? [sa.SP_ID] : [];
  }

  /** Member service points of a group and of its chunks. */
  members(group: CisGroup): string[] {
    return [...group.MEMBER_SP_IDS, ...group.CHILD_GRP_IDS.flatMap((id) => {
      const chunk = this.u.index.group.get(id);
      return chunk ? this.members(chunk) : [];
    })];
  }

  /** `grouped_servicecontracts`: contracts currently serving the members. */
  groupedContracts(group: CisGroup): string[] {
    return [...new Set(this.members(group).flatMap((sp) => this.currentContracts(sp)))];
  }

  groupedAccounts(group: CisGroup): string[] {
    return [...new Set(this.groupedContracts(group).map((sa) => this.accountOf(sa)).filter((a): a is string => a !== undefined))];
  }

  groupedMeters(group: CisGroup): string[] {
    return [...new Set(this.members(group).flatMap((sp) => this.currentMeters(sp)))];
  }

  /** Groups whose own member list holds the service point (chunks, not their parents). */
  groupsOfPoint(spId: string): CisGroup[] {
    return [...this.u.index.groupsByMemberSp.get(spId)];
  }

  /** The groups holding any of the service points, and the groups those are chunks of. */
  groupsAround(spIds: Iterable<string>): Set<string> {
    const out = new Set<string>();
    for (const sp of spIds) {
      for (const g of this.groupsOfPoint(sp)) {
        out.add(g.GRP_ID);
        if (g.PARENT_GRP_ID) out.add(g.PARENT_GRP_ID);
      }
    }
    return out;
  }

  /**
   * The CDS Meter Types (cds-wg3-01 §10.4.2) of an MDM meter, read off its registry record:
   * commodity, demand, flow direction, physical or virtual, technology, the radio capability ladder
   * (each rung implies the ones below) and the app capabilities.
   */
  meterTypes(meterId: string): string[] {
    const m = this.u.index.meter.get(meterId);
    if (!m) return [];
    const commodity = { ELECTRIC: 'electric_usage', GAS: 'natural_gas_usage', WATER: 'water_usage' }[m.commodity];
    const ladder = ['NONE', 'CAPABLE', 'ENABLED', 'CONFIGURED'];
    const radio = (level: string, name: string) => ['capable', 'enabled', 'configured'].slice(0, ladder.indexOf(level)).map((r) => `${name}_${r}`);
    return [
      commodity,
      ...(m.measures.includes('DEMAND') ? ['electric_demand'] : []),
      m.flow === 'BIDIRECTIONAL' ? 'bidirectional' : 'forward_only',
      m.physical ? 'physical_meter' : 'virtual_meter',
      `${m.technology.toLowerCase()}_meter`,
      ...radio(m.wifi, 'wifi'), ...radio(m.zigbee, 'zigbee'),
      ...(m.centralApps ? ['central_apps_capable'] : []),
      ...(m.customerApps ? ['customer_apps_capable'] : []),
    ];
  }
}

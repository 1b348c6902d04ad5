import Decimal from 'decimal.js';
import type { EacBeneficiaryKind, EacCertificate, EacGenerator } from '../eac/records';
import { addMonths, dateOf, dayNumber, isoInstant } from './calendar';
import { mix } from './random';
import { periodTotal } from './usage';
import type { Utility } from './utility';

/**
 * Energy attribute certificates for measured solar generation: quarterly for each rooftop system
 * (from its meter's received channel), monthly for the utility-scale plant split between the green
 * tariff, the community solar program and general compliance retirements.
 */

export const EAC_FORMAT = 'ege-rec-v1';

interface Period {
  from: string;
  /** Exclusive end date. */
  to: string;
}

/** Calendar periods of `months` months (aligned to the year) fully inside [fromDay, toDay). */
function periods(months: number, fromDay: number, toDay: number): Period[] {
  const first = dateOf(fromDay);
  const aligned = Math.floor((Number(first.slice(5, 7)) - 1) / months) * months;
  let start = `${first.slice(0, 4)}-${String(aligned + 1).padStart(2, '0')}-01`;
  if (dayNumber(start) < fromDay) start = addMonths(start, months);
  const out: Period[] = [];
  for (let end = addMonths(start, months); dayNumber(end) <= toDay; end = addMonths(start, months)) {
    out.push({ from: start, to: end });
    start = end;
  }
  return out;
}

export function buildCertificates(u: Utility): void {
  const history = dayNumber(u.historyStart);
  const horizon = dayNumber(u.asOf);
  let seq = 0;
  const issue = (gen: EacGenerator, p: Period, wh: number, kind: EacBeneficiaryKind, refs: string[], retired: boolean, part: number) => {
    const issued = u.calendar.startOf(p.to) + 15 * 86400 + 36000;
    if (issued >= u.horizon || wh <= 0) return;
    const id = u.ids.certificateId(seq++);
    const updated = retired ? Math.min(issued + (1 + (mix(seq, 5) % 20)) * 86400, u.horizon - 60) : issued;
    const cert: EacCertificate = {
      certificate_id: id,
      serial_numbers: [`WREGIS-${gen.generator_id}-${p.from.slice(0, 7)}-${part}`],
      generator_id: gen.generator_id,
      vintage_start: isoInstant(u.calendar.startOf(p.from)),
      vintage_end: isoInstant(u.calendar.startOf(p.to)),
      quantity_wh: String(wh),
      quantity_mwh: new Decimal(wh).div(1_000_000).toFixed(),
      status: retired ? 'RETIRED' : 'ACTIVE',
      beneficiary_kind: kind,
      beneficiary_refs: refs,
      format_code: EAC_FORMAT,
      data_path: `/registry/v1/certificates/${id}/data`,
      issued_at: isoInstant(issued),
      updated_at: isoInstant(updated),
    };
    u.eac.certificates.push(cert);
    u.index.certificate.set(id, cert);
  };

  for (const meter of u.mdm.meters) {
    if (meter.flow !== 'BIDIRECTIONAL' || meter.source !== 'SYNTHETIC') continue;
    const load = u.loads.get(meter.meterId)!;
    const install = meter.installs[0];
    const sp = u.index.servicePoint.get(install.servicePointId)!;
    const plant = !meter.physical;
    const gen: EacGenerator = {
      generator_id: `GEN-${sp.SP_NO}`,
      name: plant ? 'Sunrise Solar Ranch' : `Rooftop solar at ${sp.ADDR_LINE1}${sp.ADDR_LINE2 ? ` ${sp.ADDR_LINE2}` : ''}`,
      fuel_code: 'SUN',
      capacity_kw: new Decimal(load.solar).div(4500).toDecimalPlaces(1).toFixed(1),
      sp_id: plant ? null : sp.SP_ID,
      commissioned_on: install.installedAt.slice(0, 10),
    };
    u.eac.generators.push(gen);
    const from = Math.max(history, u.calendar.dayAt(Date.parse(install.installedAt) / 1000));
    const to = install.removedAt ? Math.min(horizon, u.calendar.dayAt(Date.parse(install.removedAt) / 1000)) : horizon;
    for (const p of periods(plant ? 1 : 3, from, to)) {
      const wh = periodTotal(u.calendar, load, 'reverse', dayNumber(p.from), dayNumber(p.to) - 1);
      if (plant) {
        const last = dayNumber(p.to) + 45 > horizon;
        const tariff = Math.floor((wh * 40) / 100);
        const program = Math.floor((wh * 25) / 100);
        issue(gen, p, tariff, last ? 'GENERAL' : 'TARIFF', last ? [] : ['E-GREEN'], !last, 1);
        issue(gen, p, program, last ? 'GENERAL' : 'PROGRAM', last ? [] : ['CSOL'], !last, 2);
        issue(gen, p, wh - tariff - program, 'GENERAL', [], !last, 3);
        continue;
      }
      const sa = u.index.agreementsBySp.get(sp.SP_ID).find((a) => a.START_DT < p.to && (!a.END_DT || a.END_DT >= p.from));
      if (!sa) continue;
      const account = u.index.account.get(sa.ACCT_ID)!;
      const customer = u.index.customer.get(account.CUST_ID)!;
      const roll = mix(load.seed, dayNumber(p.from)) % 10;
      if (roll < 2 && customer.CUST_NO) issue(gen, p, wh, 'CUSTOMER', [customer.CUST_NO], true, 1);
      else if (roll < 4) issue(gen, p, wh, 'CONTRACT', [sa.SA_ID], true, 1);
      else issue(gen, p, wh, 'ACCOUNT', [account.ACCT_ID], true, 1);
    }
  }
}

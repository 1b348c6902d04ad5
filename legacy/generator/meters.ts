import type { CisServicePoint, CustClassCd, SvcTypeCd } from '../cis/records';
import type { MdmInstall, MdmMeter, MdmMeterApp, MdmRadio, MdmTechnology } from '../mdm/records';
import { isoInstant } from './calendar';
import type { Rng } from './random';
import type { LoadProfile, MeterLoad } from './usage';
import type { Utility } from './utility';

/**
 * Meters, their installs at service points and their consumption model. A service point keeps its
 * load when a meter is swapped; the new meter continues it (a solar upgrade changes the shape).
 */

const APPS: { code: string; name: string; by: MdmMeterApp['installableBy'] }[] = [
  { code: 'MA-1001', name: 'Home Energy Disaggregation', by: ['CENTRAL'] },
  { code: 'MA-1002', name: 'EV Charging Detection', by: ['CENTRAL'] },
  { code: 'MA-2001', name: 'Solar Production Monitor', by: ['CUSTOMER', 'CENTRAL'] },
  { code: 'MA-2002', name: 'Smart Thermostat Link', by: ['CUSTOMER'] },
];

const RADIO: MdmRadio[] = ['NONE', 'CAPABLE', 'ENABLED', 'CONFIGURED'];

export function loadProfileFor(svc: SvcTypeCd, cls: CustClassCd, solar: boolean): LoadProfile {
  if (svc === 'G') return cls === 'RES' ? 'GAS_RES' : 'GAS_COM';
  if (svc === 'W') return cls === 'RES' ? 'WATER_RES' : 'WATER_COM';
  if (solar) return 'RES_SOLAR';
  return ({ RES: 'RES', COM: 'COM', IND: 'IND', AGR: 'AGR', MUN: 'COM' } as const)[cls];
}

const MEAN: Record<LoadProfile, [number, number, number]> = {
  // mean daily native units, min factor, max factor
  RES: [18000, 0.45, 2.2], RES_SOLAR: [19000, 0.6, 2.0], COM: [160000, 0.3, 4], IND: [2500000, 0.6, 2],
  AGR: [350000, 0.5, 2], PLANT: [40000, 1, 1], GAS_RES: [85, 0.4, 2], GAS_COM: [700, 0.3, 4],
  WATER_RES: [260, 0.4, 2], WATER_COM: [2000, 0.3, 4],
};

export function newLoad(rng: Rng, profile: LoadProfile, slotSeconds: number, apartment: boolean): MeterLoad {
  const [mean, lo, hi] = MEAN[profile];
  const factor = lo + rng.float() * (hi - lo);
  return {
    profile,
    seed: rng.u32(),
    daily: Math.round(mean * factor * (apartment ? 0.6 : 1)),
    solar: profile === 'RES_SOLAR' ? Math.round(14000 * (0.6 + rng.float())) : profile === 'PLANT' ? 275_000_000 : 0,
    slotSeconds,
  };
}

export function slotSecondsFor(svc: SvcTypeCd, technology: MdmTechnology): number {
  if (svc === 'G' || technology !== 'AMI') return 86400;
  return svc === 'W' ? 3600 : 900;
}

export interface MeterSpec {
  sp: CisServicePoint;
  svc: SvcTypeCd;
  technology: MdmTechnology;
  bidirectional: boolean;
  physical: boolean;
  demand: boolean;
  installDate: string;
  removeDate: string | null;
  reason: MdmInstall['reason'];
  load: MeterLoad;
  /** Epoch seconds for createdAt / updatedAt. */
  created: number;
  modified: number;
}

export function newMeter(u: Utility, rng: Rng, spec: MeterSpec): MdmMeter {
  const seq = u.counters.meter++;
  const prefix = spec.svc === 'E' ? 'E' : spec.svc === 'G' ? 'G' : 'W';
  const ami = spec.technology === 'AMI';
  const electricAmi = ami && spec.svc === 'E' && spec.physical;
  // Only newer AMI generations run meter apps.
  const centralApps = electricAmi && rng.chance(0.4);
  const customerApps = centralApps && rng.chance(0.5);
  const apps: MdmMeterApp[] = [];
  if (centralApps) {
    for (const app of APPS) {
      if (app.by.length === 1 && app.by[0] === 'CUSTOMER' && !customerApps) continue;
      const roll = rng.float();
      const installed = isoInstant(spec.created + rng.int(30, 900) * 86400);
      const state: MdmMeterApp['state'] = roll < 0.2 ? 'INSTALLED' : roll < 0.26 ? 'REMOVED' : roll < 0.8 ? 'AVAILABLE' : 'BLOCKED';
      apps.push({
        appId: u.ids.appId(seq * APPS.length + APPS.indexOf(app)),
        appCode: app.code, appName: app.name, state, installableBy: app.by,
        installedAt: state === 'INSTALLED' || state === 'REMOVED' ? minIso(installed, spec.modified) : null,
        removedAt: state === 'REMOVED' ? isoInstant(spec.modified) : null,
      });
    }
  }
  const meter: MdmMeter = {
    meterId: u.ids.meterId(seq),
    serialNumber: u.ids.meterSerial(prefix, seq),
    commodity: spec.svc === 'E' ? 'ELECTRIC' : spec.svc === 'G' ? 'GAS' : 'WATER',
    technology: spec.technology,
    physical: spec.physical,
    flow: spec.bidirectional ? 'BIDIRECTIONAL' : 'FORWARD',
    measures: spec.svc === 'E' ? (spec.demand ? ['ENERGY', 'DEMAND'] : ['ENERGY']) : ['VOLUME'],
    wifi: electricAmi ? RADIO[rng.int(0, 3)] : 'NONE',
    zigbee: electricAmi ? RADIO[rng.int(1, 3)] : 'NONE',
    centralApps, customerApps, apps,
    installs: [{
      installId: u.ids.installId(u.counters.install++),
      servicePointId: spec.sp.SP_ID,
      installedAt: isoInstant(u.calendar.startOf(spec.installDate)),
      removedAt: spec.removeDate ? isoInstant(u.calendar.startOf(spec.removeDate)) : null,
      reason: spec.reason,
    }],
    usagePointId: u.ids.usagePointId(seq),
    intervalSeconds: spec.load.slotSeconds,
    source: 'SYNTHETIC',
    createdAt: isoInstant(spec.created),
    updatedAt: isoInstant(spec.modified),
  };
  u.mdm.meters.push(meter);
  u.loads.set(meter.meterId, spec.load);
  u.index.addMeter(meter);
  return meter;
}

function minIso(a: string, epoch: number): string {
  const b = isoInstant(epoch);
  return a < b ? a : b;
}

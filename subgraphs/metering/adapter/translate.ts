import type { MdmMeter, MdmRadio } from '../../../legacy/mdm/records';
import { toDateTimeString, type MeterAppType, type MeterType } from '../../shared';
import type { MeterApp, MeterDevice } from '../types/meterDevice';

// MDM device registry → Meter Device (cds-wg3-01 §10.4).

const COMMODITY: Record<MdmMeter['commodity'], MeterType> = { ELECTRIC: 'electric_usage', GAS: 'natural_gas_usage', WATER: 'water_usage' };
const TECHNOLOGY: Record<MdmMeter['technology'], MeterType> = { AMI: 'ami_meter', AMR: 'amr_meter', ANALOG: 'analog_meter' };
const RADIO_LADDER: MdmRadio[] = ['NONE', 'CAPABLE', 'ENABLED', 'CONFIGURED'];

/** The ladder NONE < CAPABLE < ENABLED < CONFIGURED: each rung implies the ones below it. */
function radio(level: MdmRadio, name: 'wifi' | 'zigbee'): MeterType[] {
  const rungs = ['capable', 'enabled', 'configured'] as const;
  return rungs.slice(0, RADIO_LADDER.indexOf(level)).map((rung) => `${name}_${rung}` as MeterType);
}

export function meterTypes(meter: MdmMeter): MeterType[] {
  return [
    COMMODITY[meter.commodity],
    ...(meter.measures.includes('DEMAND') ? ['electric_demand' as const] : []),
    meter.flow === 'BIDIRECTIONAL' ? 'bidirectional' : 'forward_only',
    meter.physical ? 'physical_meter' : 'virtual_meter',
    TECHNOLOGY[meter.technology],
    ...radio(meter.wifi, 'wifi'),
    ...radio(meter.zigbee, 'zigbee'),
    ...(meter.centralApps ? ['central_apps_capable' as const] : []),
    ...(meter.customerApps ? ['customer_apps_capable' as const] : []),
  ];
}

/**
 * The inverse of meterTypes, as MDM listing filters: each Meter Type → the registry `COLUMN:VALUE`
 * pairs of which a meter matching any holds that type (a type no meter can hold has none).
 */
export function meterTypeFilters(type: MeterType): [string, string][] {
  const pairs = <T extends string>(column: string, table: Record<T, MeterType>) =>
    (Object.keys(table) as T[]).filter((code) => table[code] === type).map((code): [string, string] => [column, code]);
  const rung = /^(wifi|zigbee)_(capable|enabled|configured)$/.exec(type);
  if (rung) {
    // A radio at a rung has every rung below it: wifi_enabled is ENABLED or CONFIGURED.
    const from = ['capable', 'enabled', 'configured'].indexOf(rung[2]) + 1;
    return RADIO_LADDER.slice(from).map((level): [string, string] => [rung[1], level]);
  }
  switch (type) {
    case 'electric_demand': return [['measures', 'DEMAND']];
    case 'bidirectional': return [['flow', 'BIDIRECTIONAL']];
    case 'forward_only': return [['flow', 'FORWARD']];
    case 'physical_meter': return [['physical', 'true']];
    case 'virtual_meter': return [['physical', 'false']];
    case 'central_apps_capable': return [['centralApps', 'true']];
    case 'customer_apps_capable': return [['customerApps', 'true']];
    default: return [...pairs('commodity', COMMODITY), ...pairs('technology', TECHNOLOGY)];
  }
}

export function toMeterApp(app: MdmMeter['apps'][number]): MeterApp {
  const state: Record<typeof app.state, MeterAppType[]> = {
    INSTALLED: ['installed', 'compatible'],
    // §10.4.4: `uninstalled` only for an app that was installed before.
    REMOVED: app.installedAt ? ['uninstalled', 'compatible'] : ['compatible'],
    AVAILABLE: ['compatible'],
    BLOCKED: ['incompatible'],
  };
  const by: Record<(typeof app.installableBy)[number], MeterAppType> = { CUSTOMER: 'customer_installable', CENTRAL: 'central_installable' };
  const types = [...state[app.state], ...app.installableBy.map((b) => by[b])];
  return {
    id: app.appId,
    appNumber: app.appCode,
    types,
    name: app.appName,
    start: types.includes('installed') && app.installedAt ? toDateTimeString(app.installedAt) : null,
    end: types.includes('uninstalled') && app.removedAt ? toDateTimeString(app.removedAt) : null,
  };
}

export function toMeterDevice(meter: MdmMeter, synced: Date): MeterDevice {
  const current = meter.installs.filter((i) => i.removedAt === null).map((i) => i.servicePointId);
  const previous = meter.installs.filter((i) => i.removedAt !== null).map((i) => i.servicePointId);
  return {
    id: meter.meterId,
    created: toDateTimeString(meter.createdAt),
    modified: toDateTimeString(meter.updatedAt),
    synced: toDateTimeString(synced),
    meterNumber: meter.serialNumber,
    meterTypes: meterTypes(meter),
    currentServicePointIds: [...new Set(current)],
    // A meter moved back to an earlier service point is current there, not previous.
    previousServicePointIds: [...new Set(previous.filter((sp) => !current.includes(sp)))],
    meterApps: meter.apps.map(toMeterApp),
    installations: meter.installs.map((i) => ({
      servicePointId: i.servicePointId,
      installed: toDateTimeString(i.installedAt),
      removed: i.removedAt === null ? null : toDateTimeString(i.removedAt),
    })),
  };
}

/** Service points the meter was installed at during [start, end) (a segment's `related_servicepoints`). */
export function servicePointsDuring(meter: MdmMeter, start: number, end: number): string[] {
  return [...new Set(meter.installs
    .filter((i) => Date.parse(i.installedAt) < end && (i.removedAt === null || Date.parse(i.removedAt) > start))
    .map((i) => i.servicePointId))];
}

import type { MdmMeter } from '../../legacy/mdm/records';
import { loadPresent, rowGroupLoader, rowLoader } from '../shared';
import type { MdmClient } from './adapter/mdm';
import { toMeterDevice } from './adapter/translate';
import { segmentLoader } from './segmentLoader';
import type { MeterDevice } from './types/meterDevice';

/** Per-request state of the metering subgraph: batched MDM registry lookups, nothing shared across requests. */
export function createMeteringContext(mdm: MdmClient, timezone: string) {
  const rows = {
    meters: rowLoader((ids) => mdm.lookupMeters('meterId', ids), (m: MdmMeter) => m.meterId),
    metersByServicePoint: rowGroupLoader((ids) => mdm.lookupMeters('servicePointId', ids), (m: MdmMeter) => m.installs.map((i) => i.servicePointId)),
  };
  const meterRecords = async (ids: readonly string[]): Promise<MdmMeter[]> => (await loadPresent(rows.meters, ids)).map((s) => s.row);
  return {
    mdm,
    timezone,
    rows,
    segments: segmentLoader(mdm, timezone, meterRecords),
    meterRecords,
    meterDevices: async (ids: readonly string[]): Promise<MeterDevice[]> =>
      (await loadPresent(rows.meters, ids)).map((s) => toMeterDevice(s.row, s.synced)),
    metersAt: async (servicePointId: string): Promise<MeterDevice[]> =>
      (await rows.metersByServicePoint.load(servicePointId)).map((s) => toMeterDevice(s.row, s.synced)),
  };
}

export type MeteringContext = ReturnType<typeof createMeteringContext>;

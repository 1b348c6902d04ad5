import type { CustomerDataEndpoint } from '../endpoint';
import { intersect, onVisible, throughId, visibleRestriction } from '../filters';
import { listingOperation } from '../operation';
import { omitNulls } from '../present';
import { VisibleReferences } from '../references';
import { listMeterDevices } from '../schemas';
import { allRevealed, searchPlan } from '../scope';

interface MeterDeviceNode {
  cds_meterdevice_id: string;
  current_servicepoints: string[];
  previous_servicepoints: string[];
  meter_apps?: object[];
}

const SEARCH = { id: null, meterNumber: 'meter_number' } as const;

/** §10.4 Meter Devices. */
export const meterDevices: CustomerDataEndpoint<'meter_devices', typeof listMeterDevices.query, MeterDeviceNode> = {
  listing: listMeterDevices,
  api: 'meter_devices',
  operation: listingOperation<MeterDeviceNode>('ListMeterDevices'),
  ttlSeconds: 300,
  optionalFields: ['meter_number', 'meter_apps'],
  plan({ query, parts, access }) {
    const numbersVisible = allRevealed(parts).has('meter_number');
    const points = new VisibleReferences(access).restriction('service_points');
    const filter = {
      ids: intersect(query.cds_meterdevice_ids, visibleRestriction(parts)),
      // §10.4.5 names the filter `meter_number`; `meter_numbers` is accepted too, both must match.
      meterNumbers: onVisible(intersect(query.meter_number, query.meter_numbers), numbersVisible),
      currentServicePointIds: query.current_servicepoints && intersect(query.current_servicepoints, points),
      previousServicePointIds: query.previous_servicepoints && intersect(query.previous_servicepoints, points),
    };
    return searchPlan(filter, query.q, SEARCH, parts);
  },
  visibleThrough: throughId('cds_meterdevice_id'),
  present(nodes, { access }) {
    const refs = new VisibleReferences(access);
    return nodes.map((n) => ({
      ...n,
      current_servicepoints: refs.keep('service_points', n.current_servicepoints),
      previous_servicepoints: refs.keep('service_points', n.previous_servicepoints),
      // §10.4.4: `start`/`end` are omitted when unknown (never installed: no `end`).
      ...(n.meter_apps ? { meter_apps: n.meter_apps.map((a) => omitNulls(a, ['start', 'end'])) } : {}),
    }));
  },
};

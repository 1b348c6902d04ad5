import { z } from 'zod';
import { cdsTimestamps, checkTimestamps, checkTypeFields, type TypeFields } from './common';
import { datetime, id, idList, uniqueArray } from './primitives';

/** §10.4.2 */
export const MeterType = z.enum([
  'electric_usage', 'water_usage', 'natural_gas_usage', 'fuel_oil_usage', 'forward_only', 'reverse_only',
  'bidirectional', 'physical_meter', 'virtual_meter', 'electric_demand', 'ami_meter', 'amr_meter', 'analog_meter',
  'wifi_capable', 'wifi_enabled', 'wifi_configured', 'zigbee_capable', 'zigbee_enabled', 'zigbee_configured',
  'central_apps_capable', 'customer_apps_capable',
]);
export type MeterType = z.infer<typeof MeterType>;

/** §10.4.4 */
export const MeterAppType = z.enum([
  'installed', 'uninstalled', 'compatible', 'incompatible', 'customer_installable', 'central_installable',
]);
export type MeterAppType = z.infer<typeof MeterAppType>;

/** §10.4.4: the fields an app type adds. */
export const MeterAppTypeFields: TypeFields = {
  installed: { optional: ['start'] },
  uninstalled: { optional: ['end'] },
};

/** Types that contradict each other. */
const CONTRADICTIONS: [MeterAppType, MeterAppType][] = [
  ['installed', 'uninstalled'],
  ['compatible', 'incompatible'],
];

/** §10.4.3 */
export const MeterApp = z
  .strictObject({
    id,
    app_number: z.string().min(1),
    types: uniqueArray(MeterAppType),
    name: z.string(),
    start: datetime.optional(),
    end: datetime.optional(),
  })
  .superRefine(checkTypeFields('types', MeterAppTypeFields))
  .superRefine((app, ctx) => {
    for (const [a, b] of CONTRADICTIONS) {
      if (app.types.includes(a) && app.types.includes(b)) {
        ctx.addIssue({ code: 'custom', path: ['types'], message: `types cannot include both ${a} and ${b}` });
      }
    }
  })
  .meta({ id: 'MeterApp', description: 'cds-wg3-01 §10.4.3 Meter App' });
export type MeterApp = z.infer<typeof MeterApp>;

/** §10.4.1 */
export const MeterDevice = z
  .strictObject({
    cds_meterdevice_id: id,
    ...cdsTimestamps,
    meter_number: z.string().nullable().optional(),
    meter_types: uniqueArray(MeterType),
    current_servicepoints: idList,
    previous_servicepoints: idList,
    meter_apps: z.array(MeterApp).optional(),
  })
  .superRefine(checkTimestamps)
  .meta({ id: 'MeterDevice', description: 'cds-wg3-01 §10.4.1 Meter Device' });
export type MeterDevice = z.infer<typeof MeterDevice>;

import { z } from 'zod';
import { cdsTimestamps, checkTimestamps } from './common';
import { decimal, id, idList, uniqueArray } from './primitives';

/** §10.3.2 */
export const ServicePointType = z.enum([
  'electric', 'water', 'natural_gas', 'fuel_oil', 'single_service', 'multi_service', 'physical', 'virtual', 'edge',
  'internal',
]);
export type ServicePointType = z.infer<typeof ServicePointType>;

/** §10.3.4 */
export const PremiseType = z.enum(['service_group', 'building', 'land', 'zone']);
export type PremiseType = z.infer<typeof PremiseType>;

/** §10.3.3 (no type defines extra fields) */
export const Premise = z
  .strictObject({ id, premise_number: z.string().min(1), types: uniqueArray(PremiseType) })
  .meta({ id: 'Premise', description: 'cds-wg3-01 §10.3.3 Premise' });
export type Premise = z.infer<typeof Premise>;

/** §10.3.1 */
export const ServicePoint = z
  .strictObject({
    cds_servicepoint_id: id,
    ...cdsTimestamps,
    servicepoint_number: z.string().nullable(),
    servicepoint_types: uniqueArray(ServicePointType),
    servicepoint_address: z.string().nullable().optional(),
    latitude: decimal.nullable().optional(),
    longitude: decimal.nullable().optional(),
    current_servicecontracts: idList,
    previous_servicecontracts: idList,
    premises: z.array(Premise).optional(),
  })
  .superRefine(checkTimestamps)
  .superRefine((point, ctx) => {
    if (point.latitude && point.latitude.toDecimal().abs().gt(90)) {
      ctx.addIssue({ code: 'custom', path: ['latitude'], message: 'latitude must be within [-90, 90]' });
    }
    if (point.longitude && point.longitude.toDecimal().abs().gt(180)) {
      ctx.addIssue({ code: 'custom', path: ['longitude'], message: 'longitude must be within [-180, 180]' });
    }
  })
  .meta({ id: 'ServicePoint', description: 'cds-wg3-01 §10.3.1 Service Point' });
export type ServicePoint = z.infer<typeof ServicePoint>;

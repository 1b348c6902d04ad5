import { z } from 'zod';
import { id, uniqueArray } from './primitives';

/** §10.1.5 */
export const EntityType = z.enum(['distributor', 'supplier', 'iou', 'muni', 'cca', 'retailer', 'generator', 'dso', 'tso', 'iso']);
export type EntityType = z.infer<typeof EntityType>;

/** §10.1.4: the utility or other central entity of an Account, Service Contract or Bill Section. */
export const Entity = z
  .strictObject({
    id,
    types: uniqueArray(EntityType),
    entity_number: z.string().min(1),
    entity_name: z.string().min(1),
    entity_abbreviation: z.string().min(1).nullable(),
  })
  .superRefine((entity, ctx) => {
    // §10.1.5 `iou` ends mid-sentence ("MUST also include"); an IOU is a distributor (digest part 10 #27).
    if (entity.types.includes('iou') && !entity.types.includes('distributor')) {
      ctx.addIssue({ code: 'custom', path: ['types'], message: 'an iou Entity must also have the distributor type' });
    }
  })
  .meta({ id: 'Entity', description: 'cds-wg3-01 §10.1.4 Entity' });
export type Entity = z.infer<typeof Entity>;

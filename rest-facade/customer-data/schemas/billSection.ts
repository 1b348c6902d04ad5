import { z } from 'zod';
import { stringifyExact } from '../../json';
import { cdsTimestamps, checkTimestamps, checkTypeFields, type TypeFields } from './common';
import { Entity } from './entity';
import { DemandType, DirectionType, SeasonType, TierType, TimeOfUseType, UnitType } from './fieldTypes';
import { currency, date, decimal, decimalOrText, id, idList, inOrder, uniqueArray } from './primitives';
import { ServiceProgram } from './serviceContract';

/** §10.6.2 */
export const BillSectionType = z.enum([
  'service_contract', 'sub_account', 'other_section', 'electric', 'water', 'natural_gas', 'fuel_oil', 'distribution',
  'supply',
]);
export type BillSectionType = z.infer<typeof BillSectionType>;

/** §10.6.4 */
export const BillSectionUsageDetailType = z.enum([
  'electric_usage', 'water_usage', 'natural_gas_usage', 'fuel_oil_usage', 'electric_demand', 'time_of_use', 'tiered',
  'directional', 'seasonal', 'ami_reading', 'amr_reading', 'analog_meter', 'customer_provided', 'estimated',
]);
export type BillSectionUsageDetailType = z.infer<typeof BillSectionUsageDetailType>;

const READ_FIELDS = ['start_read', 'end_read', 'multiplier'] as const;

/** §10.6.4: the fields a usage detail type adds. */
export const BillSectionUsageDetailTypeFields: TypeFields = {
  electric_demand: { required: ['demand_type'] },
  time_of_use: { required: ['tou'] },
  tiered: { required: ['tier'] },
  directional: { required: ['direction'] },
  seasonal: { required: ['season'] },
  amr_reading: { required: READ_FIELDS },
  analog_meter: { required: READ_FIELDS },
  customer_provided: { required: READ_FIELDS },
};

/** §10.6.4: types whose `value` is a measured decimal over a stated date range. */
const MEASURED: BillSectionUsageDetailType[] = ['electric_usage', 'water_usage', 'natural_gas_usage', 'fuel_oil_usage', 'electric_demand'];

/** §10.6.3 */
export const BillSectionUsageDetail = z
  .strictObject({
    id,
    name: z.string().min(1),
    types: uniqueArray(BillSectionUsageDetailType),
    value: decimalOrText,
    units: UnitType.optional(),
    start_date: date.optional(),
    end_date: date.optional(),
    demand_type: DemandType.optional(),
    tou: TimeOfUseType.optional(),
    tier: TierType.optional(),
    direction: DirectionType.optional(),
    season: SeasonType.optional(),
    start_read: decimal.optional(),
    end_read: decimal.optional(),
    multiplier: decimal.optional(),
  })
  .superRefine(checkTypeFields('types', BillSectionUsageDetailTypeFields))
  .superRefine((detail, ctx) => {
    const isDecimal = typeof detail.value !== 'string';
    if (isDecimal && detail.units === undefined) {
      ctx.addIssue({ code: 'custom', path: ['units'], message: 'units is REQUIRED when value is a decimal' });
    }
    const measured = detail.types.find((t) => MEASURED.includes(t));
    if (measured) {
      if (!isDecimal) ctx.addIssue({ code: 'custom', path: ['value'], message: `a ${measured} value must be a decimal` });
      for (const field of ['start_date', 'end_date'] as const) {
        if (detail[field] === undefined) {
          ctx.addIssue({ code: 'custom', path: [field], message: `${field} is REQUIRED for ${measured}` });
        }
      }
    }
    if (detail.start_date && detail.end_date && !inOrder(detail.start_date, detail.end_date)) {
      ctx.addIssue({ code: 'custom', path: ['end_date'], message: 'end_date is earlier than start_date' });
    }
  })
  .meta({ id: 'BillSectionUsageDetail', description: 'cds-wg3-01 §10.6.3 Bill Section Usage Detail' });
export type BillSectionUsageDetail = z.infer<typeof BillSectionUsageDetail>;

/** §10.6.6 (§10.6.5.1's `bill_section_total` is `overall_total`, digest part 10 #23) */
export const BillSectionCostDetailType = z.enum([
  'overall_total', 'subtotal', 'fixed_charges', 'usage_charges', 'taxes', 'distribution', 'supply', 'transmission', 'other',
]);
export type BillSectionCostDetailType = z.infer<typeof BillSectionCostDetailType>;

/** §10.6.5 */
export const BillSectionCostDetail = z
  .strictObject({ id, name: z.string().min(1), types: uniqueArray(BillSectionCostDetailType), cost: decimalOrText })
  .meta({ id: 'BillSectionCostDetail', description: 'cds-wg3-01 §10.6.5 Bill Section Cost Detail' });
export type BillSectionCostDetail = z.infer<typeof BillSectionCostDetail>;

/** §10.6.8 */
export const BillSectionLineItemType = z.enum([
  'fixed_charge', 'usage_charge', 'tax', 'distribution', 'supply', 'transmission', 'other',
]);
export type BillSectionLineItemType = z.infer<typeof BillSectionLineItemType>;

/** §10.6.7 */
export const BillSectionLineItem = z
  .strictObject({
    id,
    name: z.string().min(1),
    types: uniqueArray(BillSectionLineItemType),
    start_date: date,
    end_date: date,
    cost: decimal,
    value: decimal.nullable(),
    units: UnitType.optional(),
    rate: decimal.nullable(),
    related_usage_details: idList,
    related_cost_details: idList,
  })
  .superRefine((item, ctx) => {
    if (item.value !== null && item.units === undefined) {
      ctx.addIssue({ code: 'custom', path: ['units'], message: 'units is REQUIRED when value is a decimal' });
    }
    if (!inOrder(item.start_date, item.end_date)) {
      ctx.addIssue({ code: 'custom', path: ['end_date'], message: 'end_date is earlier than start_date' });
    }
  })
  .meta({ id: 'BillSectionLineItem', description: 'cds-wg3-01 §10.6.7 Bill Section Line Item' });
export type BillSectionLineItem = z.infer<typeof BillSectionLineItem>;

function checkUniqueIds(items: { id: string }[], path: string, ctx: z.RefinementCtx): Set<string> {
  const ids = new Set<string>();
  items.forEach((item, i) => {
    if (ids.has(item.id)) ctx.addIssue({ code: 'custom', path: [path, i, 'id'], message: `duplicate id ${item.id} in ${path}` });
    ids.add(item.id);
  });
  return ids;
}

/** §10.6.1 */
export const BillSection = z
  .strictObject({
    cds_billsection_id: id,
    ...cdsTimestamps,
    cds_billstatement_id: id.nullable(),
    cds_account_id: id,
    account_number: z.string(),
    section_types: uniqueArray(BillSectionType),
    start_date: date,
    end_date: date,
    currency,
    distribution_entity: Entity.nullable(),
    supply_entity: Entity.nullable(),
    related_servicecontracts: idList,
    related_servicepoints: idList,
    related_meterdevices: idList,
    related_billsections: idList,
    service_programs: z.array(ServiceProgram).optional(),
    usage_details: z.array(BillSectionUsageDetail),
    cost_details: z.array(BillSectionCostDetail),
    line_items: z.array(BillSectionLineItem).optional(),
  })
  .superRefine(checkTimestamps)
  .superRefine((section, ctx) => {
    if (!inOrder(section.start_date, section.end_date)) {
      ctx.addIssue({ code: 'custom', path: ['end_date'], message: 'end_date is earlier than start_date' });
    }
    if (section.related_billsections.includes(section.cds_billsection_id)) {
      ctx.addIssue({ code: 'custom', path: ['related_billsections'], message: 'a Bill Section cannot relate to itself' });
    }
    // One entity providing both components MUST appear as the same Entity object in both fields.
    const { distribution_entity: d, supply_entity: s } = section;
    if (d && s && d.id === s.id && stringifyExact(d) !== stringifyExact(s)) {
      ctx.addIssue({ code: 'custom', path: ['supply_entity'], message: 'the same Entity id must be the same Entity object' });
    }
    if (section.section_types.includes('distribution') && d === null) {
      ctx.addIssue({ code: 'custom', path: ['distribution_entity'], message: 'a distribution section needs its distribution_entity' });
    }
    if (section.section_types.includes('supply') && s === null) {
      ctx.addIssue({ code: 'custom', path: ['supply_entity'], message: 'a supply section needs its supply_entity' });
    }
    const usageIds = checkUniqueIds(section.usage_details, 'usage_details', ctx);
    const costIds = checkUniqueIds(section.cost_details, 'cost_details', ctx);
    section.line_items?.forEach((item, i) => {
      for (const [field, known] of [['related_usage_details', usageIds], ['related_cost_details', costIds]] as const) {
        for (const ref of item[field]) {
          if (!known.has(ref)) {
            ctx.addIssue({ code: 'custom', path: ['line_items', i, field], message: `${ref} is not a detail of this Bill Section` });
          }
        }
      }
    });
    if (section.line_items) checkUniqueIds(section.line_items, 'line_items', ctx);
  })
  .meta({ id: 'BillSection', description: 'cds-wg3-01 §10.6.1 Bill Section' });
export type BillSection = z.infer<typeof BillSection>;

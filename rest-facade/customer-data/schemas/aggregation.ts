import { z } from 'zod';
import { AccountType } from './account';
import { cdsTimestamps, checkTimestamps, checkTypeFields, type TypeFields } from './common';
import { MeterType } from './meterDevice';
import { countryCode, id, idList, mimeType, uniqueArray, url } from './primitives';
import { ServiceType } from './serviceContract';
import { ServicePointType } from './servicePoint';

/** §10.7.2 */
export const AggregationType = z.enum([
  'public', 'listed', 'confidential', 'region', 'country', 'province', 'municipality', 'local', 'building',
  'account_number', 'account_type', 'account_program_number', 'contract_number', 'service_type', 'rateplan_code',
  'service_program_number', 'servicepoint_number', 'servicepoint_type', 'premise_number', 'meter_number', 'meter_type',
  'meter_app_number',
]);
export type AggregationType = z.infer<typeof AggregationType>;

/** §10.7.2: the fields an aggregation type adds (all REQUIRED with their type). */
export const AggregationTypeFields: TypeFields = {
  country: { required: ['countries'] },
  province: { required: ['provinces'] },
  municipality: { required: ['municipalities'] },
  account_type: { required: ['account_types'] },
  account_program_number: { required: ['account_program_numbers'] },
  service_type: { required: ['service_types'] },
  rateplan_code: { required: ['rateplan_code'] },
  service_program_number: { required: ['service_program_numbers'] },
  servicepoint_type: { required: ['servicepoint_types'] },
  premise_number: { required: ['premise_numbers'] },
  meter_type: { required: ['meter_types'] },
  meter_app_number: { required: ['meter_app_numbers'] },
};

/** §10.7.4 */
export const AggregationRegionType = z.enum(['geographic', 'postal_code', 'county', 'neighborhood', 'city_block']);
export type AggregationRegionType = z.infer<typeof AggregationRegionType>;

/** §10.7.4: the fields a region type adds (all REQUIRED with their type). */
export const AggregationRegionTypeFields: TypeFields = {
  geographic: { required: ['map_resource', 'map_content_type', 'geojson_resource'] },
  postal_code: { required: ['postal_codes'] },
  county: { required: ['counties'] },
  neighborhood: { required: ['neighborhoods'] },
  city_block: { required: ['city_blocks'] },
};

const names = uniqueArray(z.string().min(1));

/** §10.7.3 */
export const AggregationRegion = z
  .strictObject({
    id,
    name: z.string().min(1),
    types: uniqueArray(AggregationRegionType),
    map_resource: url.nullable().optional(),
    map_content_type: mimeType.nullable().optional(),
    geojson_resource: url.nullable().optional(),
    postal_codes: names.optional(),
    counties: names.optional(),
    neighborhoods: names.optional(),
    city_blocks: names.optional(),
  })
  .superRefine(checkTypeFields('types', AggregationRegionTypeFields))
  .superRefine((region, ctx) => {
    if (!region.types.includes('geographic')) return;
    if (region.map_resource === null && region.geojson_resource === null) {
      ctx.addIssue({ code: 'custom', path: ['geojson_resource'], message: 'map_resource and geojson_resource cannot both be null' });
    }
    if (typeof region.map_resource === 'string' && region.map_content_type === null) {
      ctx.addIssue({ code: 'custom', path: ['map_content_type'], message: 'map_content_type is REQUIRED when map_resource is a URL' });
    }
  })
  .meta({ id: 'AggregationRegion', description: 'cds-wg3-01 §10.7.3 Aggregation Region' });
export type AggregationRegion = z.infer<typeof AggregationRegion>;

/** §10.7.6 */
export const ConsentRequirementType = z.enum(['always', 'sometimes', 'never']);
export type ConsentRequirementType = z.infer<typeof ConsentRequirementType>;

/** §10.7.5 */
export const ConsentRequirement = z
  .strictObject({ id, name: z.string().min(1), types: uniqueArray(ConsentRequirementType), documentation: url })
  .meta({ id: 'ConsentRequirement', description: 'cds-wg3-01 §10.7.5 Consent Requirement' });
export type ConsentRequirement = z.infer<typeof ConsentRequirement>;

/** RFC 9396 §2 authorization details object: a `type` and whatever fields that type defines. */
export const AuthorizationDetail = z.looseObject({ type: z.string().min(1) });

/** RFC 6749 §3.3 scope: space-separated scope tokens, or `""` when the Aggregation has no data. */
const scope = z.string().regex(/^(?:[\x21\x23-\x5B\x5D-\x7E]+(?: [\x21\x23-\x5B\x5D-\x7E]+)*)?$/, 'expected an OAuth scope string');

/** §10.7.1 splits larger groups into child Aggregations. */
const GROUP_LIMIT = 1000;
/** The `*_number` types' own split threshold (digest part 10 #25). */
const NUMBER_GROUP_LIMIT = 100;
const NUMBER_GROUPS = {
  account_number: 'grouped_accounts',
  contract_number: 'grouped_servicecontracts',
  servicepoint_number: 'grouped_servicepoints',
  meter_number: 'grouped_meterdevices',
} as const;
const DISCLOSURE: AggregationType[] = ['public', 'listed', 'confidential'];

const group = idList.max(GROUP_LIMIT);

/** §10.7.1 */
export const Aggregation = z
  .strictObject({
    cds_aggregation_id: id,
    ...cdsTimestamps,
    aggregation_types: uniqueArray(AggregationType),
    aggregation_number: z.string().nullable(),
    scope,
    authorization_details: z.array(AuthorizationDetail),
    grouped_accounts: group,
    grouped_servicecontracts: group,
    grouped_servicepoints: group,
    grouped_meterdevices: group,
    grouped_aggregations: group,
    grouped_addresses: z.array(z.string()).max(GROUP_LIMIT).optional(),
    grouped_regions: z.array(AggregationRegion).max(GROUP_LIMIT),
    consent_requirements: z.array(ConsentRequirement),
    countries: uniqueArray(countryCode).optional(),
    provinces: names.optional(),
    municipalities: names.optional(),
    account_types: uniqueArray(AccountType).optional(),
    account_program_numbers: names.optional(),
    service_types: uniqueArray(ServiceType).optional(),
    rateplan_code: names.optional(),
    service_program_numbers: names.optional(),
    servicepoint_types: uniqueArray(ServicePointType).optional(),
    premise_numbers: names.optional(),
    meter_types: uniqueArray(MeterType).optional(),
    meter_app_numbers: names.optional(),
  })
  .superRefine(checkTimestamps)
  .superRefine(checkTypeFields('aggregation_types', AggregationTypeFields))
  .superRefine((agg, ctx) => {
    for (const [type, field] of Object.entries(NUMBER_GROUPS)) {
      if (agg.aggregation_types.includes(type as AggregationType) && agg[field].length > NUMBER_GROUP_LIMIT) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `a ${type} Aggregation lists at most ${NUMBER_GROUP_LIMIT} ${field}; split the rest into grouped_aggregations`,
        });
      }
    }
    if (agg.grouped_aggregations.includes(agg.cds_aggregation_id)) {
      ctx.addIssue({ code: 'custom', path: ['grouped_aggregations'], message: 'an Aggregation cannot group itself' });
    }
    if (agg.aggregation_types.filter((t) => DISCLOSURE.includes(t)).length > 1) {
      ctx.addIssue({ code: 'custom', path: ['aggregation_types'], message: 'public, listed and confidential exclude each other' });
    }
  })
  .meta({ id: 'Aggregation', description: 'cds-wg3-01 §10.7.1 Aggregation' });
export type Aggregation = z.infer<typeof Aggregation>;

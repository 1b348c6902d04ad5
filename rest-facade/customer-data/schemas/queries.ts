import { z } from 'zod';
import { HttpError } from '../../errors';
import { pageParams } from '../../pagination';
import { AccountStatus } from './account';
import { AggregationType } from './aggregation';
import { date, datetime } from './primitives';
import { ContractStatus, ContractType, ServiceType } from './serviceContract';

/**
 * A space-separated list filter (§10.x listings): parsed to its values; an object matches when any
 * value matches, and filters combine by intersection. An empty list is a client error rather than
 * a filter that silently matches nothing (or everything).
 */
function listOf<T extends z.ZodType<string, string>>(item: T, what: string) {
  const values = item instanceof z.ZodEnum ? ` (${item.options.join(', ')})` : '';
  return z
    .string()
    .transform((s) => s.split(' ').filter((v) => v !== ''))
    .pipe(z.array(item).min(1, 'lists no values'))
    .optional()
    .meta({ description: `Space-separated ${what}${values}; matches objects with any of them.` });
}

/**
 * Identifiers and numbers: the systems behind the APIs keep none longer than 200 characters or with
 * a comma (their own list separator), so such a value is a client mistake (usually commas instead
 * of spaces), not a filter to pass on.
 */
const identifier = z.string().min(1).max(200, 'has a value longer than 200 characters')
  .refine((v) => !v.includes(','), 'values are separated by spaces, not commas')
  // Tabs, line breaks, a byte-order mark or other invisible characters are never part of an id.
  .refine((v) => !/[\s\p{C}]/u.test(v), 'has a value with whitespace or control characters');
const list = (what: string) => listOf(identifier, what);

const q = (fields: string) =>
  z.string().max(256).optional().meta({ description: `Case-insensitive substring search over ${fields} (only fields this token may see).` });
const onOrBefore = (field: string, kind: z.ZodType<string>) => kind.optional().meta({ description: `Only objects whose ${field} is on or before this value.` });
const onOrAfter = (field: string, kind: z.ZodType<string>) => kind.optional().meta({ description: `Only objects whose ${field} is on or after this value.` });

/** §10.1.10 */
export const AccountsQuery = z.strictObject({
  cds_account_ids: list('cds_account_id values'),
  customer_numbers: list('customer_number values (null never matches)'),
  account_numbers: list('account_number values'),
  account_statuses: listOf(AccountStatus, 'account_status values'),
  q: q('cds_account_id, customer_number, account_number, account_address, account_name, contact values and program_number'),
  ...pageParams,
});

/** §10.2.7 */
export const ServiceContractsQuery = z.strictObject({
  cds_servicecontract_ids: list('cds_servicecontract_id values'),
  account_numbers: list('account_number values'),
  contract_numbers: list('contract_number values'),
  contract_statuses: listOf(ContractStatus, 'contract_status values'),
  contract_types: listOf(ContractType, 'Contract Types'),
  service_types: listOf(ServiceType, 'Service Types'),
  q: q('cds_servicecontract_id, account_number, contract_number, contract_address, rateplan_code, rateplan_name and program_number'),
  ...pageParams,
});

/** §10.3.5 */
export const ServicePointsQuery = z.strictObject({
  cds_servicepoint_ids: list('cds_servicepoint_id values'),
  servicepoint_numbers: list('servicepoint_number values'),
  current_servicecontracts: list('cds_servicecontract_id values in current_servicecontracts'),
  previous_servicecontracts: list('cds_servicecontract_id values in previous_servicecontracts'),
  q: q('cds_servicepoint_id, servicepoint_address, servicepoint_number and premise_number'),
  ...pageParams,
});

/** §10.4.5; the spec names the number filter `meter_number`, `meter_numbers` is accepted too (digest part 10 #13). */
export const MeterDevicesQuery = z.strictObject({
  cds_meterdevice_ids: list('cds_meterdevice_id values'),
  meter_number: list('meter_number values'),
  meter_numbers: list('meter_number values (same as meter_number)'),
  current_servicepoints: list('cds_servicepoint_id values in current_servicepoints'),
  previous_servicepoints: list('cds_servicepoint_id values in previous_servicepoints'),
  q: q('cds_meterdevice_id and meter_number'),
  ...pageParams,
});

/** §10.5.4 */
export const BillStatementsQuery = z.strictObject({
  cds_billstatement_ids: list('cds_billstatement_id values'),
  before: onOrBefore('statement_date', date),
  after: onOrAfter('statement_date', date),
  cds_account_ids: list('cds_account_id values'),
  account_numbers: list('account_number values'),
  ...pageParams,
});

/** §10.6.9: `before` bounds `start_date` and `after` bounds `end_date`, i.e. the period overlaps. */
export const BillSectionsQuery = z.strictObject({
  cds_billsection_ids: list('cds_billsection_id values'),
  before: onOrBefore('start_date', date),
  after: onOrAfter('end_date', date),
  cds_billstatement_ids: list('cds_billstatement_id values'),
  cds_account_ids: list('cds_account_id values'),
  account_numbers: list('account_number values'),
  cds_servicecontract_ids: list('cds_servicecontract_id values in related_servicecontracts'),
  contract_numbers: list('contract_number values of the related Service Contracts'),
  ...pageParams,
});

/** §10.7.8 */
export const AggregationsQuery = z.strictObject({
  cds_aggregation_ids: list('cds_aggregation_id values'),
  aggregation_numbers: list('aggregation_number values'),
  aggregation_types: listOf(AggregationType, 'Aggregation Types'),
  q: q('cds_aggregation_id, aggregation_number, grouped_addresses and region names'),
  ...pageParams,
});

/** §10.8.8: `before` bounds `segment_start` and `after` bounds `segment_end`. */
export const UsageSegmentsQuery = z.strictObject({
  cds_usagesegment_ids: list('cds_usagesegment_id values'),
  before: onOrBefore('segment_start', datetime),
  after: onOrAfter('segment_end', datetime),
  cds_account_ids: list('cds_account_id values'),
  account_numbers: list('account_number values'),
  cds_servicecontract_ids: list('cds_servicecontract_id values'),
  contract_numbers: list('contract_number values'),
  cds_servicepoint_ids: list('cds_servicepoint_id values'),
  servicepoint_numbers: list('servicepoint_number values'),
  cds_meterdevice_ids: list('cds_meterdevice_id values'),
  meter_numbers: list('meter_number values'),
  cds_billsection_ids: list('cds_billsection_id values'),
  ...pageParams,
});

/** §10.9.4 */
export const EacsQuery = z.strictObject({
  cds_eac_ids: list('cds_eac_id values'),
  eac_numbers: list('eac_numbers values'),
  beneficiaries: list('beneficiaries values (check beneficiary_type: values of different types may collide)'),
  before: onOrBefore('period_start', datetime),
  after: onOrAfter('period_end', datetime),
  ...pageParams,
});

export type AccountsQuery = z.output<typeof AccountsQuery>;
export type ServiceContractsQuery = z.output<typeof ServiceContractsQuery>;
export type ServicePointsQuery = z.output<typeof ServicePointsQuery>;
export type MeterDevicesQuery = z.output<typeof MeterDevicesQuery>;
export type BillStatementsQuery = z.output<typeof BillStatementsQuery>;
export type BillSectionsQuery = z.output<typeof BillSectionsQuery>;
export type AggregationsQuery = z.output<typeof AggregationsQuery>;
export type UsageSegmentsQuery = z.output<typeof UsageSegmentsQuery>;
export type EacsQuery = z.output<typeof EacsQuery>;

/**
 * `schema.parse(req.query)` that fails as a 400 `invalid_request` naming every bad parameter. A
 * repeated parameter arrives as an array and is refused; an unknown one is refused rather than
 * ignored, so a mistyped filter never returns unfiltered data.
 */
export function parseQuery<T extends z.ZodType>(schema: T, query: unknown): z.output<T> {
  const result = schema.safeParse(query);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') return `unknown parameter ${issue.keys.join(', ')}`;
    const [name] = issue.path;
    if (issue.code === 'invalid_type' && issue.expected === 'string') return `${String(name)} must be given once, as a string`;
    return `${String(name)}: ${issue.message}`;
  });
  throw new HttpError(400, 'invalid_request', [...new Set(problems)].join('; '));
}

import {
  INCLUDE_FIELDS, type CustomerGraph, type EntryVisibility, type ResolvedAuthorizationDetailsEntry, type RevealedObject,
} from '../authorization-details';
import { customerDataScopeType } from '../scopes/customer-data';
import { emptyParts, type ApiParts, type IdSet, type ObjectPart, type Window } from './access';
import { directUsagePeriods, usagePeriods } from './usage';

/**
 * One authorization details entry's contribution to each Customer Data API, from the visibility
 * rules' answer (entries over a graph) or, for a direct-access scope without preselections, from
 * the scope alone: every object within the base permission (§6.2).
 */

const ids = (list: string[]): IdSet => ({ all: false, ids: list });
const ALL: IdSet = { all: true };
const window = (start: string | null, end: string | null): Window => ({ start, end });

/**
 * §7.2.8.1: the Value Formats usage may carry. A scope that treats the field as true (§6.2.8) gives
 * every format unless the entry lists some (digest part 10 #18).
 */
function valueFormats(entry: ResolvedAuthorizationDetailsEntry, given: unknown): string[] | null | 'all' {
  if (Array.isArray(given)) return given as string[];
  const implied = customerDataScopeType(entry.scope_type)?.implied.includes('include_usage_segment_value_types') === true;
  return implied || given === undefined || given === 'all' ? 'all' : null;
}

const OBJECT_APIS = [
  ['accounts', 'account', 'accounts'],
  ['service_contracts', 'service_contract', 'service_contracts'],
  ['service_points', 'service_point', 'service_points'],
  ['meter_devices', 'meter_device', 'meter_devices'],
  ['aggregations', 'aggregation', 'aggregations'],
] as const;

/** The entry's parts from its visibility; an API gets a part when it shows something or is the scope's own. */
export function partsFromVisibility(
  grantId: string, entry: ResolvedAuthorizationDetailsEntry, v: EntryVisibility, graph: CustomerGraph, timezone: string,
): ApiParts {
  const primary = customerDataScopeType(entry.scope_type)?.primary;
  const fields = (object: RevealedObject) => v.fields[object] ?? [];
  const parts = emptyParts();
  for (const [api, kind, key] of OBJECT_APIS) {
    if (v[key].length > 0 || primary === kind) parts[api].push({ grant_id: grantId, ids: ids(v[key]), fields: fields(kind) });
  }
  if (v.bill_statements) {
    parts.bill_statements.push({
      grant_id: grantId, account_ids: ids(v.bill_statements.account_ids),
      statement_date: window(v.bill_statements.statement_date_start, v.bill_statements.statement_date_end), fields: fields('bill_statement'),
    });
  }
  if (v.bill_sections) {
    parts.bill_sections.push({
      grant_id: grantId, account_ids: ids(v.bill_sections.account_ids), servicecontract_ids: ids(v.bill_sections.servicecontract_ids),
      dates: window(v.bill_sections.start_date, v.bill_sections.end_date), fields: fields('bill_section'),
    });
  }
  if (v.usage_segments) {
    const { meters, aggregations } = entry.consent
      ? usagePeriods(v.usage_segments, graph, timezone)
      : directUsagePeriods(v.usage_segments, entry.values, graph, v.as_of);
    parts.usage_segments.push({ grant_id: grantId, meters, aggregations, value_formats: valueFormats(entry, v.usage_segments.value_formats), fields: [] });
  }
  if (v.eacs) {
    parts.eacs.push({
      grant_id: grantId, fields: [], general: true,
      beneficiaries: {
        all: false, customer: v.eacs.customer_numbers, account: v.eacs.account_ids, servicecontract: v.eacs.servicecontract_ids,
        rateplan: v.eacs.rateplan_codes, program: v.eacs.program_numbers,
      },
    });
  }
  return parts;
}

/**
 * What a Grant whose access is still limited (§8.2 `pending`, `needs_sub_grants`) reaches once
 * ready, with nothing in it yet: each API its whole scope would reach, so a listing answers with
 * an empty page rather than as if the token had no such scope.
 */
export function placeholderParts(grantId: string, entry: ResolvedAuthorizationDetailsEntry): ApiParts {
  const parts = unrestrictedParts(grantId, entry);
  const none = ids([]);
  const nothing = { all: [], items: [] };
  return {
    accounts: parts.accounts.map((p) => ({ ...p, ids: none })),
    service_contracts: parts.service_contracts.map((p) => ({ ...p, ids: none })),
    service_points: parts.service_points.map((p) => ({ ...p, ids: none })),
    meter_devices: parts.meter_devices.map((p) => ({ ...p, ids: none })),
    aggregations: parts.aggregations.map((p) => ({ ...p, ids: none })),
    bill_statements: parts.bill_statements.map((p) => ({ ...p, account_ids: none })),
    bill_sections: parts.bill_sections.map((p) => ({ ...p, account_ids: none, servicecontract_ids: none })),
    usage_segments: parts.usage_segments.map((p) => ({ ...p, meters: nothing, aggregations: nothing })),
    eacs: parts.eacs.map((p) => ({
      ...p, general: false, beneficiaries: { all: false, customer: [], account: [], servicecontract: [], rateplan: [], program: [] },
    })),
  };
}

/**
 * A direct-access entry without preselections (§6.2: `null` means no filtering): every object the
 * scope and its include fields reach, inside the entry's windows. No graph is read.
 */
export function unrestrictedParts(grantId: string, entry: ResolvedAuthorizationDetailsEntry): ApiParts {
  const scopeType = customerDataScopeType(entry.scope_type);
  const v = entry.values;
  const inc = (id: string) => scopeType?.implied.includes(id) === true || v[id] === true;
  const primary = scopeType?.primary ?? null;
  const revealed: Partial<Record<RevealedObject, string[]>> = {};
  for (const field of INCLUDE_FIELDS) {
    if (!inc(field.id)) continue;
    for (const [object, names] of Object.entries(field.reveals) as [RevealedObject, readonly string[]][]) {
      revealed[object] = [...(revealed[object] ?? []), ...names];
    }
  }
  const bound = (id: string) => (typeof v[id] === 'string' && v[id] !== 'infinite' ? v[id] as string : null);
  const shown: Record<(typeof OBJECT_APIS)[number][1], boolean> = {
    account: primary === 'account' || inc('include_accounts'),
    service_contract: primary === 'service_contract' || inc('include_service_contracts'),
    service_point: primary === 'service_point' || inc('include_service_points')
      // §7.2.2/§7.2.4: contracts and meters together bring the service points connecting them.
      || ((primary === 'service_contract' || inc('include_service_contracts')) && (primary === 'meter_device' || inc('include_meter_devices'))),
    meter_device: primary === 'meter_device' || inc('include_meter_devices'),
    aggregation: primary === 'aggregation' || inc('include_aggregations'),
  };
  const parts = emptyParts();
  for (const [api, kind] of OBJECT_APIS) {
    if (shown[kind]) (parts[api] as ObjectPart[]).push({ grant_id: grantId, ids: ALL, fields: revealed[kind] ?? [] });
  }
  if (primary === 'bill_statement' || inc('include_bill_statements')) {
    parts.bill_statements.push({
      grant_id: grantId, account_ids: ALL, statement_date: window(bound('statement_date_start'), bound('statement_date_end')),
      fields: revealed.bill_statement ?? [],
    });
  }
  if (primary === 'bill_section' || inc('include_bill_sections')) {
    parts.bill_sections.push({
      grant_id: grantId, account_ids: ALL, servicecontract_ids: null, dates: window(bound('start_date'), bound('end_date')),
      fields: revealed.bill_section ?? [],
    });
  }
  if (primary === 'usage_segment' || v.include_usage_segments === true) {
    const syncUntil = bound('sync_until');
    const end = [bound('segment_end'), syncUntil].filter((x): x is string => x !== null).sort((a, b) => Date.parse(a) - Date.parse(b))[0] ?? null;
    const w = window(bound('segment_start'), end);
    parts.usage_segments.push({
      grant_id: grantId, meters: { all: [w], items: [] }, aggregations: { all: [w], items: [] },
      value_formats: valueFormats(entry, v.include_usage_segment_value_types), fields: [],
    });
  }
  if (v.include_eacs === true) parts.eacs.push({ grant_id: grantId, fields: [], general: true, beneficiaries: { all: true } });
  return parts;
}

/**
 * What a token may see through the Customer Data APIs (cds-wg3-01 §10), resolved from its Grants.
 *
 * Every API holds one part per Grant that gives access to it. Parts are kept apart because each
 * Grant's windows and revealed fields apply to that Grant's objects only: an object visible through
 * two Grants gets the union of both parts, a window of one Grant never widens another's objects.
 * The helpers in ./union.ts answer the questions a listing needs (which ids, which windows, which
 * fields for this object).
 */

/** Inclusive bounds; `null` = unbounded. Dates (`YYYY-MM-DD`) or RFC 3339 datetimes, per API. */
export interface Window {
  start: string | null;
  end: string | null;
}

/**
 * A set of object ids: `all` = every object within the Client's base permission (a direct-access
 * scope without preselection, §6.2; in sandbox mode the whole demo utility).
 */
export type IdSet = { all: true } | { all: false; ids: string[] };

/**
 * Ids each with the windows they are visible in (e.g. a meter only while it served a selected
 * contract), plus windows in which every object within the base permission is visible (`all`, a
 * direct-access scope without preselection). Closed under union, so Grants combine without widening.
 */
export interface Periods {
  all: Window[];
  items: Period[];
}

export interface Period {
  id: string;
  window: Window;
}

interface PartBase {
  grant_id: string;
  /** OPTIONAL object fields this Grant reveals for its objects of this API (§7.2 data minimisation). */
  fields: string[];
}

/** Accounts, service contracts, service points, meter devices, aggregations: plain id sets. */
export interface ObjectPart extends PartBase {
  ids: IdSet;
}

/** Bill statements of these accounts whose `statement_date` is inside the window (§7.2.5, §7.3.2–3). */
export interface BillStatementPart extends PartBase {
  account_ids: IdSet;
  /** `statement_date_start` / `statement_date_end` (dates). */
  statement_date: Window;
}

/**
 * Bill sections (§7.2.6) whose `cds_account_id` is one of `account_ids` and that relate to one of
 * `servicecontract_ids` (or, with `servicecontract_ids` `null`, to any or no contract), with
 * `start_date` ≥ `dates.start` and `end_date` ≤ `dates.end` (§7.3.4–5).
 */
export interface BillSectionPart extends PartBase {
  account_ids: IdSet;
  servicecontract_ids: IdSet | null;
  dates: Window;
}

/**
 * Usage segments (§7.2.8): of these meters, each only inside its periods, and of these
 * aggregations, already trimmed to the Grant's `segment_start`/`segment_end` (datetimes).
 * `value_formats`: the Value Format ids the segments may carry (§7.2.8.1); `null` = none
 * (segments with `formats: []` and `values: []`); `'all'` = every format the Server offers
 * (direct usage queries treat the field as true, digest part 10 #18).
 */
export interface UsagePart extends PartBase {
  meters: Periods;
  aggregations: Periods;
  value_formats: string[] | null | 'all';
}

/** EAC beneficiaries by `beneficiary_type` (§7.2.9); `general` certificates when true. */
export interface EacPart extends PartBase {
  beneficiaries: { all: true } | {
    all: false;
    customer: string[];
    account: string[];
    servicecontract: string[];
    rateplan: string[];
    program: string[];
  };
  general: boolean;
}

export const CUSTOMER_DATA_APIS = [
  'accounts', 'service_contracts', 'service_points', 'meter_devices', 'aggregations',
  'bill_statements', 'bill_sections', 'usage_segments', 'eacs',
] as const;
export type CustomerDataApi = (typeof CUSTOMER_DATA_APIS)[number];

export interface ApiParts {
  accounts: ObjectPart[];
  service_contracts: ObjectPart[];
  service_points: ObjectPart[];
  meter_devices: ObjectPart[];
  aggregations: ObjectPart[];
  bill_statements: BillStatementPart[];
  bill_sections: BillSectionPart[];
  usage_segments: UsagePart[];
  eacs: EacPart[];
}

/** A public EC P-256 JWK (§7.4.6) the responses are encrypted to. */
export type PublicJwk = Record<string, unknown> & { kty: string };

/** How one Grant stands in the resolution. */
export interface GrantStanding {
  grant_id: string;
  status: string;
  /** `pending`: only what is ready is in the parts (§8.2 "MUST still provide access as data becomes available"). */
  complete: boolean;
}

export interface Access extends ApiParts {
  grants: GrantStanding[];
  /** The Grants' `jwk` (one key per request is enforced when Grants are made, §7.4.6); null = clear responses. */
  jwk: PublicJwk | null;
}

/** The access of one Grant before the union: what the resolver caches per Grant. */
export interface GrantParts extends ApiParts {
  standing: GrantStanding;
  jwk: PublicJwk | null;
}

export function emptyParts(): ApiParts {
  return {
    accounts: [], service_contracts: [], service_points: [], meter_devices: [], aggregations: [],
    bill_statements: [], bill_sections: [], usage_segments: [], eacs: [],
  };
}

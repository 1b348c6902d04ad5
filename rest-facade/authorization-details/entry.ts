import type { ScopeDescription } from '../scopes/schema';
import type { AuthorizationDetailsError } from './errors';

/** One authorization details entry after validation and defaults (RFC 9396 §2, cds-wg3-01 §7). */
export interface AuthorizationDetailsEntry {
  /** The RAR `type` (a value of the Scope Description's `authorization_details_types_supported`). */
  type: string;
  /** The Scope Description `id` the entry belongs to (a token of `scope`). */
  scope: string;
  /** The Scope Description `type` (e.g. `cds_usage`). */
  scope_type: string;
  /** Usable in authorization requests (`response_types_supported` not empty): a §6.1 scope. */
  consent: boolean;
  /** A cds-wg3-01 Customer Data scope type (§6). */
  customer_data: boolean;
  /** Every field with a value: submitted, or the field's `default` (§7). Durations as submitted. */
  values: Record<string, unknown>;
  /** Which of `values` came from defaults. */
  defaulted: string[];
}

/** An entry whose duration fields are absolute (§7.3): what Grants and token responses carry. */
export interface ResolvedAuthorizationDetailsEntry extends AuthorizationDetailsEntry {
  /** The moment relative values were counted from (UTC RFC 3339). */
  resolved_at: string;
}

/** What a direct scope demands of a token request's preselections (§4.11, §4.12, §7.4.3). */
export interface DirectAccessPolicy {
  /** Preselection fields that must be non-empty arrays. */
  required_preselections?: string[];
  /** With `error_if_no_preselections` true: the most values all preselection fields may carry together. */
  max_preselection_values?: number;
}

export type Flow = 'authorization_code' | 'client_credentials';

export interface ValidationInput {
  /** The `scope` parameter, after the caller applied the Client's `cds_default_scope`. */
  scope?: string | null;
  /**
   * The `authorization_details` parameter: the JSON text or its parsed value, after the caller
   * applied `cds_default_authorization_details`. Absent means every field at its default.
   */
  authorizationDetails?: unknown;
  flow: Flow;
  /** The Scope Descriptions the Client may use (from its Client-specific metadata). */
  scopeDescriptions: readonly ScopeDescription[];
  policies?: Record<string, DirectAccessPolicy>;
  /** The Server's `cds_timezone`; relative bounds are checked at `now` in it. */
  timezone: string;
  now?: Date;
}

export interface ValidationSuccess {
  ok: true;
  /** The scopes granted by the request, in request order. */
  scopes: string[];
  /** One entry per scope that has authorization details types, in scope order. */
  entries: AuthorizationDetailsEntry[];
  /** Scopes rendered with one shared Selection (§7.4.2), each group in request order. */
  merge_groups: string[][];
}

export type ValidationResult = ValidationSuccess | AuthorizationDetailsError;

import type { AuthorizationDetailsField, ScopeDescription } from '../scopes/schema';
import { customerDataScopeType } from '../scopes/customer-data/scopeTypes';
import { parseDurationValue, position, type Moment } from './durations';
import type {
  AuthorizationDetailsEntry, DirectAccessPolicy, ValidationInput, ValidationResult,
} from './entry';
import { invalidDetails, invalidScope, Rejection } from './errors';
import { durationField, fieldSpec, isPreselection, PRESELECTION_FIELDS } from './fields';
import { valueProblem } from './fieldValue';
import { jwkThumbprint, type EcPublicJwk } from './jwk';
import { mergeGroups } from './merge';

/**
 * The one authorization_details engine (cds-wg3-01 §7, cds-wg1-02 §3.8/§3.9, RFC 9396) used by the
 * authorization endpoint, PAR and the token endpoint: checks `scope` against the entries, every
 * field against its field object, applies defaults, and enforces the Customer Data rules.
 */

type RawEntry = Record<string, unknown>;

const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

function parseScope(scope: string | null | undefined): string[] | null {
  if (scope === undefined || scope === null || scope === '') return null;
  const tokens = scope.split(' ');
  if (tokens.some((t) => !SCOPE_TOKEN.test(t))) throw invalidScope('scope is not a space-separated list of scope tokens');
  return [...new Set(tokens)];
}

function parseDetails(value: unknown): RawEntry[] {
  if (value === undefined || value === null || value === '') return [];
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw invalidDetails('authorization_details is not valid JSON');
    }
  }
  if (!Array.isArray(parsed)) throw invalidDetails('authorization_details must be a JSON array of objects');
  return parsed.map((e, i) => {
    if (typeof e !== 'object' || e === null || Array.isArray(e)) throw invalidDetails(`authorization_details[${i}] is not an object`);
    if (typeof (e as RawEntry).type !== 'string') throw invalidDetails(`authorization_details[${i}] has no string "type"`);
    return e as RawEntry;
  });
}

const ownsType = (sd: ScopeDescription, type: string) => sd.authorization_details_types_supported.includes(type);

function checkFlow(sd: ScopeDescription, flow: ValidationInput['flow']): void {
  if (flow === 'authorization_code' && !sd.response_types_supported.includes('code')) {
    throw invalidScope(`scope "${sd.id}" cannot be used in an authorization request; it is granted with client_credentials`);
  }
  if (flow === 'client_credentials' && !sd.grant_types_supported.includes('client_credentials')) {
    throw invalidScope(`scope "${sd.id}" needs the customer's authorization (authorization code flow), not client_credentials`);
  }
}

function label(index: number | undefined, type: string): string {
  return index === undefined ? `authorization details of type "${type}"` : `authorization_details[${index}] (type "${type}")`;
}

/** Fields and defaults of one entry (cds-wg1-02 §3.8; RFC 9396 §5: unknown fields are an error). */
function buildEntry(sd: ScopeDescription, raw: RawEntry, index: number | undefined, moment: Moment): AuthorizationDetailsEntry {
  const type = raw.type as string;
  const where = label(index, type);
  const fields = sd.authorization_details_fields_supported.filter((f) => f.for_types.includes(type));
  const byId = new Map(fields.map((f) => [f.id, f]));
  for (const key of Object.keys(raw)) {
    if (key !== 'type' && !byId.has(key)) {
      throw invalidDetails(`${where}: field "${key}" is not supported by scope "${sd.id}"`);
    }
  }
  const scopeType = customerDataScopeType(sd.type);
  const consent = sd.response_types_supported.length > 0;
  const values: Record<string, unknown> = {};
  const defaulted: string[] = [];
  for (const field of fields) {
    if (Object.hasOwn(raw, field.id)) {
      checkValue(field, raw[field.id], where, moment, scopeType !== undefined && !consent);
      values[field.id] = raw[field.id];
    } else if (field.is_required) {
      throw invalidDetails(`${where}: field "${field.id}" is required by scope "${sd.id}"`);
    } else if (field.default !== undefined) {
      values[field.id] = structuredClone(field.default);
      defaulted.push(field.id);
    }
  }
  return { type, scope: sd.id, scope_type: sd.type, consent, customer_data: scopeType !== undefined, values, defaulted };
}

function checkValue(field: AuthorizationDetailsField, value: unknown, where: string, moment: Moment, direct: boolean): void {
  const spec = fieldSpec(field.id);
  const specials = spec?.kind === 'preselection' ? spec.specials : [];
  const problem = valueProblem(field, value, { moment, direction: durationField(field.id)?.direction, specials });
  if (problem) throw invalidDetails(`${where}: ${field.id} ${problem}`);
  if (direct && specials.length && Array.isArray(value)) {
    const used = value.filter((v) => (specials as readonly unknown[]).includes(v));
    // The special values pick entries on the authorization form; a direct scope filters by value.
    if (used.length) throw invalidDetails(`${where}: ${field.id} cannot use ${used.join(', ')} on a direct access scope; list the values to filter by`);
  }
}

function customerDataRules(
  entry: AuthorizationDetailsEntry, sd: ScopeDescription, moment: Moment, policy: DirectAccessPolicy | undefined,
): void {
  const scopeType = customerDataScopeType(entry.scope_type);
  if (!scopeType) return;
  const where = `scope "${entry.scope}"`;
  for (const id of scopeType.nonNull) {
    if (id in entry.values && entry.values[id] === null) {
      throw invalidDetails(`${where}: ${id} must list the values to request, not null (cds-wg3-01 §${scopeType.section})`);
    }
  }
  for (const [id, fixed] of Object.entries(scopeType.fixed)) {
    if (id in entry.values && entry.values[id] !== fixed) {
      throw invalidDetails(`${where}: ${id} must be ${JSON.stringify(fixed)} (cds-wg3-01 §${scopeType.section})`);
    }
  }
  for (const [id, value] of Object.entries(entry.values)) {
    const spec = durationField(id);
    if (!spec || spec.direction !== 'past' || !spec.pairedWith || !(spec.pairedWith in entry.values)) continue;
    const format = spec.format;
    const start = parseDurationValue(value, format);
    const end = parseDurationValue(entry.values[spec.pairedWith], format);
    if (typeof start === 'string' || typeof end === 'string') continue;
    if (position(start, format, 'past', moment) > position(end, format, 'future', moment)) {
      throw invalidDetails(`${where}: ${id} is after ${spec.pairedWith}`);
    }
  }
  if (!entry.consent) directRules(entry, sd, where, policy);
}

function directRules(entry: AuthorizationDetailsEntry, sd: ScopeDescription, where: string, policy: DirectAccessPolicy | undefined): void {
  const preselections = PRESELECTION_FIELDS.filter((f) => Array.isArray(entry.values[f.id]));
  // A direct scope publishes the preselections every token request must carry as required fields.
  const published = sd.authorization_details_fields_supported
    .filter((f) => f.is_required && f.for_types.includes(entry.type) && isPreselection(f.id)).map((f) => f.id);
  for (const id of new Set([...published, ...(policy?.required_preselections ?? [])])) {
    if (!preselections.some((f) => f.id === id)) {
      throw invalidDetails(`${where}: ${id} must list the values to request; this scope is only granted for them (cds-wg3-01 §4.11, §4.12)`);
    }
  }
  if (entry.values.error_if_no_preselections !== true) return;
  // §7.4.3: the Server decides whether the preselections are acceptable; none at all is not.
  if (preselections.length === 0) throw invalidDetails(`${where}: error_if_no_preselections is true but no preselection field is set`);
  const count = preselections.reduce((n, f) => n + (entry.values[f.id] as unknown[]).length, 0);
  const max = policy?.max_preselection_values;
  if (max !== undefined && count > max) {
    throw invalidDetails(`${where}: ${count} preselection values are more than the ${max} this scope accepts in one request`);
  }
}

/** §7.4.6: one key (or null) for every Customer Data entry of the request, after defaults. */
function oneKey(entries: AuthorizationDetailsEntry[]): void {
  const keys = new Set(entries.filter((e) => e.customer_data).map((e) => {
    const jwk = e.values.jwk;
    return jwk === undefined || jwk === null ? 'null' : jwkThumbprint(jwk as EcPublicJwk);
  }));
  if (keys.size > 1) {
    throw invalidDetails('every Customer Data scope of a request must carry the same jwk (one key for all, or null for all)');
  }
}

function run(input: ValidationInput): ValidationResult {
  const moment: Moment = { now: input.now ?? new Date(), timezone: input.timezone };
  const descriptions = new Map(input.scopeDescriptions.map((sd) => [sd.id, sd]));
  const requested = parseScope(input.scope);
  const raw = parseDetails(input.authorizationDetails);
  for (const id of requested ?? []) if (!descriptions.has(id)) throw invalidScope(`unknown scope "${id}"`);
  const scopes = [...(requested ?? [])];
  const submitted = new Map<string, { raw: RawEntry; index: number }>();
  raw.forEach((entry, index) => {
    const type = entry.type as string;
    let sd = scopes.map((id) => descriptions.get(id)!).find((d) => ownsType(d, type));
    if (!sd) {
      const owner = input.scopeDescriptions.find((d) => ownsType(d, type));
      if (!owner) throw invalidDetails(`authorization_details[${index}]: unknown type "${type}"`);
      // RFC 9396 §3.1: without `scope`, the entries name the scopes; with it, they must agree.
      if (requested) throw invalidDetails(`authorization_details[${index}]: type "${type}" belongs to scope "${owner.id}", which the scope parameter does not request`);
      scopes.push(owner.id);
      sd = owner;
    }
    if (submitted.has(sd.id)) throw invalidDetails(`authorization_details[${index}]: a second entry for scope "${sd.id}"`);
    submitted.set(sd.id, { raw: entry, index });
  });
  if (scopes.length === 0) throw invalidScope('no scope requested');
  const entries: AuthorizationDetailsEntry[] = [];
  for (const id of scopes) {
    const sd = descriptions.get(id)!;
    checkFlow(sd, input.flow);
    const given = submitted.get(id);
    const type = given ? given.raw.type as string : sd.authorization_details_types_supported[0];
    if (type === undefined) continue; // a scope without authorization details (e.g. cds_client_admin)
    const entry = buildEntry(sd, given?.raw ?? { type }, given?.index, moment);
    customerDataRules(entry, sd, moment, input.policies?.[id]);
    entries.push(entry);
  }
  oneKey(entries);
  const merge_groups = input.flow === 'authorization_code' ? mergeGroups(scopes, entries, descriptions) : [];
  return { ok: true, scopes, entries, merge_groups };
}

/**
 * Validates a request's `scope` and `authorization_details` for the given flow. On success, the
 * entries carry every field with its value or default; on failure, the OAuth error to return.
 */
export function validateAuthorizationDetails(input: ValidationInput): ValidationResult {
  try {
    return run(input);
  } catch (err) {
    if (err instanceof Rejection) return err.toResult();
    throw err;
  }
}

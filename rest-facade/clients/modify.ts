import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { HttpError } from '../errors';
import type { UpdateRequest } from '../messages';
import type { Wg1Urls } from '../metadata/urls';
import type { RegistrationRecord } from '../registration/repository';
import {
  CLIENT_ADMIN_SCOPE, GRANT_ADMIN_TYPE, SERVER_PROVIDED_FILES_TYPE, type AuthorizationDetail, type ScopeRegistry,
} from '../scopes';
import { renderClient } from './render';
import type { ClientRecord, ClientStatus } from './schema';

/** §5.5: the fields a Client may change. Everything else shown in a Client Object is the Server's. */
export const UPDATABLE_FIELDS = [
  'redirect_uris', 'client_name', 'client_uri', 'logo_uri', 'scope', 'contacts', 'tos_uri', 'policy_uri',
  'cds_status', 'cds_default_scope', 'cds_default_redirect_uri', 'cds_default_authorization_details',
] as const;

const invalid = (description: string) => new HttpError(400, 'invalid_client_metadata', description);

const httpUrl = z.url({ protocol: /^https?$/ });
const redirectUri = httpUrl.refine((u) => !u.includes('#'), 'a redirect URI has no fragment');
const optionalUrl = httpUrl.nullable().optional();
const bodySchema = z.object({
  redirect_uris: z.array(redirectUri).max(20).optional(),
  client_name: z.string().min(1).max(200).nullable().optional(),
  client_uri: optionalUrl,
  logo_uri: optionalUrl,
  tos_uri: optionalUrl,
  policy_uri: optionalUrl,
  scope: z.string().optional(),
  contacts: z.array(z.string().min(1).max(320)).max(20).optional(),
  cds_status: z.string().optional(),
  cds_default_scope: z.string().optional(),
  cds_default_redirect_uri: redirectUri.optional(),
  cds_default_authorization_details: z.array(z.looseObject({ type: z.string().min(1) })).optional(),
});

export interface ClientModification {
  /** The Client as it is after the request (fields under review keep their old values). */
  client: ClientRecord;
  /** Names of the fields that changed now. */
  changed: string[];
  /** Changes held for the Server's review (§5.5: 202 and a `field_changes` Message). */
  pending: UpdateRequest[];
}

const kindOf = (types: string[]) =>
  types.includes(CLIENT_ADMIN_SCOPE) ? 'admin' : types.includes(GRANT_ADMIN_TYPE) ? 'grant_admin' : types.includes(SERVER_PROVIDED_FILES_TYPE) ? 'files' : 'other';

/**
 * A PUT of a whole Client Object (§5.5, RFC 7592 §2.2), read as follows:
 * - server-owned fields may be echoed unchanged, never changed (A14); `client_secret` and
 *   `client_secret_expires_at` never belong in a Client Object (§5.1), and unknown fields are refused;
 * - an omitted updatable field returns to the Server default, except `cds_status`, which stays (A16);
 *   `redirect_uris` omitted or `[]` means the Server's receipt redirect alone (A8);
 * - `scope` may become any combination of this registration's scopes that one Client can carry
 *   (A18); scopes the registration never asked for go to the Server's review (202).
 */
export function modifyClient(
  current: ClientRecord, rawBody: Record<string, unknown>,
  ctx: { scopes: ScopeRegistry; registration: RegistrationRecord; urls: Wg1Urls },
): ClientModification {
  const shown: Record<string, unknown> = renderClient(current, ctx.urls);
  const updatable = new Set<string>(UPDATABLE_FIELDS);
  for (const [key, value] of Object.entries(rawBody)) {
    if (updatable.has(key)) continue;
    if (key === 'client_secret' || key === 'client_secret_expires_at') throw invalid(`${key} is managed through the Credentials API (§5.5)`);
    if (key === 'authorization_details_types') continue; // checked once the scope is known (A15)
    if (ctx.scopes.clientFields[key]) continue; // an extension's member, checked by its rules below
    if (!(key in shown)) throw invalid(`${key} is not a field of this Client Object`);
    if (!isDeepStrictEqual(value, shown[key])) throw invalid(`${key} is set by the Server and cannot be changed (§5.5)`);
  }
  const parsed = bodySchema.safeParse(rawBody);
  if (!parsed.success) throw invalid(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const body = parsed.data;
  const code = current.response_types.length > 0;

  // scope (A18)
  const pending: UpdateRequest[] = [];
  let scope = current.scope;
  if (body.scope !== undefined && body.scope !== current.scope) {
    const tokens = [...new Set(body.scope.split(' ').filter(Boolean))];
    if (tokens.length === 0) throw invalid('scope cannot be empty');
    const kind = kindOf(current.scope.split(' ').map((id) => (id === CLIENT_ADMIN_SCOPE ? id : ctx.scopes.get(id)?.type ?? '')));
    for (const id of tokens) {
      const sd = ctx.scopes.get(id);
      if (!sd) throw invalid(`scope ${id} is not described in cds_scope_descriptions`);
      const sameShape = isDeepStrictEqual(sd.response_types_supported, current.response_types)
        && isDeepStrictEqual(sd.grant_types_supported, current.grant_types)
        && (sd.token_endpoint_auth_methods_supported.includes(current.token_endpoint_auth_method ?? '')
          || (current.token_endpoint_auth_method === null && sd.token_endpoint_auth_methods_supported.length === 0));
      if (!sameShape || kindOf([id === CLIENT_ADMIN_SCOPE ? id : sd.type]) !== kind) {
        throw invalid(`scope ${id} cannot be carried by this Client Object (different response types, grant types, authentication or kind)`);
      }
    }
    const registered = new Set([...ctx.registration.scopes, ...ctx.registration.added_scopes]);
    const next = tokens.join(' ');
    if (tokens.every((id) => registered.has(id))) scope = next;
    else pending.push({ field: 'scope', previous_value: current.scope, new_value: next });
  }
  const scopeTokens = scope.split(' ');
  const adTypes = [...new Set(scopeTokens.flatMap((id) => ctx.scopes.get(id)?.authorization_details_types_supported ?? []))];
  if (rawBody.authorization_details_types !== undefined
    && !isDeepStrictEqual(rawBody.authorization_details_types, current.authorization_details_types)
    && !isDeepStrictEqual(rawBody.authorization_details_types, adTypes)) {
    throw invalid('authorization_details_types follows the scope and cannot be set (A15)');
  }

  // cds_status
  let status: ClientStatus = current.cds_status;
  if (body.cds_status !== undefined) {
    if (!current.cds_status_options.includes(body.cds_status as ClientStatus)) {
      throw invalid(`cds_status must be one of ${current.cds_status_options.join(', ')} (cds_status_options)`);
    }
    status = body.cds_status as ClientStatus;
  }

  // redirect_uris and the cds_default_* fields exist only for Clients with response types (§4.2, §5.1).
  const codeOnly = ['cds_default_scope', 'cds_default_redirect_uri', 'cds_default_authorization_details'] as const;
  if (!code) {
    if (body.redirect_uris && body.redirect_uris.length > 0) throw invalid('this Client Object has no response types, so no redirect_uris');
    const stray = codeOnly.find((f) => body[f] !== undefined);
    if (stray) throw invalid(`${stray} applies only to Client Objects with response types`);
  }
  const fallbackRedirect = current.default_redirect_uri;
  const redirectUris = code
    ? (body.redirect_uris && body.redirect_uris.length > 0 ? [...new Set(body.redirect_uris)] : [fallbackRedirect!])
    : [];

  const next: ClientRecord = {
    ...current,
    scope,
    authorization_details_types: adTypes,
    redirect_uris: redirectUris,
    client_name: body.client_name ?? null,
    contacts: body.contacts ?? [],
    cds_status: status,
  };
  for (const field of ['client_uri', 'logo_uri', 'tos_uri', 'policy_uri'] as const) {
    const value = body[field];
    if (value) next[field] = value;
    else delete next[field];
  }
  if (code) {
    // An unchanged echo of the default scope follows a narrowed scope; a new value must fit it.
    const echoed = body.cds_default_scope === undefined || body.cds_default_scope === current.cds_default_scope;
    let tokens = (body.cds_default_scope ?? scope).split(' ').filter(Boolean);
    if (echoed) tokens = tokens.filter((t) => scopeTokens.includes(t));
    if (echoed && tokens.length === 0) tokens = scopeTokens;
    if (tokens.length === 0 || !tokens.every((t) => scopeTokens.includes(t))) throw invalid('cds_default_scope must be part of scope');
    next.cds_default_scope = tokens.join(' ');
    const defaultRedirect = body.cds_default_redirect_uri
      ?? (redirectUris.includes(fallbackRedirect!) ? fallbackRedirect! : redirectUris[0]);
    if (!redirectUris.includes(defaultRedirect)) throw invalid('cds_default_redirect_uri must be one of redirect_uris (A8)');
    next.cds_default_redirect_uri = defaultRedirect;
    next.cds_default_authorization_details = (body.cds_default_authorization_details ?? []) as AuthorizationDetail[];
  }

  // Members managed by extensions (e.g. cds-wg3-01 §8.2 `cds_purposes`) follow their own rules,
  // which may hold a change for the Server's review.
  const managed = { ...next.registration_fields };
  for (const [name, rules] of Object.entries(ctx.scopes.clientFields)) {
    if (!(name in current.registration_fields) && rawBody[name] === undefined) continue;
    const outcome = rules.onModify(current.registration_fields[name], rawBody[name], scopeTokens);
    if (!outcome.ok) throw invalid(`${name}: ${outcome.error_description}`);
    if (outcome.value === undefined) delete managed[name];
    else managed[name] = outcome.value;
    if (outcome.review !== undefined) pending.push({ field: name, previous_value: outcome.value, new_value: outcome.review });
  }
  next.registration_fields = managed;
  // Checked against the Client as it is after this request: its scope and its Purposes (cds-wg3-01 §7.4.4).
  const problem = ctx.scopes.checkAuthorizationDetails(next.cds_default_authorization_details ?? [], adTypes, next);
  if (problem) throw invalid(`cds_default_authorization_details: ${problem}`);

  const before = renderClient(current, ctx.urls) as Record<string, unknown>;
  const after = renderClient(next, ctx.urls) as Record<string, unknown>;
  const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((k) => k !== 'cds_modified' && !isDeepStrictEqual(before[k], after[k]));
  return { client: next, changed, pending };
}

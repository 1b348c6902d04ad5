import { JsonDecimal } from '../json';
import { INTROSPECTION_ENDPOINT_AUTH_METHODS, RESPONSE_MODES } from '../oauth/paths';
import type { RegistrationField, ScopeClient, ScopeRegistry } from '../scopes';
import type { CoverageSetting, Wg1Settings } from './settings';
import type { Wg1Urls } from './urls';

/** `/cds-coverage/<id>.geojson`: where a configured GeoJSON outline is served. */
export const geojsonPath = (id: string) => `/cds-coverage/${id}.geojson`;

/** A Coverage Entry (01§4.3) as published. */
export function coverageEntry(entry: CoverageSetting, urls: Wg1Urls): Record<string, unknown> {
  const { geojson, ...published } = entry;
  return { ...published, ...(geojson && { geojson_resource: `${urls.base}${geojsonPath(entry.id)}` }) };
}

/** The capabilities the Server offers: `oauth` (cds-wg1-02 §3.1), `coverage`, and every entry's (01§3.2). */
export function capabilities(settings: Wg1Settings): string[] {
  const out = new Set(['oauth']);
  if (settings.coverage.length > 0) out.add('coverage');
  for (const entry of settings.coverage) for (const c of entry.capabilities) out.add(c);
  return [...out];
}

/** Documentation URLs, defaulting to this Server's own pages. */
export function serverLinks(settings: Wg1Settings, urls: Wg1Urls) {
  const s = settings.server;
  return {
    website: s.website ?? urls.docs('about'),
    documentation: s.documentation ?? urls.docs(),
    support: s.support ?? urls.docs('support'),
    service_documentation: s.service_documentation ?? urls.docs('oauth'),
    op_policy_uri: s.op_policy_uri ?? urls.docs('policy'),
    op_tos_uri: s.op_tos_uri ?? urls.docs('terms'),
  };
}

/**
 * The CDS Server Metadata object (01§3.2 with the cds-wg1-02 §3.1 `oauth` extension). `at` is where
 * this copy is served and `oauthMetadata` the ASM it points to (public, or a Client's own).
 */
export function serverMetadata(settings: Wg1Settings, urls: Wg1Urls, at: { self: string; oauthMetadata: string }) {
  const links = serverLinks(settings, urls);
  return {
    cds_metadata_version: 'v1',
    cds_metadata_url: at.self,
    created: settings.server.created,
    updated: settings.server.updated,
    name: settings.server.name,
    description: settings.server.description,
    website: links.website,
    documentation: links.documentation,
    support: links.support,
    capabilities: capabilities(settings),
    ...(settings.coverage.length > 0 && { coverage: urls.coverage }),
    ...(settings.server.related_metadata && { related_metadata: settings.server.related_metadata }),
    oauth_metadata: at.oauthMetadata,
  };
}

const union = (lists: string[][]) => [...new Set(lists.flat())];

/** `amount` leaves as its exact decimal token (§2). */
function publishedField(field: RegistrationField): Record<string, unknown> {
  return field.amount === undefined ? field : { ...field, amount: new JsonDecimal(field.amount) };
}

/**
 * The Authorization Server Metadata object: RFC 8414 plus cds-wg1-02 §3.2. Every union the
 * section asks for is computed from the Scope Descriptions, so it cannot drift from them; the
 * registry refuses an SD offering what the authorization server does not implement. Members the
 * server does not support (DPoP, signed requests, JWT client authentication) are left out.
 * With `client`, the Scope Descriptions are that Client's own (cds-wg3-01 §5, e.g. its Purposes).
 */
export function authorizationServerMetadata(
  registry: ScopeRegistry, settings: Wg1Settings, urls: Wg1Urls, timezone: string,
  options: { registrationEndpoint: boolean; client?: ScopeClient },
) {
  const scopes = (options.client ? registry.forClient(options.client) : registry).all();
  const links = serverLinks(settings, urls);
  const responseTypes = union(scopes.map((s) => s.response_types_supported));
  const authMethods = union(scopes.map((s) => s.token_endpoint_auth_methods_supported));
  const hasFiles = scopes.some((s) => s.type === 'cds_server_provided_files');
  return {
    issuer: urls.base,
    authorization_endpoint: urls.authorize,
    token_endpoint: urls.token,
    jwks_uri: urls.jwks,
    ...(options.registrationEndpoint && { registration_endpoint: urls.registration }),
    scopes_supported: scopes.map((s) => s.id),
    response_types_supported: responseTypes,
    response_modes_supported: [...RESPONSE_MODES],
    grant_types_supported: union(scopes.map((s) => s.grant_types_supported)),
    token_endpoint_auth_methods_supported: authMethods,
    code_challenge_methods_supported: union(scopes.map((s) => s.code_challenge_methods_supported)),
    authorization_details_types_supported: union(scopes.map((s) => s.authorization_details_types_supported)),
    service_documentation: links.service_documentation,
    op_policy_uri: links.op_policy_uri,
    op_tos_uri: links.op_tos_uri,
    revocation_endpoint: urls.revocation,
    // RFC 7009 §2.1: a Client revokes with the authentication it uses at the token endpoint.
    revocation_endpoint_auth_methods_supported: authMethods,
    introspection_endpoint: urls.introspection,
    introspection_endpoint_auth_methods_supported: [...INTROSPECTION_ENDPOINT_AUTH_METHODS],
    // RFC 9126: REQUIRED by §3.2 whenever user authorization exists; offered in any case, never
    // required (a plain authorization request works too).
    pushed_authorization_request_endpoint: urls.par,
    require_pushed_authorization_requests: false,
    // RFC 9207: every authorization response (code or error) carries `iss`.
    authorization_response_iss_parameter_supported: true,
    cds_oauth_version: 'v1',
    cds_human_registration: urls.humanRegistration,
    cds_timezone: timezone,
    ...(responseTypes.length > 0 && { cds_test_accounts: urls.testAccounts }),
    cds_clients_api: urls.clientsApi,
    cds_messages_api: urls.messagesApi,
    cds_credentials_api: urls.credentialsApi,
    cds_grants_api: urls.grantsApi,
    ...(hasFiles && { cds_server_provided_files_api: urls.filesApi }),
    cds_scope_descriptions: Object.fromEntries(scopes.map((s) => [s.id, s])),
    cds_registration_fields: Object.fromEntries(
      Object.entries(registry.publishedRegistrationFields()).map(([id, f]) => [id, publishedField(f)]),
    ),
    ...registry.serverMetadata(),
  };
}

import type { Wg1Urls } from '../metadata/urls';
import type { ClientObject, ClientRecord } from './schema';

/** The Client Object of §5.1: RFC 7591 fields, RFC 9396 types, the cds_* fields, then registration fields. */
export function renderClient(client: ClientRecord, urls: Wg1Urls): ClientObject {
  const out: ClientObject = {
    client_id: client.client_id,
    client_id_issued_at: client.client_id_issued_at,
    scope: client.scope,
    redirect_uris: client.redirect_uris,
    token_endpoint_auth_method: client.token_endpoint_auth_method,
    grant_types: client.grant_types,
    response_types: client.response_types,
    client_name: client.client_name ?? client.client_id,
    contacts: client.contacts,
    authorization_details_types: client.authorization_details_types,
    ...(client.client_uri !== undefined && { client_uri: client.client_uri }),
    ...(client.logo_uri !== undefined && { logo_uri: client.logo_uri }),
    ...(client.tos_uri !== undefined && { tos_uri: client.tos_uri }),
    ...(client.policy_uri !== undefined && { policy_uri: client.policy_uri }),
    cds_created: client.cds_created,
    cds_modified: client.cds_modified,
    cds_client_uri: urls.client(client.client_id),
    cds_status: client.cds_status,
    cds_status_options: client.cds_status_options,
    cds_server_metadata: urls.clientServerMetadata(client.client_id),
  };
  if (client.response_types.length > 0) {
    out.cds_default_scope = client.cds_default_scope ?? client.scope;
    out.cds_default_redirect_uri = client.cds_default_redirect_uri ?? client.default_redirect_uri ?? undefined;
    out.cds_default_authorization_details = client.cds_default_authorization_details ?? [];
  }
  // Registration fields come last (as in §12.5) and never shadow a field of the object itself.
  const extra = Object.fromEntries(Object.entries(client.registration_fields).filter(([k]) => !(k in out)));
  return { ...out, ...extra };
}

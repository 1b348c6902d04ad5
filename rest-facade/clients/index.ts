/**
 * Client Objects (cds-wg1-02 §5).
 *
 * Repository (for the token and authorize endpoints):
 *   new ClientRepository(store)
 *   clients.get(clientId): Promise<ClientRecord | null>
 *   clients.getOwned(registrationId, clientId): Promise<ClientRecord | null>
 *   clients.ofRegistration(registrationId): Promise<ClientRecord[]>
 *   clientIsUsable(client): boolean              // false once disabled (§5.2)
 *
 * ClientRecord holds the §5.1 fields as stored: `scope`, `grant_types`, `response_types`,
 * `token_endpoint_auth_method`, `redirect_uris`, `cds_status`, `authorization_details_types`,
 * `cds_default_scope` / `cds_default_redirect_uri` / `cds_default_authorization_details` (code-flow
 * Clients), `default_redirect_uri` (the Server's receipt redirect, §4.2) and `registration_id`.
 * Use `effectiveDefaults(client)` for the values an authorization request falls back to, and
 * `fieldChangesMessage(clientId, updates, urls)` for the Message that holds changes for review.
 */
import type { ClientRecord } from './schema';

export { ClientRepository, type ClientFilters } from './repository';
export { fieldChangesMessage } from './fieldChanges';
export { renderClient } from './render';
export {
  CLIENT_STATUSES, clientListingSchema, clientObjectSchema, clientRecordSchema, clientStatusSchema,
  type ClientObject, type ClientRecord, type ClientStatus,
} from './schema';

export function clientIsUsable(client: ClientRecord): boolean {
  return client.cds_status !== 'disabled';
}

/** What an authorization request without `scope` / `redirect_uri` / `authorization_details` uses (§5.1). */
export function effectiveDefaults(client: ClientRecord): {
  scope: string; redirect_uri: string | null; authorization_details: { type: string }[];
} {
  return {
    scope: client.cds_default_scope ?? client.scope,
    redirect_uri: client.cds_default_redirect_uri ?? client.default_redirect_uri,
    authorization_details: client.cds_default_authorization_details ?? [],
  };
}

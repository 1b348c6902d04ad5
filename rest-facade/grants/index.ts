/**
 * Grants (cds-wg1-02 §8).
 *
 * Repository (for the token, authorize and consent side):
 *   new GrantRepository(store, clock)
 *   grants.get(grantId): Promise<GrantRecord | null>
 *   grants.create(input: NewGrant): Promise<GrantRecord>                 // a user authorization etc.
 *   grants.update(previous, changes): Promise<GrantRecord>               // `modified` advances
 *   grants.upsertClientCredentialsGrant({ registration_id, client_id, scope, authorization_details })
 *       the Grant behind a client_credentials issuance (reused when identical and live, A31)
 *   grants.ofClient(registrationId, clientId): Promise<GrantRecord[]>
 *   grantAccess(grant, nowMs): { status, enabled_scope, enabled_authorization_details, hasAccess }
 *       tokens tied to a Grant work only while `hasAccess` (no-access statuses of §8.2, `not_before`,
 *       `not_after`); check it on every request so revocation is immediate
 */
export { grantAccess, scopeTokens, type GrantAccess } from './access';
export { GrantRepository, canonicalJson, type GrantFilters, type NewGrant } from './repository';
export { renderGrant } from './render';
export {
  GRANT_ORIGINS, GRANT_STATUSES, NO_ACCESS_STATUSES, authorizationDetailSchema, grantListingSchema,
  grantObjectSchema, grantRecordSchema, grantStatusSchema, type GrantObject, type GrantRecord, type GrantStatus,
} from './schema';

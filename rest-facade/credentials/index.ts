/**
 * Credentials (cds-wg1-02 §7).
 *
 * Repository (for the token endpoint and the bearer middleware):
 *   new CredentialRepository(store, clock, clientRepository)
 *   credentials.verifyClientSecret(clientId, secret): Promise<CredentialRecord | null>
 *       the active Credential of that Client whose secret this is (constant-time per Credential)
 *   credentials.get(credentialId): Promise<CredentialRecord | null>
 *   credentialIsActive(credential, nowSeconds): boolean
 *       tokens record the `credential_id` that minted them and die with it (§7.6: an expiry set to
 *       now or earlier revokes every token issued through it; a disabled Client's Credentials expire)
 *
 * Secrets are stored as SHA-256 digests and shown once (see CredentialRepository).
 */
export { CredentialRepository, credentialIsActive, type CredentialFilters } from './repository';
export {
  CREDENTIAL_TYPES, credentialListingSchema, credentialObjectSchema, credentialRecordSchema,
  type CredentialObject, type CredentialRecord,
} from './schema';
export { maskedSecret, newClientSecret, secretDigest, secretMatches } from './secret';

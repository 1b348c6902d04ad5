/**
 * Scope registry (cds-wg1-02 §3.3–§3.10).
 *
 *   createScopeRegistry(publicUrl, settings, coverageIds, { timezone, clock? }): ScopeRegistry
 *   registry.get(id) / all() / ofType(type) / field(id)
 *   registry.publishedRegistrationFields()        → `cds_registration_fields`
 *   registry.checkAuthorizationDetails(entries, allowedTypes, client?): string | null
 *   registry.forClient(client): ClientScopes     → one Client's Scope Descriptions (get / all) and
 *                                                  the Purposes its `purpose` fields offer (purpose(id))
 *   registry.documentationPages()                 → the pages providers' `documentation` URLs name
 *
 * Providers: ./providers.ts lists them; a provider returns Scope Descriptions, Registration Fields
 * and Authorization Server Metadata members (interface ScopeProvider).
 */
import { scopeProviders } from './providers';
import { ScopeRegistry } from './registry';
import type { ScopeSettings } from './settings';

export {
  CLIENT_ADMIN_SCOPE, GRANT_ADMIN_TYPE, SERVER_PROVIDED_FILES_TYPE, SERVER_PROVIDED_FILES_DESCRIPTION,
  clientAdminScope, grantAdminScope, serverProvidedFilesScope,
  type ScopeDocs, type ServerProvidedFilesSetting,
} from './builtin';
export {
  ClientScopes, ScopeRegistry, type AuthorizationDetail, type CheckMoment, type ClientFieldRules, type ClientOffer, type FieldOutcome,
  type OfferedPurpose, type RegistrationFieldSetting, type ScopeClient, type ScopeContext, type ScopeLookup, type ScopeProvider,
} from './registry';
export {
  ADF_FORMATS, REGISTRATION_FIELD_FORMATS, REGISTRATION_FIELD_TYPES,
  authorizationDetailsFieldSchema, choiceSchema, decimalTextSchema, registrationFieldSchema, scopeDescriptionSchema,
  type AuthorizationDetailsField, type Choice, type RegistrationField, type RegistrationFieldType, type ScopeDescription,
} from './schema';
export { DEFAULT_GRANT_ADMIN_SCOPE, defaultScopeSettings, type ScopeSettings } from './settings';
export type { DocumentationPage, DocumentationSection } from './documentation';

/** Documentation anchors for scopes and fields live on the Server's scope page. */
export function scopeDocs(publicUrl: string) {
  return (anchor: string) => `${publicUrl}/docs/scopes#${encodeURIComponent(anchor)}`;
}

/** `server`: the deployment's `cds_timezone` and clock, for checks with relative bounds (§3.9). */
export function createScopeRegistry(
  publicUrl: string, settings: ScopeSettings, coverageIds: string[], server: { timezone: string; clock?: () => number },
): ScopeRegistry {
  return new ScopeRegistry({ publicUrl, docs: scopeDocs(publicUrl), coverageIds, ...server }, scopeProviders(settings));
}

/**
 * The authorization_details engine (cds-wg3-01 §7, cds-wg1-02 §3.8/§3.9, RFC 9396), shared by the
 * authorization endpoint, PAR and the token endpoint.
 *
 *   const result = validateAuthorizationDetails({
 *     scope, authorizationDetails, flow: 'authorization_code' | 'client_credentials',
 *     scopeDescriptions, policies, timezone: config.CDS_TIMEZONE,
 *   });
 *   if (!result.ok) → RFC 6749/9396 error { error, error_description } (redirect or 400)
 *   // at approval (code flow) or at the token request (client_credentials):
 *   const granted = resolveDurations(result.entries, { now, timezone });
 *   grant.authorization_details = echoed(granted);   // also the token response's authorization_details
 *
 * The selection/ folder turns granted entries plus the Customer's choice into what is visible.
 */
export { validateAuthorizationDetails } from './validate';
export { resolveDurations } from './resolve';
export { echoed } from './echo';
export type {
  AuthorizationDetailsEntry, ResolvedAuthorizationDetailsEntry, DirectAccessPolicy, Flow, ValidationInput,
  ValidationResult, ValidationSuccess,
} from './entry';
export type { AuthorizationDetailsError, AuthorizationDetailsErrorCode } from './errors';
export {
  FIELDS, fieldSpec, isPreselection, durationField, PRESELECTION_FIELDS, INCLUDE_FIELDS, DURATION_FIELDS,
  SELECTION_TYPES, isSelectionType, type FieldSpec, type ObjectKind, type SelectionType, type RevealedObject,
} from './fields';
export {
  parseDurationValue, resolveDurationValue, type DurationFormat, type DurationDirection, type DurationValue, type Moment,
} from './durations';
export { jwkProblem, jwkThumbprint, type EcPublicJwk } from './jwk';
export { valueProblem } from './fieldValue';
export { scopeDescriptionProblems } from './scopeDescriptionRules';
export * from './selection';

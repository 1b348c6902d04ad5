/**
 * The access resolver and asynchronous Grants (cds-wg3-01 §6, §4.11; cds-wg1-02 §8.2).
 *
 *   createAccessServices(deps): { resolver, admit, worker }
 *   resolver.resolve(req.auth | { grantIds }): Promise<Access>   // what each Customer Data API may serve
 *   resolver.invalidate(grantId)
 *   admit(grant)        // token endpoint hook: a usage Grant over aggregations, or an aggregations
 *                       // query by addresses, leaves as `pending` (§6, §4.11)
 *   worker.start(ms) / worker.runOnce() / worker.stop()         // advances pending Grants (store-coordinated)
 *
 * Access (./access.ts): per Customer Data API, one part per Grant — id sets (or `all` for a direct
 * scope without preselections), windows (statement dates, section dates, usage per meter), the
 * OPTIONAL fields the Grant reveals — plus the Grants' standing and `jwk`. Helpers in ./union.ts:
 * visibleIds, fieldsFor, hasId, unionPeriods, windowsOf, intersect, mergeWindows.
 */
export * from './access';
export { fieldsFor, hasId, intersect, mergeWindows, unionIds, unionPeriods, visibleIds, windowsOf } from './union';
export { createAccessResolver, type AccessResolver, type RecordedSelections, type ResolverDeps } from './resolve';
export { createAccessServices, type AccessConnections, type AccessDeps, type AccessServices } from './services';
export { cisAccountOwners } from './accountOwners';
export type { AccountOwners } from './aggregationFacts';
export type { SectionFacts } from './usageReferences';
export { graphGrantSource, ReferencedBillSectionsOperation, type GrantGraphSource, type Preselections } from './graphSource';
export { SUFFICIENT_SUB_GRANT_STATUSES } from './pending/subGrants';
export { ResolvedAddresses } from './pending/addressResolution';
export type { PendingGrantWorker } from './pending/worker';

import { grantAccess, type GrantRecord, type GrantStatus } from '../../grants';

/**
 * cds-wg1-02 §8.2 asks a Server to document which sub-Grant statuses satisfy a `needs_sub_grants`
 * parent (docs/grants-async.md). Here the only use case is §4.11 whole-building usage: a
 * `cds_aggregation_consent` sub-Grant counts once its customer has authorized it and for as long as
 * it stays authorized.
 */
export const SUFFICIENT_SUB_GRANT_STATUSES: ReadonlySet<GrantStatus> = new Set(['active']);

/**
 * The parent's status from its sub-Grants: `active` when every remaining one is sufficient
 * (a sub-Grant the Server removed because it was satisfied otherwise no longer counts, §4.11),
 * `needs_sub_grants` while any is not — including one that was authorized and later revoked,
 * expired (as of `nowMs`) or closed, so the aggregated data stops with the consent.
 */
export function parentStatusFrom(children: readonly (GrantRecord | null)[], nowMs: number): 'active' | 'needs_sub_grants' {
  const sufficient = (c: GrantRecord) => SUFFICIENT_SUB_GRANT_STATUSES.has(grantAccess(c, nowMs).status);
  return children.every((c) => c === null || sufficient(c)) ? 'active' : 'needs_sub_grants';
}

/** The Grant fields for a parent in `status`: full access when active, none while consents are missing (§4.11). */
export function parentAccess(parent: GrantRecord, status: 'active' | 'needs_sub_grants'): Pick<GrantRecord, 'status' | 'enabled_scope' | 'enabled_authorization_details' | 'eta'> {
  return status === 'active'
    ? { status, enabled_scope: parent.scope, enabled_authorization_details: parent.authorization_details, eta: null }
    : { status, enabled_scope: '', enabled_authorization_details: [], eta: null };
}

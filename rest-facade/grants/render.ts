import type { Wg1Urls } from '../metadata/urls';
import { grantAccess } from './access';
import type { GrantObject, GrantRecord } from './schema';

/** The Grant object of §8.1 as of `nowMs`. */
export function renderGrant(grant: GrantRecord, urls: Wg1Urls, nowMs: number): GrantObject {
  const access = grantAccess(grant, nowMs);
  return {
    grant_id: grant.grant_id,
    uri: urls.grant(grant.grant_id),
    replacing: grant.replacing.map(urls.grant),
    replaced_by: grant.replaced_by.map(urls.grant),
    parent: grant.parent,
    children: grant.children,
    created: grant.created,
    modified: grant.modified,
    not_before: grant.not_before,
    not_after: grant.not_after,
    eta: access.status === 'pending' ? grant.eta : null,
    expires: grant.expires,
    status: access.status,
    client_id: grant.client_id,
    scope: grant.scope,
    authorization_details: grant.authorization_details,
    states: grant.states,
    receipt_confirmations: grant.receipt_confirmations,
    enabled_scope: access.enabled_scope,
    enabled_authorization_details: access.enabled_authorization_details,
  };
}

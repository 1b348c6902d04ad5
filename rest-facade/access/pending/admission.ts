import type { GrantRecord, GrantRepository } from '../../grants';
import type { ScopeRegistry } from '../../scopes';
import { requestedAddresses } from './addressResolution';
import type { GrantWorkSchedule } from './schedule';
import { requestedAggregations } from './wholeBuilding';

/**
 * Which new Grants start `pending` (cds-wg3-01 §6 asynchronous loading): a usage query over
 * aggregations must be evaluated before anything is released (§4.11), and an aggregations query's
 * `addresses` must be looked up first (§4.11, last paragraph). The Grant is created with
 * `status` `pending`, `enabled_scope` `""`, `enabled_authorization_details` `[]` and an `eta`, and
 * its work is scheduled; ./worker.ts carries it out.
 */

export interface AdmissionDeps {
  grants: GrantRepository;
  scopes: ScopeRegistry;
  schedule: GrantWorkSchedule;
  clock: () => number;
  /** How long the evaluation is expected to take: the first `eta`. */
  etaMs: number;
}

export function needsPreparation(grant: GrantRecord, scopes: ScopeRegistry): boolean {
  return requestedAggregations(grant, scopes).length > 0 || requestedAddresses(grant, scopes).length > 0;
}

/**
 * Called on the Grant behind a token request before the token is returned, so no token ever sees
 * a new Grant active ahead of its evaluation. A reused Grant (its `modified` advanced past
 * `created`, cds-wg1-02 A31) was evaluated already; Grants needing no preparation pass unchanged.
 */
export async function admitGrant(deps: AdmissionDeps, grant: GrantRecord): Promise<GrantRecord> {
  const fresh = grant.created === grant.modified;
  if (!fresh || grant.status !== 'active' || !needsPreparation(grant, deps.scopes)) return grant;
  const now = deps.clock();
  const pending = await deps.grants.update(grant, {
    status: 'pending', enabled_scope: '', enabled_authorization_details: [], eta: new Date(now + deps.etaMs).toISOString(),
  });
  await deps.schedule.schedule(grant.grant_id, now);
  return pending;
}

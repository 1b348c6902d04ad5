import type { AuthorizationDetail } from '../scopes';
import { NO_ACCESS_STATUSES, type GrantRecord, type GrantStatus } from './schema';

export interface GrantAccess {
  status: GrantStatus;
  enabled_scope: string;
  enabled_authorization_details: AuthorizationDetail[];
  /** Whether tokens tied to this Grant may be used now. */
  hasAccess: boolean;
}

/**
 * A Grant's status and enabled access at `nowMs`: `future` ends at `not_before`, access ends at
 * `not_after` (→ `expired`, A35), and a no-access status enables nothing (§8.1, A20).
 */
export function grantAccess(grant: GrantRecord, nowMs: number): GrantAccess {
  let status = grant.status;
  if (status === 'future' && grant.not_before !== null && nowMs >= Date.parse(grant.not_before)) status = 'active';
  if (grant.not_after !== null && nowMs >= Date.parse(grant.not_after) && !NO_ACCESS_STATUSES.has(status)) status = 'expired';
  if (NO_ACCESS_STATUSES.has(status)) return { status, enabled_scope: '', enabled_authorization_details: [], hasAccess: false };
  const hasAccess = grant.enabled_scope !== '' || grant.enabled_authorization_details.length > 0;
  return { status, enabled_scope: grant.enabled_scope, enabled_authorization_details: grant.enabled_authorization_details, hasAccess };
}

/** Space-separated scope string → its tokens (empty string → none). */
export function scopeTokens(scope: string): string[] {
  return scope.split(' ').filter(Boolean);
}

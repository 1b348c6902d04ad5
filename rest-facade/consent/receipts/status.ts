import type { GrantStatus } from '../../grants';

/** The Grant's `status` (WG1 §8.2) in plain words for the receipt (§9.4). */
export const STATUS_WORDS: Record<GrantStatus, string> = {
  active: 'Active — the app can access what you shared',
  pending: 'Being set up — the app will get access shortly',
  partial: 'Active for part of what you approved',
  future: 'Approved, starting later',
  needs_authorization: 'Waiting for your approval',
  needs_sub_grants: 'Waiting for other approvals',
  disabled: 'Turned off by the utility',
  suspended: 'Paused',
  revoked: 'Revoked — the app no longer has access',
  closed: 'Ended by the app — it no longer has access',
  expired: 'Expired — the access period is over',
  delayed: 'Active — updates are running late',
  stopped: 'Active — no longer updated with new data',
  errored: 'Temporarily unavailable because of a problem on our side',
};

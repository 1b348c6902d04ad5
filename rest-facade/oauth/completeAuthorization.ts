import { HttpError, type OAuthErrorCode } from '../errors';
import { CODE_LIFETIME_SECONDS } from './codes';
import { nowSeconds, type OAuthDeps } from './deps';
import { grantGivesAccess } from './liveness';
import { scopeTokens } from './params';
import type { HeldAuthorization, PendingAuthorization } from './pendingAuthorizations';
import { redirectWith } from './redirects';
import type { AuthorizationDetail } from './tokens';

/**
 * How the customer ended the request:
 * - `approve`: the consent pages have created (or, for `cds_grant_id`, updated) the Grant — §8.3 j
 *   and cds-wg3-01 §9.1.1 require that before any token request — and report what was approved,
 *   which may be narrower than what was asked but never wider;
 * - `deny`: the customer declined (RFC 6749 `access_denied`);
 * - `error`: any other ending, e.g. `cds_grant_id_invalid_user` (§8.3 i), `access_denied` after a
 *   failed login (cds-wg3-01 §9.1.2), `invalid_authorization_details` (§9.3.1).
 */
export type AuthorizationOutcome =
  | { outcome: 'approve'; grant_id: string; scope?: string | string[]; authorization_details?: AuthorizationDetail[] }
  | { outcome: 'deny' }
  | { outcome: 'error'; error: OAuthErrorCode | string; error_description?: string };

const gone = () => new HttpError(404, 'invalid_request', 'the authorization request is unknown, expired or already completed');

interface Approval {
  grant_id: string;
  scope: string[];
  details: AuthorizationDetail[];
}

/**
 * An approval must name a Grant of this request's Client that gives access (the one `cds_grant_id`
 * named, if any), and stay within the request: scopes ⊆ requested, entry types ⊆ requested types.
 */
async function checkApproval(deps: OAuthDeps, held: HeldAuthorization, outcome: Extract<AuthorizationOutcome, { outcome: 'approve' }>): Promise<Approval> {
  const { pending, request } = held;
  const scope = outcome.scope === undefined ? pending.scope : Array.isArray(outcome.scope) ? outcome.scope : scopeTokens(outcome.scope);
  const details = outcome.authorization_details ?? pending.authorization_details;
  const asked = new Set(pending.scope);
  const askedTypes = new Set([...pending.authorization_details.map((e) => e.type), ...pending.scope]);
  if (scope.some((s) => !asked.has(s)) || details.some((e) => !askedTypes.has(e.type))) {
    throw new HttpError(400, 'invalid_request', 'the approved access is wider than the request');
  }
  const [grant] = await deps.directory.grants([outcome.grant_id]);
  if (!grant || grant.client_id !== request.client_id || !grantGivesAccess(grant, deps.clock())) {
    throw new HttpError(400, 'invalid_request', 'the approved Grant does not belong to this request or gives no access');
  }
  if (request.cds_grant_id !== null && outcome.grant_id !== request.cds_grant_id) {
    throw new HttpError(400, 'invalid_request', 'a cds_grant_id request must complete with that Grant');
  }
  return { grant_id: grant.grant_id, scope, details };
}

/**
 * Ends a pending authorization exactly once and says where to send the browser: the Client's
 * redirect_uri with `code` (bound to the client, redirect_uri, PKCE challenge and Grant) and
 * `state`, or with `error` and `state`. When the redirect_uri is the Server-created receipt URI no
 * code is issued (nobody could use it): the browser goes there with the `grant_id` (or the error)
 * and the consent pages show the receipt or the Default Redirect Error (cds-wg3-01 §9.1.1, §9.3.3).
 */
export async function completeAuthorization(deps: OAuthDeps, requestId: string, outcome: AuthorizationOutcome): Promise<string> {
  const held = await deps.pending.get(requestId);
  if (!held) throw gone();
  const { request } = held;
  // Only the first completion proceeds; a double submit finds nothing.
  const takeOnce = async () => { if (!(await deps.pending.take(requestId))) throw gone(); };
  const back = (params: Record<string, string | null | undefined>) =>
    redirectWith(request.redirect_uri, { ...params, state: request.state }, deps.issuer);

  if (outcome.outcome !== 'approve') {
    await takeOnce();
    return back(outcome.outcome === 'deny'
      ? { error: 'access_denied', error_description: 'the customer declined the request' }
      : { error: outcome.error, error_description: outcome.error_description });
  }
  const approval = await checkApproval(deps, held, outcome);
  await takeOnce();
  if (request.redirect_uri_is_server_default) return back({ grant_id: approval.grant_id });
  const code = await deps.codes.issue({
    client_id: request.client_id,
    redirect_uri: request.redirect_uri,
    redirect_uri_given: request.redirect_uri_given,
    code_challenge: request.code_challenge,
    scope: approval.scope,
    authorization_details: approval.details,
    grant_ids: [approval.grant_id],
    exp: nowSeconds(deps) + CODE_LIFETIME_SECONDS,
  });
  return back({ code });
}

/** The request as the consent pages see it, or null when unknown, expired or completed. */
export async function getPendingAuthorization(deps: OAuthDeps, requestId: string): Promise<PendingAuthorization | null> {
  return (await deps.pending.get(requestId))?.pending ?? null;
}

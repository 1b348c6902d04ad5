import { OAuthError } from '../../errors';
import type { AuthenticatedClient } from '../clientAuthentication';
import type { OAuthDeps } from '../deps';
import { issueTokens, type TokenResponse } from '../issue';
import { scopeTokens, single, type RawParams } from '../params';
import { asGranted, checkRequestedAccess, detailsParam, grantAdminScopesIn } from '../requestedAccess';
import { grantAdminTarget } from './grantAdmin';

/** Without `scope` or `authorization_details`, the Client's registered scopes that need no entry (RFC 6749 §3.3). */
function defaultScope(deps: OAuthDeps, clientScope: string): string[] {
  return scopeTokens(clientScope).filter((id) => {
    const sd = deps.scopes.get(id);
    return sd?.grant_types_supported.includes('client_credentials')
      && !sd.authorization_details_fields_supported.some((f) => f.is_required && f.for_types.includes(id));
  });
}

/**
 * RFC 6749 §4.4 with RFC 9396 authorization_details. Every issuance is backed by a Grant of the
 * requesting Client, reused or created, and reported in `cds_grant_ids` (§8.4, digest A31).
 */
export async function clientCredentialsFlow(deps: OAuthDeps, caller: AuthenticatedClient, body: RawParams): Promise<TokenResponse> {
  const { client, credential } = caller;
  if (!client.grant_types.includes('client_credentials')) {
    throw new OAuthError('unauthorized_client', 'this client may not use the client_credentials grant');
  }
  const scopeParam = scopeTokens(single(body, 'scope'));
  const detailsRaw = detailsParam(single(body, 'authorization_details'));
  const requested = scopeParam.length === 0 && detailsRaw === undefined ? defaultScope(deps, client.scope) : scopeParam;
  if (requested.length === 0 && detailsRaw === undefined) throw new OAuthError('invalid_scope', 'no scope requested and no default applies');
  // cds-wg1-02 §3.9: relative values count from the token request.
  const moment = { now: new Date(deps.clock()), timezone: deps.config.CDS_TIMEZONE };
  const access = checkRequestedAccess({
    client, scopes: deps.scopes, route: 'client_credentials', scope: requested, authorization_details: detailsRaw, ...moment,
  });
  const details = asGranted(access.entries, moment);

  const [adminScope, ...more] = grantAdminScopesIn(access.scope, deps.scopes);
  if (adminScope !== undefined) {
    if (more.length > 0) throw new OAuthError('invalid_scope', 'one Grant Admin scope per token request');
    const target = await grantAdminTarget(deps, client, adminScope, scopeParam, details);
    const own = await deps.directory.recordClientCredentialsGrant({
      client_id: client.client_id, scope: adminScope, authorization_details: [target.entry],
    });
    return issueTokens(deps, {
      client, credential,
      scope: [adminScope],
      authorization_details: [target.entry],
      grant_ids: [own.grant_id, target.grant.grant_id],
      target_grant_id: target.grant.grant_id,
      changed_grant_ids: [own.grant_id],
      withRefreshToken: false,
    });
  }

  const grant = await deps.directory.recordClientCredentialsGrant({
    client_id: client.client_id, scope: access.scope.join(' '), authorization_details: details,
    at: moment.now.getTime(), detailsAt: (instant) => asGranted(access.entries, { ...moment, now: instant }),
  });
  return issueTokens(deps, {
    client, credential,
    scope: access.scope,
    authorization_details: details,
    grant_ids: [grant.grant_id],
    changed_grant_ids: [grant.grant_id],
    withRefreshToken: false,
  });
}

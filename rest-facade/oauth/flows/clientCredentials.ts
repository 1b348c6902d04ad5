import { OAuthError } from '../../errors';
import type { AuthenticatedClient } from '../clientAuthentication';
import { nowSeconds, type OAuthDeps } from '../deps';
import { issueTokens, type TokenResponse } from '../issue';
import { scopeTokens, single, type RawParams } from '../params';
import { checkRequestedAccess, grantAdminScopesIn, parseAuthorizationDetails } from '../requestedAccess';
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
  const details = parseAuthorizationDetails(single(body, 'authorization_details')) ?? [];
  const requested = scopeParam.length === 0 && details.length === 0 ? defaultScope(deps, client.scope) : scopeParam;
  if (requested.length === 0 && details.length === 0) throw new OAuthError('invalid_scope', 'no scope requested and no default applies');
  const access = checkRequestedAccess({ client, scopes: deps.scopes, route: 'client_credentials', scope: requested, authorization_details: details });

  const [adminScope, ...more] = grantAdminScopesIn(access.scope, deps.scopes);
  if (adminScope !== undefined) {
    if (more.length > 0) throw new OAuthError('invalid_scope', 'one Grant Admin scope per token request');
    const target = await grantAdminTarget(deps, client, adminScope, scopeParam, access.authorization_details);
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

  const authorizationDetails = deps.authorizationDetails
    ? await deps.authorizationDetails.normalize(access.authorization_details, { scope: access.scope, phase: 'token', now: nowSeconds(deps) })
    : access.authorization_details;
  const grant = await deps.directory.recordClientCredentialsGrant({
    client_id: client.client_id, scope: access.scope.join(' '), authorization_details: authorizationDetails,
  });
  return issueTokens(deps, {
    client, credential,
    scope: access.scope,
    authorization_details: authorizationDetails,
    grant_ids: [grant.grant_id],
    changed_grant_ids: [grant.grant_id],
    withRefreshToken: false,
  });
}

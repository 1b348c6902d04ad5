import { OAuthError } from '../../errors';
import type { OAuthDeps } from '../deps';
import type { OAuthClient, OAuthGrant } from '../directory';
import { grantGivesAccess } from '../liveness';
import { scopeTokens } from '../params';
import type { AuthorizationDetail } from '../tokens';

const invalid = (description: string) => new OAuthError('invalid_authorization_details', description);

export interface GrantAdminTarget {
  entry: AuthorizationDetail & { client_id: string; grant_id: string };
  grant: OAuthGrant;
}

/**
 * The Grant Admin method (cds-wg1-02 §3.3.2, digest A17/A21): exactly one entry naming a Grant of
 * a Client of the same registration, whose enabled access is non-empty and entirely administered
 * by this Grant Admin scope. Any failure is `invalid_authorization_details`; a `scope` other than
 * the entry's type is `invalid_scope`.
 */
export async function grantAdminTarget(
  deps: OAuthDeps,
  caller: OAuthClient,
  adminScope: string,
  requestedScope: string[],
  entries: AuthorizationDetail[],
): Promise<GrantAdminTarget> {
  if (entries.length !== 1) throw invalid('the Grant Admin method takes exactly one authorization_details entry');
  const [entry] = entries;
  if (entry.type !== adminScope) throw invalid(`the authorization_details type must be ${adminScope}`);
  if (requestedScope.some((s) => s !== adminScope)) {
    throw new OAuthError('invalid_scope', `a Grant Admin token request may ask only for scope ${adminScope}`);
  }
  const { client_id: clientId, grant_id: grantId } = entry;
  if (typeof clientId !== 'string' || typeof grantId !== 'string') throw invalid('client_id and grant_id must be strings');
  const [[grant], owner] = await Promise.all([deps.directory.grants([grantId]), deps.directory.client(clientId)]);
  // One message for every kind of miss, so the endpoint reveals nothing about other registrations.
  const unknown = invalid('no such Grant for that client_id in this registration');
  if (!grant || !owner || grant.client_id !== clientId || owner.registration_id !== caller.registration_id) throw unknown;
  if (!grantGivesAccess(grant, deps.clock()) || grant.enabled_scope === '') throw invalid('the Grant gives no access');
  const outside = scopeTokens(grant.enabled_scope).find((id) => deps.scopes.get(id)?.grant_admin_scope !== adminScope);
  if (outside) throw invalid(`scope ${outside} of the Grant is not administered by ${adminScope}`);
  return { entry: entry as GrantAdminTarget['entry'], grant };
}

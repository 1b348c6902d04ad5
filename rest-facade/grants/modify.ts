import { z } from 'zod';
import type { ClientRecord } from '../clients';
import { badRequest } from '../errors';
import { isoAt, type Clock } from '../registration/clock';
import type { AuthorizationDetail, ScopeRegistry } from '../scopes';
import { grantAccess, scopeTokens } from './access';
import { canonicalJson } from './repository';
import type { GrantRecord } from './schema';

const patchSchema = z.object({
  status: z.string().optional(),
  scope: z.string().optional(),
  authorization_details: z.array(z.looseObject({ type: z.string().min(1) })).optional(),
});

export interface GrantModification {
  changes: Partial<GrantRecord>;
  /** 202: the widened access waits for the Server's review (§8.7). */
  review: boolean;
}

/** How long a review usually takes: the `eta` a pending Grant announces. */
const REVIEW_ETA_MS = 7 * 24 * 3600 * 1000;

/**
 * A Grant PATCH (§8.7). `status` accepts only `closed`. A narrower `scope`/`authorization_details`
 * applies at once and never needs a new authorization. Wider access is applied at once for a
 * client_credentials Grant (nobody else has to agree), asks for the user's authorization again for
 * a user's Grant (`needs_authorization`), and goes to the Server's review for a Server-created Grant
 * (202, `pending`). Whatever waits, `enabled_*` shows only what is allowed now.
 */
export function modifyGrant(
  grant: GrantRecord, client: ClientRecord, rawBody: Record<string, unknown>, scopes: ScopeRegistry, clock: Clock,
): GrantModification {
  const parsed = patchSchema.safeParse(rawBody);
  if (!parsed.success) throw badRequest('status and scope are strings; authorization_details is a list of objects with a type');
  const body = parsed.data;
  if (body.status !== undefined && body.status !== 'closed') throw badRequest('status can only be set to closed (§8.7)');

  const access = grantAccess(grant, clock());
  const changesAccess = body.scope !== undefined || body.authorization_details !== undefined;
  if (changesAccess && !access.hasAccess && body.status !== 'closed') {
    throw badRequest(`a ${access.status} Grant gives no access; its scope cannot change`);
  }

  const scope = body.scope !== undefined ? [...new Set(scopeTokens(body.scope))] : scopeTokens(grant.scope);
  const details = (body.authorization_details ?? grant.authorization_details) as AuthorizationDetail[];
  const clientScopes = scopeTokens(client.scope);
  const outside = scope.find((s) => !clientScopes.includes(s));
  if (outside) throw badRequest(`scope ${outside} is not a scope of Client Object ${client.client_id}`);
  // Only what the request sends is checked: a Grant stays closable after its Client changed (e.g. removed a Purpose).
  const problem = body.authorization_details === undefined ? null : scopes.checkAuthorizationDetails(details, client.authorization_details_types, client);
  if (problem) throw badRequest(problem);
  if (scope.length === 0 && details.length === 0) throw badRequest('a Grant needs a scope or authorization_details');

  if (body.status === 'closed') return { changes: { status: 'closed', eta: null }, review: false };
  if (!changesAccess) return { changes: {}, review: false };

  const oldScope = new Set(scopeTokens(grant.scope));
  const oldDetails = new Set(grant.authorization_details.map(canonicalJson));
  const narrower = scope.every((s) => oldScope.has(s)) && details.every((d) => oldDetails.has(canonicalJson(d)));
  const keep = new Set(details.map(canonicalJson));
  const current = {
    enabled_scope: scopeTokens(access.enabled_scope).filter((s) => scope.includes(s)).join(' '),
    enabled_authorization_details: access.enabled_authorization_details.filter((d) => keep.has(canonicalJson(d))),
  };
  const requested = { scope: scope.join(' '), authorization_details: details };
  if (narrower) return { changes: { ...requested, ...current }, review: false };
  switch (grant.origin) {
    case 'client_credentials':
      return { changes: { ...requested, enabled_scope: requested.scope, enabled_authorization_details: details }, review: false };
    case 'authorization_code':
      return { changes: { ...requested, ...current, status: 'needs_authorization' }, review: false };
    case 'server':
      return { changes: { ...requested, ...current, status: 'pending', eta: isoAt(clock() + REVIEW_ETA_MS) }, review: true };
  }
}

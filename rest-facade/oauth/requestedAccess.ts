import { echoed, resolveDurations, validateAuthorizationDetails, type AuthorizationDetailsEntry } from '../authorization-details';
import { OAuthError } from '../errors';
import { GRANT_ADMIN_TYPE, type ScopeDescription, type ScopeRegistry } from '../scopes';
import type { OAuthClient } from './directory';
import { scopeTokens } from './params';
import type { AuthorizationDetail } from './tokens';

/** How the access is being obtained (the engine's `flow`). */
export type AccessRoute = 'client_credentials' | 'authorization_code';

export interface RequestedAccess {
  /** The scopes granted: requested, plus those named by authorization_details types (RFC 9396 §3.1). */
  scope: string[];
  /** The entries after validation, with every field at its value or default (cds-wg3-01 §7). */
  entries: AuthorizationDetailsEntry[];
}

/**
 * Checks what a Client asks for against what it was registered for (RFC 6749 §3.3: unknown or
 * unregistered scopes are `invalid_scope`; RFC 9396 §5: entry types outside the Client's
 * `authorization_details_types` are `invalid_authorization_details`), then hands the request to
 * the authorization_details engine for everything the Client's own Scope Descriptions say about
 * fields, defaults, limits and flows (e.g. only its own Purposes, cds-wg3-01 §7.4.4). Nothing is
 * written.
 */
export function checkRequestedAccess(args: {
  client: OAuthClient;
  scopes: ScopeRegistry;
  route: AccessRoute;
  scope: string[];
  /** The parsed parameter (the engine checks its shape); undefined when none was sent (every field at its default). */
  authorization_details: unknown;
  timezone: string;
  now: Date;
}): RequestedAccess {
  const { client } = args;
  const scopes = args.scopes.forClient(client);
  const registered = scopeTokens(client.scope);
  for (const id of args.scope) {
    if (!scopes.get(id)) throw new OAuthError('invalid_scope', `unknown scope ${id}`);
    if (!registered.includes(id)) throw new OAuthError('invalid_scope', `the client is not registered for scope ${id}`);
  }
  const entries = Array.isArray(args.authorization_details) ? args.authorization_details as unknown[] : [];
  for (const entry of entries) {
    const type = (entry as { type?: unknown } | null)?.type;
    if (typeof type === 'string' && !client.authorization_details_types.includes(type)) {
      throw new OAuthError('invalid_authorization_details', `the client may not use authorization_details type ${type}`);
    }
  }
  const result = validateAuthorizationDetails({
    scope: args.scope.join(' ') || null,
    authorizationDetails: args.authorization_details,
    flow: args.route,
    scopeDescriptions: registered.map((id) => scopes.get(id)).filter((sd): sd is ScopeDescription => sd !== undefined),
    timezone: args.timezone,
    now: args.now,
  });
  if (!result.ok) throw new OAuthError(result.error, result.error_description);
  return { scope: result.scopes, entries: result.entries };
}

/** Entries as a pending authorization request carries them: every value, durations still as submitted. */
export function asSubmitted(entries: AuthorizationDetailsEntry[]): AuthorizationDetail[] {
  return entries.map((e) => ({ ...e.values, type: e.type }));
}

/** Entries as a Grant and a token response carry them (cds-wg3-01 §7.3): durations resolved at `now`. */
export function asGranted(entries: AuthorizationDetailsEntry[], moment: { now: Date; timezone: string }): AuthorizationDetail[] {
  return echoed(resolveDurations(entries, moment)) as AuthorizationDetail[];
}

/** The `authorization_details` parameter parsed (its shape is the engine's to check). Undefined when absent. */
export function detailsParam(raw: string | undefined): unknown {
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new OAuthError('invalid_authorization_details', 'authorization_details is not valid JSON');
  }
}

/** Grant Admin scopes (§3.3.2) among `scope`. */
export function grantAdminScopesIn(scope: string[], scopes: ScopeRegistry): string[] {
  return scope.filter((id) => scopes.get(id)?.type === GRANT_ADMIN_TYPE);
}

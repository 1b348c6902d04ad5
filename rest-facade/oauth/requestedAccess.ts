import { z } from 'zod';
import { OAuthError } from '../errors';
import { GRANT_ADMIN_TYPE, type ScopeDescription, type ScopeRegistry } from '../scopes';
import type { OAuthClient } from './directory';
import { scopeTokens } from './params';
import type { AuthorizationDetail } from './tokens';

const entriesSchema = z.array(z.looseObject({ type: z.string().min(1) })).min(1);

/**
 * RFC 9396 §2: `authorization_details` is a JSON array of objects, each with a string `type`.
 * Undefined when the parameter is absent.
 */
export function parseAuthorizationDetails(raw: string | undefined): AuthorizationDetail[] | undefined {
  if (raw === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new OAuthError('invalid_authorization_details', 'authorization_details is not valid JSON');
  }
  const parsed = entriesSchema.safeParse(json);
  if (!parsed.success) {
    throw new OAuthError('invalid_authorization_details', 'authorization_details must be a non-empty JSON array of objects with a string type');
  }
  return parsed.data as AuthorizationDetail[];
}

/** How the access is being obtained: a token request, or an authorization request (code flow). */
export type AccessRoute = 'client_credentials' | 'authorization_code';

export interface RequestedAccess {
  /** The effective scope: requested scopes plus the scopes named by authorization_details types (§3.3.2). */
  scope: string[];
  authorization_details: AuthorizationDetail[];
}

function supports(sd: ScopeDescription, route: AccessRoute): boolean {
  return route === 'client_credentials'
    ? sd.grant_types_supported.includes('client_credentials')
    : sd.response_types_supported.includes('code') && sd.grant_types_supported.includes('authorization_code');
}

/** Fields an entry of `type` must carry (§3.8 `is_required`). */
function requiredFields(sd: ScopeDescription, type: string): string[] {
  return sd.authorization_details_fields_supported.filter((f) => f.is_required && f.for_types.includes(type)).map((f) => f.id);
}

/**
 * Checks what a Client asks for against what it was registered for and what the scopes allow on
 * this route (RFC 6749 §3.3, RFC 9396 §5, cds-wg1-02 §3.4/§3.8): unknown or unregistered scopes
 * are `invalid_scope`; entries of types the Client may not use, or that break their fields' rules,
 * are `invalid_authorization_details`. Nothing is written.
 */
export function checkRequestedAccess(args: {
  client: OAuthClient;
  scopes: ScopeRegistry;
  route: AccessRoute;
  scope: string[];
  authorization_details: AuthorizationDetail[];
}): RequestedAccess {
  const { client, scopes, route } = args;
  const registered = new Set(scopeTokens(client.scope));
  for (const id of args.scope) {
    const sd = scopes.get(id);
    if (!sd) throw new OAuthError('invalid_scope', `unknown scope ${id}`);
    if (!registered.has(id)) throw new OAuthError('invalid_scope', `the client is not registered for scope ${id}`);
    if (!supports(sd, route)) throw new OAuthError('invalid_scope', `scope ${id} cannot be obtained with ${route}`);
  }
  const effective = new Set(args.scope);
  for (const entry of args.authorization_details) {
    if (!client.authorization_details_types.includes(entry.type)) {
      throw new OAuthError('invalid_authorization_details', `the client may not use authorization_details type ${entry.type}`);
    }
    const sd = scopes.all().find((s) => s.authorization_details_types_supported.includes(entry.type));
    if (!sd || !registered.has(sd.id)) throw new OAuthError('invalid_authorization_details', `authorization_details type ${entry.type} is not available to this client`);
    if (!supports(sd, route)) throw new OAuthError('invalid_authorization_details', `authorization_details type ${entry.type} cannot be obtained with ${route}`);
    const missing = requiredFields(sd, entry.type).find((field) => entry[field] === undefined);
    if (missing) throw new OAuthError('invalid_authorization_details', `authorization_details entry ${entry.type} lacks the required field ${missing}`);
    // An entry whose type is a scope id stands for that scope (§3.3.2, §3.3.3).
    if (sd.id === entry.type) effective.add(sd.id);
  }
  const problem = scopes.checkAuthorizationDetails(args.authorization_details, client.authorization_details_types);
  if (problem) throw new OAuthError('invalid_authorization_details', problem);
  for (const id of effective) {
    const sd = scopes.get(id)!;
    const needed = requiredFields(sd, id);
    if (needed.length > 0 && !args.authorization_details.some((e) => e.type === id)) {
      throw new OAuthError('invalid_authorization_details', `scope ${id} needs an authorization_details entry with ${needed.join(', ')}`);
    }
  }
  return { scope: [...effective], authorization_details: args.authorization_details };
}

/** Grant Admin scopes (§3.3.2) among `scope`. */
export function grantAdminScopesIn(scope: string[], scopes: ScopeRegistry): string[] {
  return scope.filter((id) => scopes.get(id)?.type === GRANT_ADMIN_TYPE);
}

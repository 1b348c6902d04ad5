import { generateKeyPairSync } from 'node:crypto';
import {
  resolveDurations, validateAuthorizationDetails, type Flow, type ResolvedAuthorizationDetailsEntry, type ValidationResult,
} from '../../rest-facade/authorization-details';
import {
  customerDataScopes, demoCustomerDataConfig, type CustomerDataConfig,
} from '../../rest-facade/scopes/customer-data';
import type { ScopeDescription } from '../../rest-facade/scopes/schema';

export const TIMEZONE = 'America/Los_Angeles';
export const PUBLIC_URL = 'https://utility.example';

export function demoConfig(change?: (c: CustomerDataConfig) => void): CustomerDataConfig {
  const config = demoCustomerDataConfig({ publicUrl: PUBLIC_URL, grantAdminScope: 'cds_grant_admin_1' });
  change?.(config);
  return config;
}

export const { descriptions: DESCRIPTIONS, policies: POLICIES } = customerDataScopes(demoConfig());

export function sd(id: string, descriptions: readonly ScopeDescription[] = DESCRIPTIONS): ScopeDescription {
  const found = descriptions.find((d) => d.id === id);
  if (!found) throw new Error(`no scope ${id}`);
  return found;
}

export const flowOf = (d: ScopeDescription): Flow => (d.response_types_supported.includes('code') ? 'authorization_code' : 'client_credentials');

export function validate(args: {
  scope?: string | null;
  details?: unknown;
  flow?: Flow;
  now?: Date;
  descriptions?: readonly ScopeDescription[];
}): ValidationResult {
  const descriptions = args.descriptions ?? DESCRIPTIONS;
  const first = !args.flow && args.scope ? sd(args.scope.split(' ')[0], descriptions) : undefined;
  return validateAuthorizationDetails({
    scope: args.scope,
    authorizationDetails: args.details,
    flow: args.flow ?? (first ? flowOf(first) : 'authorization_code'),
    scopeDescriptions: descriptions,
    policies: POLICIES,
    timezone: TIMEZONE,
    now: args.now,
  });
}

/** Validates and resolves at `now`; fails the test on a rejection. */
export function grant(args: Parameters<typeof validate>[0] & { now: Date }): ResolvedAuthorizationDetailsEntry[] {
  const result = validate(args);
  if (!result.ok) throw new Error(`${result.error}: ${result.error_description}`);
  return resolveDurations(result.entries, { now: args.now, timezone: TIMEZONE });
}

export function publicJwk(curve: 'P-256' | 'P-384' = 'P-256'): Record<string, unknown> {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: curve });
  return publicKey.export({ format: 'jwk' }) as Record<string, unknown>;
}

export function privateJwk(): Record<string, unknown> {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return privateKey.export({ format: 'jwk' }) as Record<string, unknown>;
}

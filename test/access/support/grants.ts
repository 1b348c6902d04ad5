import { echoed, resolveDurations, validateAuthorizationDetails, type SelectionRecord } from '../../../rest-facade/authorization-details';
import { GrantSelections } from '../../../rest-facade/consent';
import type { GrantRecord } from '../../../rest-facade/grants';
import type { AuthorizationDetail } from '../../../rest-facade/scopes';
import type { System } from '../../support/system';

/**
 * Grants made the way the facade makes them: the entry goes through the authorization_details
 * engine (defaults, absolute durations, what is echoed) and is stored in the Grant; a consent
 * Grant gets the Customer's choice recorded beside it, as the consent pages record it.
 */

export interface GrantSpec {
  scope: string;
  /** The entry as a Client would send it (without `type`). */
  entry: Record<string, unknown>;
  /** Consent Grants: the Customer and their choice on the form. */
  customerId?: string;
  selection?: SelectionRecord;
  now: Date;
}

export type Made = { ok: true; grant: GrantRecord } | { ok: false; reason: string };

export async function makeGrant(system: System, spec: GrantSpec): Promise<Made> {
  const { scopes, repos, store, config } = system.facade.context;
  const consent = spec.customerId !== undefined;
  const result = validateAuthorizationDetails({
    scope: spec.scope,
    authorizationDetails: [{ type: spec.scope, ...spec.entry }],
    flow: consent ? 'authorization_code' : 'client_credentials',
    scopeDescriptions: scopes.all(),
    timezone: config.CDS_TIMEZONE,
    now: spec.now,
  });
  if (!result.ok) return { ok: false, reason: result.error_description };
  const details = echoed(resolveDurations(result.entries, { now: spec.now, timezone: config.CDS_TIMEZONE })) as AuthorizationDetail[];
  const grant = await repos.grants.create({
    registration_id: 'registration-of-tests', client_id: consent ? 'consent-client' : 'direct-client',
    origin: consent ? 'authorization_code' : 'client_credentials', subject: spec.customerId ?? null,
    scope: spec.scope, authorization_details: details,
  });
  if (consent) {
    await new GrantSelections(store).put({
      grant_id: grant.grant_id, customer_id: spec.customerId!, approved: spec.now.toISOString(),
      sections: spec.selection ? [{ scopes: [spec.scope], selection: spec.selection }] : [],
    });
  }
  return { ok: true, grant };
}

import { z } from 'zod';
import { modifyPurposes, purposeSchema, registerPurposes, type PurposeMap, type PurposePolicy } from '../../purposes';
import { newId } from '../../registration/ids';
import type { ClientFieldRules, OfferedPurpose, RegistrationFieldSetting, ScopeClient } from '../registry';
import type { CustomerDataConfig } from './config';
import { customerDataScopeType } from './scopeTypes';

/**
 * The Client Object member `cds_purposes` (cds-wg3-01 §8.1) as a registry-managed member: filled at
 * registration with the Server-default Purposes of the Client's scopes plus those submitted through
 * the Registration Field of the same name (§5.1), then changed on the Clients API by the §8.2 rules.
 */
export const PURPOSES_MEMBER = 'cds_purposes';

/** The Registration Field a Client submits its own Purposes with, or null when the Server asks for none. */
export function purposesRegistrationField(config: CustomerDataConfig): RegistrationFieldSetting | null {
  const { registration } = config.clientPurposes;
  if (registration === 'none') return null;
  return {
    id: PURPOSES_MEMBER,
    type: 'registration_field',
    field_name: PURPOSES_MEMBER,
    format: registration === 'required' ? 'purposes' : 'purposes_or_null',
    description: 'The Purposes your app discloses to customers on the authorization form: a list of Purpose objects with "id": "" and "scopes_supported": [] (the Server assigns both).',
    documentation: `${config.documentation}/purposes#client-purposes`,
    ...(registration === 'optional' && { default: null }),
  };
}

/** Where a consent scope lists the Purposes Registration Field (registration_requirements or _optional). */
export function purposesRegistrationLists(config: CustomerDataConfig): { requirements: string[]; optional: string[] } {
  const { registration } = config.clientPurposes;
  return {
    requirements: registration === 'required' ? [PURPOSES_MEMBER] : [],
    optional: registration === 'optional' ? [PURPOSES_MEMBER] : [],
  };
}

const storedSchema = z.record(z.string(), purposeSchema);

/** The Client's consent scopes among `scopes` (only they offer `purpose`, §7.4.4). */
function consentScopesOf(config: CustomerDataConfig, scopes: string[]): string[] {
  return scopes.filter((s) => config.scopes.some((o) => o.id === s && customerDataScopeType(o.type)?.consent));
}

/** §7.4.4: the Server-default Purposes of every scope in `scopes`, kept as the Server publishes them. */
function defaultsFor(config: CustomerDataConfig, scopes: string[]): PurposeMap {
  return Object.fromEntries(Object.entries(config.defaultPurposes).filter(([, p]) => p.scopes_supported.some((s) => scopes.includes(s))));
}

/**
 * The Purposes a Client has now (§8.1): the value of its `cds_purposes` member, plus the defaults
 * of any scope it gained since (their Purposes join it, §7.4.4). The one reading of the member that
 * the Clients API rules, the Client-specific Scope Descriptions and the authorization form share.
 */
export function purposesInEffect(config: CustomerDataConfig, client: ScopeClient): PurposeMap {
  const scopes = consentScopesOf(config, client.scope.split(' '));
  if (scopes.length === 0) return {};
  const stored = storedSchema.safeParse(client.registration_fields[PURPOSES_MEMBER] ?? {});
  return { ...defaultsFor(config, scopes), ...(stored.success ? stored.data : {}) };
}

/**
 * The Purposes a Client's `purpose` fields may name, each marked Server default or Client-written
 * (§9.2.2.4). A Client-written Purpose counts as reviewed only when the Server reviews every
 * Client-written Purpose before it takes effect (`clientPurposes.review`, §8.2).
 */
export function offeredPurposes(config: CustomerDataConfig, client: ScopeClient): Record<string, OfferedPurpose> {
  return Object.fromEntries(Object.entries(purposesInEffect(config, client)).map(([id, purpose]) => {
    const serverDefault = Object.hasOwn(config.defaultPurposes, id);
    return [id, { purpose, serverDefault, reviewed: serverDefault || config.clientPurposes.review }];
  }));
}

export function purposeRules(config: CustomerDataConfig): ClientFieldRules {
  const policyFor = (scopes: string[]): PurposePolicy => ({
    serverDefaults: new Set(Object.keys(config.defaultPurposes)),
    newId,
    // A Client's own Purpose may be shown on any of its consent scopes (the `purpose` field, §7.4.4).
    scopesSupported: () => consentScopesOf(config, scopes),
  });
  const review = config.clientPurposes.review;
  return {
    onRegister(submitted, scopes) {
      if (consentScopesOf(config, scopes).length === 0) return { ok: true, value: undefined };
      const defaults = defaultsFor(config, scopes);
      const result = registerPurposes(submitted, policyFor(scopes), defaults);
      if (!result.ok) return result;
      // Under review, no Client-written Purpose reaches a customer before the Server approved it.
      if (review && result.added.length > 0) return { ok: true, value: defaults, review: result.purposes };
      return { ok: true, value: result.purposes };
    },
    onModify(current, requested, scopes) {
      if (consentScopesOf(config, scopes).length === 0) {
        return requested === undefined
          ? { ok: true, value: current }
          : { ok: false, error_description: 'only Client Objects with Customer Data consent scopes have Purposes (cds-wg3-01 §7.4.4)' };
      }
      const before = purposesInEffect(config, { scope: scopes.join(' '), registration_fields: { [PURPOSES_MEMBER]: current } });
      // An omitted member resets to the Server default (cds-wg1-02 §5.5): the default Purposes alone.
      const result = modifyPurposes(before, requested ?? null, policyFor(scopes));
      if (!result.ok) return result;
      if (review && result.added.length + result.changed.length > 0) {
        return { ok: true, value: before, review: result.purposes };
      }
      return { ok: true, value: result.purposes };
    },
  };
}

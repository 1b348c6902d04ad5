import { modifyPurposes, registerPurposes, type PurposeMap, type PurposePolicy } from '../../purposes';
import { newId } from '../../registration/ids';
import type { ClientFieldRules, RegistrationFieldSetting } from '../registry';
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

export function purposeRules(config: CustomerDataConfig): ClientFieldRules {
  const consentScopes = new Set(config.scopes.filter((o) => customerDataScopeType(o.type)?.consent).map((o) => o.id));
  const consentOf = (scopes: string[]) => scopes.filter((s) => consentScopes.has(s));
  // §7.4.4: the defaults of every scope the Client has, kept as the Server published them.
  const defaultsFor = (scopes: string[]): PurposeMap =>
    Object.fromEntries(Object.entries(config.defaultPurposes).filter(([, p]) => p.scopes_supported.some((s) => scopes.includes(s))));
  const policyFor = (scopes: string[]): PurposePolicy => ({
    serverDefaults: new Set(Object.keys(config.defaultPurposes)),
    newId,
    // A Client's own Purpose may be shown on any of its consent scopes (the `purpose` field, §7.4.4).
    scopesSupported: () => consentOf(scopes),
  });
  return {
    onRegister(submitted, scopes) {
      if (consentOf(scopes).length === 0) return { ok: true, value: undefined };
      const result = registerPurposes(submitted, policyFor(scopes), defaultsFor(scopes));
      return result.ok ? { ok: true, value: result.purposes } : result;
    },
    onModify(current, requested, scopes) {
      if (consentOf(scopes).length === 0) {
        return requested === undefined
          ? { ok: true, value: current }
          : { ok: false, error_description: 'only Client Objects with Customer Data consent scopes have Purposes (cds-wg3-01 §7.4.4)' };
      }
      // Defaults of a scope the Client gained since registration join too.
      const before: PurposeMap = { ...defaultsFor(scopes), ...(current as PurposeMap | undefined) };
      // An omitted member resets to the Server default (cds-wg1-02 §5.5): the default Purposes alone.
      const result = modifyPurposes(before, requested ?? null, policyFor(scopes));
      if (!result.ok) return result;
      if (config.clientPurposes.review && result.added.length + result.changed.length > 0) {
        return { ok: true, value: before, review: result.purposes };
      }
      return { ok: true, value: result.purposes };
    },
  };
}

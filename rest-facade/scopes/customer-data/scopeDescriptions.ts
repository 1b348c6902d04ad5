import { FIELDS, fieldSpec, type FieldSpec, type SelectionType } from '../../authorization-details/fields';
import type { DirectAccessPolicy } from '../../authorization-details/entry';
import { purposeChoices, type PurposeMap } from '../../purposes';
import type { AuthorizationDetailsField, Choice, ScopeDescription } from '../schema';
import type { CatalogueEntry, CustomerDataConfig, ScopeOffer } from './config';
import { purposesRegistrationLists } from './purposes';
import { customerDataScopeType, listedFields, type CustomerDataScopeType } from './scopeTypes';

/**
 * Builds the Scope Descriptions (cds-wg1-02 §3.4) of the Customer Data scopes this Server offers,
 * with their Authorization Details Field objects (§3.8), from the §6 rules and the configuration.
 */

export interface CustomerDataScopes {
  descriptions: ScopeDescription[];
  /** The token-request policies of direct scopes, by scope id (for the engine). */
  policies: Record<string, DirectAccessPolicy>;
}

export interface BuildOptions {
  /**
   * The Client's `cds_purposes` for Client-specific metadata; public metadata lists the Server's
   * default Purposes (§7.4.4).
   */
  purposes?: PurposeMap;
}

function selectionsOf(offer: ScopeOffer, scopeType: CustomerDataScopeType): SelectionType[] {
  if (!scopeType.selections) return [];
  const { must, may } = scopeType.selections;
  const chosen = offer.selections ?? [...must, ...may];
  const allowed = new Set<SelectionType>([...must, ...may]);
  const stray = chosen.filter((s) => !allowed.has(s));
  const missing = must.filter((s) => !chosen.includes(s));
  if (stray.length || missing.length || chosen.length === 0) {
    throw new Error(`scope ${offer.id}: selections must include ${must.join(', ') || 'one of the allowed'} and only ${[...allowed].join(', ')}`);
  }
  return chosen;
}

function choice(config: CustomerDataConfig, field: string, e: CatalogueEntry): Choice {
  return {
    id: e.id, name: e.name, description: e.description,
    documentation: e.documentation ?? `${config.documentation}/choices#${field}-${e.id}`,
  };
}

interface FieldContext {
  config: CustomerDataConfig;
  offer: ScopeOffer;
  scopeType: CustomerDataScopeType;
  rarType: string;
  selections: SelectionType[];
  purposes: PurposeMap;
}

function choicesFor(spec: FieldSpec, ctx: FieldContext): Choice[] | undefined {
  const { config } = ctx;
  const catalogue = (name: keyof Omit<CustomerDataConfig['choices'], 'selections'>) =>
    config.choices[name].map((e) => choice(config, spec.id, e));
  switch (spec.id) {
    case 'service_types': return catalogue('service_types');
    case 'servicepoint_types': return catalogue('servicepoint_types');
    case 'meter_types': return catalogue('meter_types');
    case 'account_programs': return catalogue('account_programs');
    case 'service_programs': return catalogue('service_programs');
    case 'meter_apps': return catalogue('meter_apps');
    case 'authorization_form_selection_type':
      return ctx.selections.map((s) => choice(config, spec.id, { id: s, ...config.choices.selections[s] }));
    case 'purpose':
      return purposeChoices(ctx.purposes, ctx.offer.id, (id) => `${config.documentation}/purposes#${id}`);
    case 'include_usage_segment_value_types':
      // §5.2: every Choice carries its Value Format; the Choice id is the format's id (part 10 #19).
      return config.valueFormats.map((o) => ({
        ...choice(config, spec.id, { id: o.format.id, name: o.name, description: o.description }),
        usagesegment_format: o.format,
      }));
    default:
      return undefined;
  }
}

function defaultFor(spec: FieldSpec, ctx: FieldContext, choices: Choice[] | undefined): unknown {
  const { offer, scopeType, config } = ctx;
  if (Object.hasOwn(scopeType.fixed, spec.id)) return scopeType.fixed[spec.id];
  if (scopeType.implied.includes(spec.id)) {
    // The scope treats it as true; a default of false would echo a value that is not in effect.
    return spec.id === 'include_usage_segment_value_types' ? choices?.map((c) => c.id) : true;
  }
  if (offer.defaults && Object.hasOwn(offer.defaults, spec.id)) return offer.defaults[spec.id];
  switch (spec.kind) {
    case 'preselection':
      return null;
    case 'duration':
      return offer.durations?.[spec.id]?.default ?? config.durations[spec.id].default;
    case 'include':
      if (spec.id === 'include_usage_segment_value_types') return choices?.map((c) => c.id);
      return config.includeDefaults[spec.id] ?? false;
    default:
      break;
  }
  switch (spec.id) {
    case 'authorization_form_selection_type':
      return offer.default_selection ?? ctx.selections[0];
    case 'error_if_no_preselections':
    case 'allow_scope_modifications':
      return false;
    default:
      return null; // merge_selection_with, purpose, jwk
  }
}

function fieldObject(spec: FieldSpec, ctx: FieldContext): AuthorizationDetailsField {
  const { config, offer } = ctx;
  const format = spec.formats[0];
  const choices = choicesFor(spec, ctx);
  const field: AuthorizationDetailsField = {
    id: spec.id,
    name: spec.name,
    description: spec.description,
    documentation: `${config.documentation}/fields#${spec.id}`,
    for_types: [ctx.rarType],
    format,
    // §7: every field of a scope usable in authorization requests is optional. Direct scopes default
    // every field too (a plain `scope` works), except the preselections a token request must carry.
    is_required: false,
  };
  if (offer.required_preselections?.includes(spec.id)) field.is_required = true;
  else field.default = defaultFor(spec, ctx, choices);
  if (spec.kind === 'duration') {
    const bounds = { ...config.durations[spec.id], ...offer.durations?.[spec.id] };
    field.maximum = bounds.maximum;
    field.minimum = bounds.minimum;
  } else if (format === 'string_list_or_null') {
    field.maximum = config.listMaxLength;
    field.minimum = 1;
  } else if (format === 'string_or_null') {
    field.maximum = 1000;
    field.minimum = 1;
  }
  if (choices) field.choices = choices;
  return field;
}

function describe(offer: ScopeOffer, config: CustomerDataConfig, purposes: PurposeMap): ScopeDescription {
  const scopeType = customerDataScopeType(offer.type);
  if (!scopeType) throw new Error(`scope ${offer.id}: ${offer.type} is not a Customer Data scope type`);
  const selections = selectionsOf(offer, scopeType);
  const rarType = offer.rar_type ?? offer.id;
  const listed = listedFields(scopeType, selections);
  const omit = new Set(offer.omit ?? []);
  const cannotOmit = [...omit].filter((id) => scopeType.required.includes(id)
    || selections.some((s) => scopeType.perSelection?.[s]?.includes(id)));
  if (cannotOmit.length) throw new Error(`scope ${offer.id}: ${cannotOmit.join(', ')} cannot be omitted (§${scopeType.section})`);
  if (scopeType.consent && Object.keys(purposes).some((id) => purposes[id].scopes_supported.includes(offer.id))) listed.add('purpose');
  const ctx: FieldContext = { config, offer, scopeType, rarType, selections, purposes };
  // Catalogue order keeps every description in the same, readable order.
  const fields = FIELDS.filter((f) => listed.has(f.id) && !omit.has(f.id)).map((f) => fieldObject(f, ctx));
  // Consent scopes ask for the Client's own Purposes (§5.1, §7.4.4) as the Server configures.
  const purposeFields = scopeType.consent ? purposesRegistrationLists(config) : { requirements: [], optional: [] };
  return {
    id: offer.id,
    type: scopeType.type,
    name: offer.name ?? scopeType.name,
    description: offer.description ?? scopeType.description,
    documentation: `${config.documentation}/scopes#${offer.id}`,
    registration_requirements: [...(offer.registration_requirements ?? []), ...purposeFields.requirements],
    registration_optional: [...(offer.registration_optional ?? []), ...purposeFields.optional],
    response_types_supported: scopeType.consent ? ['code'] : [],
    grant_types_supported: scopeType.consent ? ['authorization_code', 'refresh_token'] : ['client_credentials'],
    token_endpoint_auth_methods_supported: config.tokenEndpointAuthMethods,
    code_challenge_methods_supported: scopeType.consent ? ['S256'] : [],
    coverages_supported: offer.coverages_supported ?? [],
    grant_admin_scope: config.grantAdminScope,
    authorization_details_types_supported: [rarType],
    authorization_details_fields_supported: fields,
  };
}

/** The Scope Descriptions and direct-access policies of every offered Customer Data scope. */
export function customerDataScopes(config: CustomerDataConfig, options: BuildOptions = {}): CustomerDataScopes {
  const purposes = options.purposes ?? config.defaultPurposes;
  const ids = config.scopes.map((s) => s.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new Error(`scope ${duplicate} is configured twice`);
  const descriptions = config.scopes.map((offer) => describe(offer, config, purposes));
  const policies: Record<string, DirectAccessPolicy> = {};
  for (const offer of config.scopes) {
    if (offer.required_preselections || offer.max_preselection_values !== undefined) {
      const unknown = (offer.required_preselections ?? []).filter((id) => fieldSpec(id)?.kind !== 'preselection');
      if (unknown.length) throw new Error(`scope ${offer.id}: ${unknown.join(', ')} are not preselection fields`);
      policies[offer.id] = { required_preselections: offer.required_preselections, max_preselection_values: offer.max_preselection_values };
    }
  }
  return { descriptions, policies };
}

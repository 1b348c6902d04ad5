import { describe, expect, it } from 'vitest';
import { builtinScopeProvider } from './builtinProvider';
import { ScopeRegistry, type ScopeProvider } from './registry';
import type { ScopeDescription } from './schema';
import { defaultScopeSettings, type ScopeSettings } from './settings';

const ctx = { publicUrl: 'https://cds.invalid', docs: (a: string) => `https://cds.invalid/docs#${a}`, coverageIds: ['area_1'], timezone: 'America/Los_Angeles' };
const build = (settings: Partial<ScopeSettings>) => new ScopeRegistry(ctx, [builtinScopeProvider({ ...defaultScopeSettings, ...settings })]);

const custom = (extra: Partial<ScopeDescription>): ScopeDescription => ({
  id: 'example_usage', type: 'example_usage', name: 'Usage', description: 'Usage', documentation: 'https://cds.invalid/docs',
  registration_requirements: [], registration_optional: [], response_types_supported: ['code'],
  grant_types_supported: ['authorization_code'], token_endpoint_auth_methods_supported: ['client_secret_basic'],
  code_challenge_methods_supported: ['S256'], coverages_supported: ['area_1'], grant_admin_scope: 'cds_grant_admin_1',
  authorization_details_types_supported: ['example_usage'], authorization_details_fields_supported: [], ...extra,
});

/** The cross-object MUSTs of cds-wg1-02 §3.3–§3.8 are checked when the deployment starts. */
describe('scope configuration', () => {
  it('accepts the defaults, including a Server-Provided Files scope without grant types (A1)', () => {
    const registry = build({ customScopes: [custom({})] });
    expect(registry.ofType('cds_server_provided_files').map((s) => s.id)).toEqual(['cds_server_provided_files_01']);
    expect(registry.publishedRegistrationFields()).toEqual({});
  });

  it.each<[string, Partial<ScopeSettings>, RegExp]>([
    ['a grant_admin_scope that is not a Grant Admin scope', { customScopes: [custom({ grant_admin_scope: 'cds_client_admin' })] }, /grant_admin_scope/],
    ['PKCE without S256', { customScopes: [custom({ code_challenge_methods_supported: ['plain'] })] }, /S256/],
    ['PKCE methods without authorization_code', { customScopes: [custom({ grant_types_supported: ['client_credentials'] })] }, /code_challenge_methods_supported/],
    ['no grant types', { customScopes: [custom({ grant_types_supported: [], code_challenge_methods_supported: [] })] }, /no grant type/],
    ['an unpublished coverage', { customScopes: [custom({ coverages_supported: ['elsewhere'] })] }, /coverage/],
    ['an undefined registration field', { customScopes: [custom({ registration_requirements: ['nope'] })] }, /nope/],
    ['an optional field without default', {
      customScopes: [custom({ registration_optional: ['name'] })],
      registrationFields: [{ id: 'name', type: 'registration_field', field_name: 'cds_name', format: 'string', description: 'd', documentation: 'https://cds.invalid/d' }],
    }, /default/],
    ['a payment without amount', {
      customScopes: [custom({ registration_requirements: ['fee'] })],
      registrationFields: [{ id: 'fee', type: 'payment_required', description: 'd', documentation: 'https://cds.invalid/d' }],
    }, /amount/],
    ['a Files scope whose Grant Admin scope is missing', { serverProvidedFiles: [{ id: 'files_x', grant_admin_scope: 'cds_grant_admin_9' }] }, /grant_admin_scope/],
    ['a scope described twice', { customScopes: [custom({}), custom({})] }, /twice/],
    // The ASM advertises the SDs' unions, so none may offer what the authorization server refuses.
    ['an authentication method the server does not implement', { customScopes: [custom({ token_endpoint_auth_methods_supported: ['client_secret_post'] })] }, /client_secret_post/],
    ['a response type the server does not implement', { customScopes: [custom({ response_types_supported: ['code', 'token'] })] }, /response_types_supported offers token/],
    ['a grant type the server does not implement', { customScopes: [custom({ grant_types_supported: ['authorization_code', 'password'] })] }, /password/],
  ])('refuses %s', (_what, settings, message) => {
    expect(() => build(settings)).toThrow(message);
  });
});

/** Client-specific Scope Descriptions (cds-wg3-01 §5): a provider's own ids, in their public place. */
describe('scopes as one Client sees them', () => {
  const choiceField = (choices: string[]) => ({
    id: 'tier', name: 'Tier', description: 'Tier', documentation: 'https://cds.invalid/docs', for_types: ['example_usage'],
    format: 'choice', is_required: false, default: null,
    choices: choices.map((id) => ({ id, name: id, description: id, documentation: 'https://cds.invalid/docs' })),
  });
  const described = (choices: string[]) => custom({ authorization_details_fields_supported: [choiceField(choices)] });
  const provider = (forClient: ScopeProvider['forClient']): ScopeProvider => ({
    name: 'tiers',
    scopes: () => [described(['basic'])],
    validateAuthorizationDetail: (sd, entry) =>
      sd.authorization_details_fields_supported[0].choices!.some((c) => c.id === entry.tier) ? null : `tier ${String(entry.tier)} is not offered`,
    forClient,
  });
  const client = { scope: 'example_usage', registration_fields: { tiers: ['basic', 'gold'] } };
  const registry = new ScopeRegistry(ctx, [builtinScopeProvider(defaultScopeSettings), provider((_ctx, c) => ({
    descriptions: [described(c.registration_fields.tiers as string[])],
  }))]);

  it('puts the Client\'s version in place of the public one, keeping the order, and checks entries against it', () => {
    const view = registry.forClient(client);
    expect(view.all().map((sd) => sd.id)).toEqual(registry.all().map((sd) => sd.id));
    expect(view.get('example_usage')!.authorization_details_fields_supported[0].choices!.map((c) => c.id)).toEqual(['basic', 'gold']);
    expect(registry.get('example_usage')!.authorization_details_fields_supported[0].choices!.map((c) => c.id)).toEqual(['basic']);
    const gold = [{ type: 'example_usage', tier: 'gold' }];
    expect(registry.checkAuthorizationDetails(gold, ['example_usage'])).toMatch(/gold is not offered/);
    expect(registry.checkAuthorizationDetails(gold, ['example_usage'], client)).toBeNull();
    expect(view.purpose('gold')).toBeUndefined();
  });

  it('refuses a Client-specific Scope Description the provider does not describe publicly', () => {
    const stray = new ScopeRegistry(ctx, [builtinScopeProvider(defaultScopeSettings), provider(() => ({ descriptions: [custom({ id: 'other', type: 'other' })] }))]);
    expect(() => stray.forClient(client)).toThrow(/other/);
  });
});

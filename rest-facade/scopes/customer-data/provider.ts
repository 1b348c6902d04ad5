import { validateAuthorizationDetails } from '../../authorization-details/validate';
import { describeIssues, purposesFormat, purposesOrNullFormat } from '../../purposes';
import type { ScopeContext, ScopeProvider } from '../registry';
import { demoCustomerDataConfig, type CustomerDataConfig } from './config';
import { customerDataDocumentation } from './documentation';
import { customerDataServerMetadata } from './metadata';
import { offeredPurposes, PURPOSES_MEMBER, purposeRules, purposesRegistrationField } from './purposes';
import { customerDataScopes } from './scopeDescriptions';

export interface CustomerDataProviderOptions {
  grantAdminScope: string | null;
  /** Adjusts the demo configuration (which scopes, limits, catalogue) for a deployment. */
  configure?: (config: CustomerDataConfig) => CustomerDataConfig;
}

/**
 * The cds-wg3-01 scopes as a scope-registry provider: their Scope Descriptions, the §5 metadata
 * members, single-entry checks through the authorization_details engine, the §5.1 registration
 * field formats `purposes` / `purposes_or_null` with the Registration Field that uses them, the
 * Client Object member `cds_purposes` (§8) with each Client's own `purpose` choices, and the
 * documentation pages all of these link to.
 */
export function customerDataScopeProvider(options: CustomerDataProviderOptions): ScopeProvider {
  // One configuration per registry context: every Client-specific view is built from the same one.
  const configs = new WeakMap<ScopeContext, CustomerDataConfig>();
  const configFor = (ctx: ScopeContext) => {
    let config = configs.get(ctx);
    if (!config) {
      config = demoCustomerDataConfig({ publicUrl: ctx.publicUrl, grantAdminScope: options.grantAdminScope });
      if (options.configure) config = options.configure(config);
      configs.set(ctx, config);
    }
    return config;
  };
  const format = (schema: typeof purposesFormat | typeof purposesOrNullFormat) => (value: unknown) => {
    const parsed = schema.safeParse(value);
    return parsed.success ? null : describeIssues(parsed.error, 'purposes');
  };
  return {
    name: 'cds-wg3-01',
    scopes: (ctx) => customerDataScopes(configFor(ctx)).descriptions,
    registrationFields: (ctx) => [purposesRegistrationField(configFor(ctx))].filter((f) => f !== null),
    serverMetadata: (ctx) => {
      const config = configFor(ctx);
      return customerDataServerMetadata(config, customerDataScopes(config).descriptions);
    },
    validateAuthorizationDetail: (sd, entry, moment) => {
      const result = validateAuthorizationDetails({
        scope: sd.id,
        authorizationDetails: [entry],
        flow: sd.response_types_supported.includes('code') ? 'authorization_code' : 'client_credentials',
        scopeDescriptions: [sd],
        timezone: moment.timezone,
        now: moment.now,
      });
      return result.ok ? null : result.error_description;
    },
    registrationFieldFormats: {
      purposes: format(purposesFormat),
      purposes_or_null: format(purposesOrNullFormat),
    },
    clientFields: (ctx) => ({ [PURPOSES_MEMBER]: purposeRules(configFor(ctx)) }),
    // §7.4.4: a Client's metadata offers its own `cds_purposes` as the `purpose` choices.
    forClient: (ctx, client) => {
      const config = configFor(ctx);
      const purposes = offeredPurposes(config, client);
      const map = Object.fromEntries(Object.entries(purposes).map(([id, o]) => [id, o.purpose]));
      return { descriptions: customerDataScopes(config, { purposes: map }).descriptions, purposes };
    },
    documentation: (ctx) => {
      const config = configFor(ctx);
      return customerDataDocumentation(config, customerDataScopes(config).descriptions, ctx.timezone);
    },
  };
}

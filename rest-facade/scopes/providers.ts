import { builtinScopeProvider } from './builtinProvider';
import { customerDataScopeProvider } from './customer-data/provider';
import type { ScopeProvider } from './registry';
import type { ScopeSettings } from './settings';

/**
 * Every scope provider of the deployment. The cds-wg3-01 Customer Data scopes add theirs here with
 * one line (an entry in this list).
 */
export function scopeProviders(settings: ScopeSettings): ScopeProvider[] {
  return [
    builtinScopeProvider(settings),
    customerDataScopeProvider({
      grantAdminScope: settings.grantAdminScopes[0] ?? null,
      configure: (config) => ({
        ...config, clientPurposes: { ...config.clientPurposes, review: settings.reviewClientPurposes ?? config.clientPurposes.review },
      }),
    }),
  ];
}
